"""The messages between a class server and its clients: typed, versioned, small.

Every message is a JSON object with the protocol version ``v`` and a ``type``. What a
client sends is validated against :data:`ClientMessage` (unknown fields refused, every
string bounded) before the server looks at it; nothing in it is ever run. A message from
a newer or older protocol is answered with a plain sentence.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from game.moves import Change, Entry, Move
from game.protocol import Choice, GameState

#: The protocol this Parley speaks; a client and server of other versions refuse politely.
#: (2: a move carries the device's number for it, and the server's answer names it.)
PROTOCOL_VERSION = 2
#: The biggest message a client may send, in bytes (a move is about 300).
MAX_CLIENT_MESSAGE = 4096
#: The most characters of a team name (as a game records it).
TEAM_NAME_MAX = 30


class _Message(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    v: int = PROTOCOL_VERSION


# ----- from a client ----------------------------------------------------------------------

class Join(_Message):
    """Sit down at a table (or back at one's own): the class code, the team's name, the
    side wanted (None: any) and whether the team plays the computer."""

    type: Literal["join"] = "join"
    code: str = Field(min_length=1, max_length=40)
    team: str = Field(min_length=1, max_length=TEAM_NAME_MAX)
    side: str | None = Field(default=None, max_length=40)
    computer: bool = False


class Play(_Message):
    """A move for the team's own side."""

    type: Literal["move"] = "move"
    move: dict[str, Any]
    number: int = Field(default=0, ge=0, le=1_000_000)
    """The device's count of its moves: the update or refusal that answers this move
    names it (see ``answers``), so news that was on its way is never taken for the answer."""


ClientMessage = Annotated[Join | Play, Field(discriminator="type")]
_CLIENT = TypeAdapter(ClientMessage)


class BadMessage(ValueError):
    """A client's message that cannot be read; its text can be shown to the client."""


def read_client_message(raw: str | bytes) -> Join | Play:
    """Parse and validate one message from a client; raises :class:`BadMessage` with a
    plain sentence (never the message's content)."""
    if len(raw) > MAX_CLIENT_MESSAGE:
        raise BadMessage(f"message too long: at most {MAX_CLIENT_MESSAGE} bytes")
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        raise BadMessage("a message must be one JSON object") from None
    if not isinstance(data, dict):
        raise BadMessage("a message must be one JSON object")
    if data.get("v") != PROTOCOL_VERSION:
        raise BadMessage(f"this class server speaks protocol version {PROTOCOL_VERSION}; "
                         f"the message is of version {str(data.get('v'))[:10]!r}: use the "
                         "same version of Parley as the teacher")
    try:
        return _CLIENT.validate_python(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])[:60]
        raise BadMessage(f"a message the server cannot read ({where}: {first['msg']})") \
            from None


# ----- from the server --------------------------------------------------------------------

class Welcome(_Message):
    """The team's seat: its table, side and team names, and the scenario as its side may
    see it (see :func:`game.net.redact.side_scenario`)."""

    type: Literal["welcome"] = "welcome"
    table: str
    side: str
    team: str
    scenario: dict[str, Any]
    settings: dict[str, Any]


class Update(_Message):
    """The table now: the record entries from position ``start`` on (what this side may
    see), the public state, this side's moves when it is to move, its fallback and the
    table's status ("waiting" for the other team or the teacher, "playing", "paused",
    "finished")."""

    type: Literal["update"] = "update"
    status: str
    note: str = ""
    teams: dict[str, str] = {}
    humans: list[str] = []
    start: int = 0
    entries: list[dict[str, Any]] = []
    state: dict[str, Any] | None = None
    choices: list[dict[str, Any]] = []
    fallback: float | None = None
    seconds_left: float | None = None
    answers: int | None = None
    """The number of this device's move that this update answers (None: news)."""


class Refused(_Message):
    """A move or a join that is not allowed, and why."""

    type: Literal["refused"] = "refused"
    text: str
    answers: int | None = None
    """The number of this device's move that is refused (None: not a move)."""


class Notice(_Message):
    """A message from the teacher, or the class paused or started again."""

    type: Literal["notice"] = "notice"
    text: str


class Farewell(_Message):
    """This device has left the table (its team joined again from another one): it must
    not come back by itself."""

    type: Literal["farewell"] = "farewell"
    text: str


class Final(_Message):
    """The game is over: the whole save and the scenario's text, for the debrief."""

    type: Literal["final"] = "final"
    save: dict[str, Any]
    scenario: str


ServerMessage = Annotated[Welcome | Update | Refused | Notice | Farewell | Final,
                          Field(discriminator="type")]
SERVER = TypeAdapter(ServerMessage)


# ----- the game's own values as plain data --------------------------------------------------

def state_json(state: GameState) -> dict[str, Any]:
    data = state._asdict()
    data["offers"] = [[side, dict(package)] for side, package in state.offers]
    data["revealed"] = {side: list(issues) for side, issues in state.revealed.items()}
    return data


def state_from_json(data: dict[str, Any]) -> GameState:
    """Raises ``ValueError`` (or ``TypeError``) on data that is not a state."""
    data = dict(data)
    data["offers"] = tuple((str(side), dict(package)) for side, package in data["offers"])
    data["revealed"] = {side: tuple(issues) for side, issues in data["revealed"].items()}
    return GameState(**data)


def entry_from_json(data: dict[str, Any]) -> Entry:
    """Rebuild a record entry from :meth:`Entry.to_json` output; raises ``ValueError`` (or
    ``KeyError``, ``TypeError``) on bad data."""
    move = Move.from_json(data["move"]) if "move" in data else None
    changes = tuple(Change(c["kind"], c["target"], float(c["delta"]), float(c["after"]))
                    for c in data.get("changes", ()))
    return Entry(int(data["turn"]), int(data["round"]), str(data["phase"]), data["kind"],
                 data.get("title", ""), data.get("body", ""), data.get("speaker"), move,
                 data.get("offer"), tuple(data.get("cite", ())), changes,
                 data.get("private"), data.get("ref"), int(data.get("occurrence", 1)))


def choice_json(choice: Choice) -> dict[str, Any]:
    return {"move": choice.move.to_json(), "why_not": choice.why_not}


def choice_from_json(data: dict[str, Any]) -> Choice:
    return Choice(Move.from_json(data["move"]), data.get("why_not"))
