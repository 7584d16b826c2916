"""Join a class: the window's way to a table on the teacher's class server.

The team types the server's address, the class code and its name, and chooses a side (or
any) and whether it plays another team or the computer. Once the server seats it and the
teacher has started the class, the team reads its brief and sits at the same table screen
as in a game on one computer; its moves go to the server, and the other team's arrive as
they are made (:class:`game.net.client.RemoteTable`).
"""

from __future__ import annotations

import math

from typing import cast

import pygame
from pydantic import ValidationError

from game.net import lan
from game.net.client import Connection, JoinRefused, RemoteTable, ServerGone
from game.net.messages import Join
from game.play.session import Session
from game.save import save_folder
from game.ui.flow import default_scenario_path, load
from game.ui.navigation import Briefing, JoinClass, Table
from game.ui.screen import Host, panel, paragraph, title_bar
from game.ui.setup import EntryField, FormScreen
from game.ui.widgets import Button, Choice, Widget

EXPLAIN = ("Your teacher runs the class on their own computer and gives you its address "
           "and the class code. Type them with your team's name: two teams that join are "
           "seated at one table, one side each, and each sees only its own brief. If your "
           "computer sleeps or loses the network, join again with the same name: your "
           "game is where you left it.")
FOUND = (" The classes this computer hears of on the network are listed first: choose one "
         "to fill in its address.")


