"""How the computer answers when the other side asks what matters most to it.

A person at the table may name any issue, deflect or decline; the computer answers by its
personality's ``candour``: fully candid, it names its next true priority; less candid, it
does so only while trust is high enough, sidesteps the question when trust is middling and
refuses when trust is low. It reads only its own view.
"""

from __future__ import annotations

from game.moves import Move
from game.negotiator import Decision, Negotiator
from game.speech import issue_words
from game.view import SideView


def computer_answer(view: SideView) -> Decision:
    """The computer's answer for the side of *view*, which has been asked."""
    me = view.me
    candour = me.personality.candour
    trust = view.state.meters.get("trust", 50.0)
    if candour >= 1.0 or trust >= (1.0 - candour) * 100:
        left = me.ranked(view.known.issues, view.revealed[view.side])
        issue = left[0] if left else me.ranked(view.known.issues)[0]
        return Decision(Move.answer(issue.id),
                        f"Answered truthfully that {issue_words(issue)} matters to it: "
                        f"trust was high enough ({trust:g}) for candour.")
    if trust >= (1.0 - candour) * 50:
        return Decision(Move.deflect(), f"Sidestepped the question: trust ({trust:g}) was "
                                        "too low to show its hand.")
    return Decision(Move.decline(), f"Refused to answer: trust ({trust:g}) was too low to "
                                    "discuss its priorities.")


def computer_move(player: Negotiator, view: SideView) -> Decision:
    """The computer's next move for the side of *view*: its answer when it has been asked
    what matters most, else *player*'s decision."""
    return computer_answer(view) if view.state.asked == view.side else player.decide(view)
