"""The window warns under a meter when one heavy blow could end the talks, in the same
words as every front end (:mod:`game.play.danger`), drawn in full."""

from __future__ import annotations

from game.play.danger import dangers
from game.play.session import DEMO
from game.ui import flow, text


def test_the_meter_row_warns_before_the_talks_break_down(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=20)  # a February game in which calm falls to 13
    scenario, _ = flow.load(flow.SCENARIOS / "ceasefire_feb_2016.yaml")
    assert scenario is not None
    flow.start(app)
    flow.begin_game(app, scenario, DEMO)
    table = app.top
    assert table.name == "table"
    for _ in range(6000):
        if any(row.danger for row in table.meters) or table.session.game.finished:
            break
        table.think = 0
        table.skip()
        app.step(0.02)
    warned = [row for row in table.meters if row.danger]
    assert [row.meter.id for row in warned] == ["calm"]
    values = {row.meter.id: row.value for row in table.meters}
    (danger,) = dangers(scenario, values)
    assert warned[0].danger == (f"One more heavy blow could end the talks: "
                                f"\u201c{danger.outcome}\u201d.")
    # Drawn in full, in the colour of bad news, below the bar.
    before = warned[0].height(app.theme, warned[0].rect.w)
    app.invalidate()
    app.step(0.016)
    assert not [o for o in text.OVERFLOWS if o[0] == "meter warning"], text.OVERFLOWS
    row = warned[0]
    assert row.rect.h >= before - 1
    bad = app.theme.c["bad"][:3]
    assert any(app.window.get_at((x, y))[:3] == bad
               for x in range(row.rect.x, row.rect.right)
               for y in range(row.rect.bottom - app.theme.fonts.get("small").get_linesize(),
                              row.rect.bottom))