class JoinScreen(FormScreen):
    name = "join"
    hint = "Tab or Up/Down: move   Left/Right: change   Enter: next   Esc: back"

    def __init__(self, app: Host, given: JoinClass | None = None) -> None:
        super().__init__(app)
        given = given or JoinClass()
        scenario, _ = load(default_scenario_path())
        sides = [(s, scenario.sides[s].name) for s in scenario.side_ids] if scenario else []
        # "e.g.": drawn in the colour of typed text, a bare example read as an entry already
        # made (a window playtest).
        self.address = EntryField("Teacher's address", "e.g. 192.168.1.20:8765")
        self.code = EntryField("Class code", "e.g. ABCD2345")
        self.team = EntryField("Your team's name", "e.g. Group 3")
        self.address.tooltip = "The address the teacher's screen shows, with its port."
        self.code.tooltip = "The class code the teacher gives (small letters are fine)."
        self.team.tooltip = "Your team's name: join again with the same name to come back."
        self.address.text, self.code.text, self.team.text = \
            given.address, given.code, given.team[:30]
        side_values = [(None, "Any side")] + sides
        chosen = next((n for n, (value, _) in enumerate(side_values) if value == given.side), 0)
        self.side = Choice("Your side", side_values, chosen,
                           tooltip="The side your team would like; any side is fine.")
        self.against = Choice("Against", [(False, "Another team"), (True, "The computer")],
                              1 if given.computer else 0,
                              tooltip="Play another team of the class, or the computer.")
        self.join_button = Button("Join", self._join, kind="primary",
                                  tooltip="Connect to the class server and take a seat.")
        self.back_button = Button("Back", self.back)
        self.rows: list[Widget] = [self.address, self.code, self.team, self.side,
                                   self.against]
        # With zeroconf installed, the classes announced on the local network are listed:
        # choosing one fills in the address.
        self.finder: lan.Finder | None = None
        self.heard: list[lan.FoundClass] = []
        self.found: Choice | None = None
        if lan.available():
            self.finder = lan.Finder()
            self.found = Choice("Found on this network", self._found_values(), 0,
                                self._found_chosen,
                                tooltip="Classes on this network, as their servers announce "
                                        "them: choose one to fill in its address.")
            self.rows.insert(0, self.found)
        self.ring.set(self.rows + [self.join_button, self.back_button])
        self.remote: RemoteTable | None = None
        self.status = ""
        if given.address and given.code and given.team:
            self._join()

    # ----- layout, as the mode screen's -----------------------------------------------------

    def _fields(self) -> list[EntryField]:
        return [self.address, self.code, self.team]

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        self._lay_out_form(size, self.rows, self.join_button, self.back_button)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        title_bar(surface, t, "Join a class", "Each team on its own computer")
        u = t.unit
        y = panel(surface, t, self.explain, "How it works") + u
        x, width = self.explain.x + 2 * u, self.explain.w - 4 * u
        body = t.fonts.get("body")
        y = paragraph(surface, body, EXPLAIN + (FOUND if self.found is not None else ""),
                      t.c["text"], x, y, width, 11, "join text") + u
        if self.status:
            paragraph(surface, t.fonts.get("body", bold=True), self.status, t.c["text"], x,
                      y, width, 4, "join status")

    # ----- joining ----------------------------------------------------------------------------

    def back(self) -> None:
        self._disconnect()
        super().back()

    def leave(self) -> None:
        super().leave()
        self._disconnect()  # a join on its way is given up (once seated, the table has it)
        if self.finder is not None:
            self.finder.close()

    # ----- classes found on the local network ------------------------------------------------

    def _found_values(self) -> list[tuple[lan.FoundClass | None, str]]:
        if self.finder is not None and self.finder.problem:
            return [(None, "None: type the address")]
        first = "Choose one, or type the address" if self.heard else \
            "Looking... or type the address"
        return [(None, first)] + [(found, f"{found.address} ({found.scenario or found.name})")
                                  for found in self.heard]

    def _found_chosen(self, found: lan.FoundClass | None) -> None:
        if found is None:
            return
        if self.address.entry is not None:
            self.address.entry.set_text(found.address)
        self.address.text = found.address
        self.app.invalidate()

    def _listen(self) -> bool:
        """Take in the classes heard of since the last frame; whether any changed."""
        if self.finder is None or self.found is None:
            return False
        heard = self.finder.found()
        if heard == self.heard:
            return False
        chosen = self.found.value
        self.heard = heard
        self.found.values = self._found_values()
        self.found.index = next((n for n, (value, _) in enumerate(self.found.values)
                                 if value is not None and value == chosen), 0)
        self.app.invalidate()
        return True

    def _disconnect(self) -> None:
        if self.remote is not None:
            self.remote.connection.close()
            self.remote = None

    def _say(self, text: str) -> None:
        self.status = " ".join(text.replace("*", " ").split())
        self.app.invalidate()

    def _join(self) -> None:
        if self.remote is not None:
            return
        address = self.address.value.strip()
        if not address:
            self.app.toast("Type the address your teacher gives first.")
            self.ring.focus(self.address)
            self._sync_focus()
            return
        try:
            request = Join(code=self.code.value.strip() or "?", team=self.team.value.strip()
                           or "?", side=self.side.value, computer=self.against.value)
        except ValidationError:
            self.app.toast("A team name is at most 30 characters.")
            return
        if not self.code.value.strip() or not self.team.value.strip():
            self.app.toast("Type the class code and your team's name first.")
            return
        # The window keeps trying for as long as the table is open: a server the teacher
        # starts again gives the team its seat back by itself.
        connection = Connection(address, request, retry_seconds=math.inf)
        self.remote = RemoteTable(connection, self._say, save_folder(), for_window=True)
        connection.start()
        self._say(f"Joining the class at {address}...")

    def update(self, dt: float) -> bool:
        changed = super().update(dt) | self._listen()
        remote = self.remote
        if remote is None:
            return changed
        try:
            remote.poll()
        except (JoinRefused, ServerGone) as exc:
            self._disconnect()
            self._say(f"Not seated: {exc}")
            return True
        if remote.seated and remote.status != "waiting":
            self._sit_down(remote)
            return True
        return changed

    def _sit_down(self, remote: RemoteTable) -> None:
        """The table first, under the team's brief, as a game on one computer begins."""
        self.remote = None  # the table keeps the connection from now on
        self.leave()  # the entries are pygame_gui's: they would stay drawn over the table
        remote.out = lambda text: self.app.toast(" ".join(text.replace("*", " ").split()),
                                                 5.0)
        session = cast(Session, remote)  # it offers the members of a session a table reads
        table = self.app.rebase(Table(session))
        table.waiting_for_briefs = True

        def seated() -> None:
            table.waiting_for_briefs = False

        self.app.push(Briefing(session, remote.side, seated))
