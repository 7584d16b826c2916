"""How far a tactic moves the side it is aimed at, given the state of the talks.

A tactic pushes the other side's stance by its ``pressure`` times that side's own reaction
to its kind (from its personality, which only the engine reads) times a factor computed
here from what both sides can see at the table:

* **a threat** is only as credible as the walk-away it announces. The more the best offer
  the threatening side has had is worth to it above its fallback, the less anyone believes
  it would walk away, and the less the threat moves; a side with no offer yet is believed
  somewhat. Each threat a side has already made weakens the next one.
* **an appeal or a goodwill gesture** works better the more the delegations trust each
  other, and hardly at all when trust is gone.

Every other kind moves the other side by its reaction alone. The engine applies these
factors; the computer negotiator uses the same ones to judge its own tactics.
"""

from __future__ import annotations

#: Kinds whose effect grows with trust.
COOPERATIVE = frozenset({"appeal", "concession"})

#: How much of a threat's push is left when the threatening side has had no offer yet.
UNTESTED_THREAT = 0.75
#: What is left of a threat's push after each earlier threat by the same side.
REPEAT = 0.5


def threat_factor(fallback: float, best_offer: float | None, earlier_threats: int) -> float:
    """The share of a threat's push that lands: *fallback* is the threatening side's
    fallback value, *best_offer* the best the other side has offered it (None: nothing
    yet), *earlier_threats* how many threats it has made before this one.

    >>> threat_factor(0.4, 0.4, 0)
    1.0
    >>> threat_factor(0.4, 0.7, 0)
    0.55
    >>> threat_factor(0.4, 0.4, 1)
    0.5
    """
    if best_offer is None:
        credibility = UNTESTED_THREAT
    else:
        # Walking away from an offer worth 0.3 more than the fallback is hard to believe.
        credibility = min(max(1.0 - 1.5 * (best_offer - fallback), 0.25), 1.0)
    return round(credibility * REPEAT ** earlier_threats, 4)


def goodwill_factor(trust: float | None) -> float:
    """The share of an appeal's or a gesture's push that lands, for *trust* as a share of
    the trust meter's range (0: none, 1: full; None: the scenario has no trust meter).

    >>> goodwill_factor(0.5)
    1.0
    >>> goodwill_factor(0.0)
    0.25
    >>> goodwill_factor(None)
    1.0
    """
    if trust is None:
        return 1.0
    return round(0.25 + 1.5 * min(max(trust, 0.0), 1.0), 4)


def reaction_factor(kind: str, *, fallback: float, best_offer: float | None,
                    earlier_threats: int, trust: float | None) -> float:
    """The factor for a tactic of *kind*, from the arguments of :func:`threat_factor` and
    :func:`goodwill_factor`; 1 for the kinds neither covers."""
    if kind == "threat":
        return threat_factor(fallback, best_offer, earlier_threats)
    if kind in COOPERATIVE:
        return goodwill_factor(trust)
    return 1.0


__all__ = ["COOPERATIVE", "goodwill_factor", "reaction_factor", "threat_factor"]
