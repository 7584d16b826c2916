"""A keyboard-focus tooltip never covers the next button when there is room elsewhere, nor
what a player reads beside the control."""

from __future__ import annotations

import pygame

from game.ui.widgets import Button, FocusRing


def test_the_tip_of_a_wide_button_goes_where_it_hides_no_other_button(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    start = Button("Start", tooltip="Start the default scenario. " * 4)
    tutorial = Button("New here? Start with the tutorial")
    start.rect = pygame.Rect(320, 330, 640, 52)
    tutorial.rect = pygame.Rect(320, 390, 640, 52)
    ring = FocusRing([start, tutorial])
    ring.focus(start)
    ring.keyboard, ring.still = True, 2.0
    surface = pygame.Surface((1280, 720))
    ring.draw_tooltip(surface, app.theme)
    assert ring.tip_rect is not None
    assert not ring.tip_rect.colliderect(tutorial.rect)
    assert surface.get_rect().contains(ring.tip_rect)


def test_an_options_tip_never_covers_the_log_it_is_compared_with(make_app) -> None:  # type: ignore[no-untyped-def]
    # A window playtest: the tip of an agenda row covered the other side's proposal in the
    # log column (the log, or the card of what changed over it). Another, at 1024x600,
    # found the package's worth under the rows hidden whenever a row had the focus. With no
    # free place beside the row, the tip covers the objective beside the agenda, wrapped
    # to its width: never the log, the worth and its bar, or another row.
    from tests.ui.conftest import seated_vs_computer
    for size in ((1024, 600), (1280, 720), (1400, 900), (1920, 1080)):
        app = make_app(size=size)
        table = seated_vs_computer(app)
        for _ in range(200):
            if table.my_turn and not table.pending:
                break
            table.think = 0
            table.skip()
            app.step(0.05)
        column = table.log_rect.union(table.quote_rect)
        for row in table.agenda.rows:
            table.ring.focus(row)
            table.ring.keyboard, table.ring.still = True, 2.0
            app.invalidate()
            app.step(0.0)
            tip = table.ring.tip_rect
            assert tip is not None
            assert not tip.colliderect(column), (size, row.label, tip, column)
            assert app.window.get_rect().contains(tip)
            agenda = table.agenda
            worth = pygame.Rect(agenda.rect.x, agenda.utility_y, agenda.rect.w,
                                agenda.rect.bottom - agenda.utility_y)
            assert not tip.colliderect(worth), (size, row.label, tip, worth)
            assert not any(tip.colliderect(other.rect) for other in agenda.rows)


def test_an_options_tip_says_what_it_is_worth_beside_other_options(make_app) -> None:  # type: ignore[no-untyped-def]
    # "Deconfliction only 60 > Joint planning 50" on its issue read against the US brief
    # (joint strikes worth a great deal once calm is checked): the tip of an option that a
    # combination holds says what it adds or takes away beside the others (joint planning
    # before calm is checked is worth less than the channel alone).
    from game.play.wording import with_others
    from tests.ui.conftest import seated_vs_computer
    app = make_app()
    table = seated_vs_computer(app)  # the US
    scenario = table.session.scenario
    row = next(r for r in table.agenda.rows if r.issue.id == "joint_action")
    for option in row.issue.options:
        row.index = [v for v, _ in row.values].index(option.id)
        table.agenda._changed()
        together = with_others(scenario, "us", "joint_action", option.id)
        if option.id in ("joint_planning", "joint_execution"):
            assert together.startswith("3 points more with Verified calm first or Calm and "
                                       "grounded air force (ceasefire precondition on "
                                       "Damascus) and Once conditions are met (start date)")
            assert "10 points less with No condition or Russian pledge" in together
            assert f"Beside other options, in all: {together}." in row.tooltip
        elif option.id == "deconfliction_only":
            # The channel alone, signed, is worth no more than no deal.
            assert together == "10 points less with No condition (ceasefire precondition "\
                "on Damascus)"
            assert f"Beside other options, in all: {together}." in row.tooltip
        else:
            assert together == "" and "Beside other options" not in row.tooltip


def test_a_tip_wrapped_to_its_spot_is_made_once_not_every_frame(make_app) -> None:  # type: ignore[no-untyped-def]
    # An agenda row's tip is wrapped to the objective panel's width: it is made at the
    # usual width and at the spot's, and both are kept, so that no frame makes either again.
    from game.ui import widgets
    from tests.ui.conftest import seated_vs_computer

    app = make_app(size=(1024, 600))
    table = seated_vs_computer(app)
    table.ring.focus(table.agenda.rows[0])
    table.ring.keyboard, table.ring.still = True, 2.0
    made = []
    real = widgets.wrap

    def wrap(text, font, width):  # type: ignore[no-untyped-def]
        made.append(text)
        return real(text, font, width)

    app.invalidate()
    app.step(0.0)
    tip = table.ring.tip_rect
    assert tip is not None and table.agenda.beside is not None
    assert tip.w <= table.agenda.beside.w
    widgets.wrap = wrap  # type: ignore[assignment]
    try:
        for _ in range(3):
            app.invalidate()
            app.step(0.0)
    finally:
        widgets.wrap = real  # type: ignore[assignment]
    assert table.agenda.rows[0].tooltip not in made


def test_the_debrief_buttons_tip_spares_the_headers_round(make_app) -> None:  # type: ignore[no-untyped-def]
    """Once the talks are over, the tip of "See the debrief", in the header's status line,
    covered the round line above it (a window playtest)."""
    from game.moves import Move
    from tests.ui.conftest import seated_vs_computer

    for size in ((1024, 600), (1400, 900)):
        app = make_app(size=size)
        table = seated_vs_computer(app)
        for _ in range(6000):
            if table.debrief_button.visible:
                break
            if table.my_turn:
                table.play(Move.wait())
            table.think = 0
            table.skip()
            app.step(0.05)
        assert table.debrief_button.visible
        for _ in range(50):  # the front page comes first; the table is under it
            app.step(0.05)
        while app.top is not table:
            app.pop()
        table.ring.focus(table.debrief_button)
        table.ring.keyboard, table.ring.still = True, 2.0
        app.invalidate()
        app.step(0.0)
        tip = table.ring.tip_rect
        assert tip is not None
        rounds = pygame.Rect(table.centre.x, table.centre.y, table.centre.w,
                             table.debrief_button.rect.y - table.centre.y)
        assert not tip.colliderect(rounds), (size, tip, rounds)


def test_a_form_rows_tip_spares_the_panel_that_explains_it(make_app) -> None:  # type: ignore[no-untyped-def]
    """A window playtest: the side's tooltip on the mode screen hid the heading and first
    line of "What this means", and the join screen's hid "How it works". A form's tips go
    in the room under its buttons, covering neither the panel nor another control."""
    from game.ui import flow
    from game.ui.join import JoinScreen
    from game.ui.navigation import JoinClass, Setup
    from game.ui.screen import title_bar

    for size in ((1280, 720), (1024, 600)):
        app = make_app(size=size)
        # The title and the scenario's name under it (a later playtest: the first row's
        # tip hid the scenario's title).
        title = pygame.Rect(0, 0, size[0], title_bar(pygame.Surface(size), app.theme, "A", "B"))
        flow.start(app)
        scenario, _ = flow.load(flow.SCENARIOS / "joint_strikes_2016.yaml")
        assert scenario is not None
        mode = app.push(Setup(scenario))
        join = None
        for screen in (mode, join):
            if screen is None:
                join = screen = app.push(JoinClass())
                assert isinstance(screen, JoinScreen)
            surface = pygame.Surface(size)
            for widget in screen.ring.widgets:
                if not widget.visible or not widget.tooltip:
                    continue
                screen.ring.focus(widget)
                screen.ring.keyboard, screen.ring.still = True, 2.0
                screen.draw(surface)
                tip = screen.ring.tip_rect
                assert tip is not None and surface.get_rect().contains(tip)
                assert not tip.colliderect(screen.explain), (size, widget.texts())
                assert not tip.colliderect(title), (size, widget.texts())
                assert not [w for w in screen.ring.widgets
                            if w is not widget and w.visible and tip.colliderect(w.rect)]


def test_every_screen_with_a_title_bar_keeps_tooltips_off_it() -> None:
    # The class of the mode screen's defect: a screen that draws a title bar says so, and
    # its tooltips then spare it (Screen.tip_avoid).
    import importlib
    import inspect
    import pkgutil

    import game.ui
    from game.ui.screen import Screen

    titled = []
    for module in pkgutil.iter_modules(game.ui.__path__):
        loaded = importlib.import_module(f"game.ui.{module.name}")
        for _, cls in inspect.getmembers(loaded, inspect.isclass):
            if issubclass(cls, Screen) and cls.__module__ == loaded.__name__ and \
                    "title_bar(" in inspect.getsource(cls):
                assert cls.titled, cls.__name__
                titled.append(cls)
    assert len(titled) >= 8
