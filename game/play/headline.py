"""The end of the talks as a newspaper would print it, for every front end: a headline
from the game's public outcome (a deal or not), the scenario's own name and text for the
outcome, the agreed package issue by issue (or the last proposal left on the table), and
a dateline: the scenario's date, or that of the latest dated event the talks went through
(talks set on 20 May that saw "25 May" arrive end after it).

The wording is Parley's own and fair to both sides: an agreement is something the two
reach together, no deal is something the talks come to, and a walk-out names only who
left. Nothing here is private to a side: no points, no fallbacks.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from game.model import Scenario
from game.moves import Entry
from game.play.wording import offer_rows
from game.protocol import GameState

#: What kind of end the talks came to, for the picture that goes with it.
Ending = Literal["deal", "no_deal", "walkout"]
#: The paper's name, printed above every headline.
MASTHEAD = "The Parley Record"
#: Said under the dateline: the result is the class's, not history's.
SIMULATION = "A classroom simulation: what really happened follows in the debrief."


@dataclass(frozen=True)
class Headline:
    """The front page of the end of the talks."""

    #: The scenario's date, or the latest dated event's the talks went through.
    dateline: str
    #: One or two words above the headline: "Agreement", "No agreement"...
    kicker: str
    headline: str
    #: The scenario's name for the outcome.
    deck: str
    #: The scenario's text for the outcome.
    lede: str
    #: What the rows are: the terms agreed, or the last proposal left on the table.
    terms_title: str
    #: The package issue by issue: (issue name, option name).
    terms: tuple[tuple[str, str], ...]
    ending: Ending
    #: The side that walked out (a walk-out only).
    walked: str | None = None


def front_page(scenario: Scenario, state: GameState, record: Sequence[Entry] = ()
               ) -> Headline:
    """The headline of a finished game, from its public state and its public *record*
    (for the events it went through). Raises ValueError for a game that is not over."""
    if not state.finished or state.outcome is None:
        raise ValueError("the talks are not over: there is no headline yet")
    outcome = next(o for o in scenario.outcomes if o.id == state.outcome)
    first, second = (scenario.sides[s] for s in scenario.side_ids)
    between = f"Talks between {first.called} and {second.called}"
    ending: Ending
    walked = None
    if outcome.trigger == "agreement" and state.agreed is not None:
        kicker, headline, ending = "Agreement", \
            f"{first.called_first} and {second.called} reach an agreement", "deal"
    elif outcome.trigger == "walkout" and state.walked_out is not None:
        walked = state.walked_out
        kicker = "Talks broken off"
        headline = f"{scenario.sides[walked].called_first} walks out of the talks"
        ending = "walkout"
    elif outcome.trigger == "breakdown":
        kicker, headline, ending = "Talks overtaken", f"{between} end without agreement", \
            "no_deal"
    else:
        kicker, headline, ending = "No agreement", f"{between} end without agreement", \
            "no_deal"
    if ending == "deal" and state.agreed is not None:
        terms_title, package = "The terms agreed", state.agreed
    elif state.offers:
        who, package = state.offers[-1]
        terms_title = f"Last proposal on the table, by {scenario.sides[who].called}"
    else:
        terms_title, package = "No proposal was made.", {}
    terms = tuple(offer_rows(scenario, package)) if package else ()
    dates = {event.id: event.date for event in scenario.events if event.date}
    dated = next((e for e in reversed(record)
                  if e.kind == "event" and e.ref in dates and e.private is None), None)
    dateline = scenario.date
    if dated is not None and dated.ref is not None:
        # Talks that went on for rounds after a dated event ended after that day: a
        # walkout dated the day Russia held off its strikes read as a contradiction.
        later = any(e.round > dated.round for e in record)
        dateline = f"After {dates[dated.ref]}" if later else dates[dated.ref]
    return Headline(dateline=dateline, kicker=kicker, headline=headline,
                    deck=outcome.name, lede=outcome.text, terms_title=terms_title,
                    terms=terms, ending=ending, walked=walked)


def boxed(page: Headline, width: int = 78) -> list[str]:
    """The headline in a box of *width* characters, for the terminal.

    >>> print("\\n".join(boxed(Headline("1 May", "Agreement", "A and B agree", "Deal",
    ...       "They agree.", "The terms agreed", (("Start", "Now"),), "deal"), 40)))
    +--------------------------------------+
    | THE PARLEY RECORD              1 MAY |
    |                                      |
    | AGREEMENT                            |
    | A AND B AGREE                        |
    | Deal                                 |
    |                                      |
    | They agree.                          |
    |                                      |
    | The terms agreed:                    |
    |   Start: Now                         |
    +--------------------------------------+
    """
    inner = width - 4

    def row(text: str = "") -> str:
        return f"| {text:<{inner}} |"

    def block(text: str, indent: str = "", hang: str = "") -> list[str]:
        return [row(line) for line in textwrap.wrap(text, inner, initial_indent=indent,
                                                     subsequent_indent=indent + hang,
                                                     break_on_hyphens=False)] or [row()]

    date = page.dateline.upper()
    masthead = MASTHEAD.upper()
    top = f"{masthead}{' ' * max(1, inner - len(masthead) - len(date))}{date}"
    rule = "+" + "-" * (width - 2) + "+"
    lines = [rule, *block(top), row(), *block(page.kicker.upper()),
             *block(page.headline.upper()), *block(page.deck), row(), *block(page.lede),
             row(), *block(f"{page.terms_title}:" if page.terms else page.terms_title)]
    for issue, option in page.terms:
        lines += block(f"{issue}: {option}", "  ", "  ")
    return lines + [rule]
