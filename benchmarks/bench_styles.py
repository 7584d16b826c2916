"""Does the game reward good negotiating? Scripted players against the computer.

For each side of the main scenario and of the February scenario, a principled, a hardline
and a careless player play that side against the computer at normal difficulty, 500 seeds
each. Prints, per scenario and side, each style's mean gain over its starting fallback,
the gap principled minus hardline, and whether careless play does worst.

Bluster must not pay even for a player who would take the best the computer ever offered
it: over ``OFFER_GAMES`` seeds, the mean of the best offer the computer made to a hardline
player (in that player's utility) is printed beside the principled player's mean result,
with their difference (target: the principled result is higher). Nor for a "smart bully",
who plays hardline but accepts as soon as an offer is worth at least the principled
player's mean result (and, in the last round, anything better than its fallback): its mean
result and the share of games in which it gets at least the principled mean are printed.
Nor for a patient hard-liner (one threat, its ideal package every turn, the final offer
taken when it beats its fallback): its mean gain and the share of seeds on which it does
at least as well as the principled player on the same seed are printed (target: at most
10%).
"""

from __future__ import annotations

import time
from pathlib import Path

from game.library import DEFAULT_SCENARIO
from game.play.styles import STYLES, patient_hardline, smart_bully
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one, result_utilities, simulate, summary

SCENARIOS = (DEFAULT_SCENARIO, DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
GAMES = 500
#: Seeds for the best offer made to a hardline player.
OFFER_GAMES = 300
JOBS = 2
#: How much more a principled player should gain than a hardline one.
GAP = 0.05


def bench(name: str, value: float, unit: str, target: str) -> None:
    print(f"BENCH {name} {value:.4g} {unit}    # target: {target}", flush=True)


def best_offered_to_bluster(path: Path, side: str, settings: Settings
                            ) -> tuple[float, float, float, float]:
    """(a principled player's mean result, the mean of the best offer the computer made to
    a hardline player, a smart bully's mean result, the share of its games in which it got
    at least the principled mean), in the player's utility, over :data:`OFFER_GAMES`
    seeds."""
    scenario = load_scenario(path)
    computer = scenario.other(side)
    results = [result_utilities(play_one(scenario, seed, settings,
                                         players={side: "principled"}))[side]
               for seed in range(OFFER_GAMES)]
    principled = sum(results) / len(results)
    offers, bullied = [], []
    for seed in range(OFFER_GAMES):
        game = play_one(scenario, seed, settings, players={side: "hardline"})
        made = [game.space.utility_of(side, game.space.package_of(move.chosen))
                for who, move, _ in game.moves if who == computer and move.kind == "propose"]
        offers.append(max(made, default=game.report().batna[side]))
        bullied.append(result_utilities(play_one(
            scenario, seed, settings, players={side: smart_bully(principled)}))[side])
    won = sum(result >= principled for result in bullied) / len(bullied)
    return principled, sum(offers) / len(offers), sum(bullied) / len(bullied), won


def patient_against_principled(path: Path, side: str, settings: Settings
                               ) -> tuple[float, float]:
    """(a patient hard-liner's mean gain over its starting fallback, the share of seeds on
    which it ends at least as well as a principled player on the same seed), over
    :data:`OFFER_GAMES` seeds."""
    scenario = load_scenario(path)
    start = scenario.sides[side].batna.value
    principled = [result_utilities(play_one(scenario, seed, settings,
                                            players={side: "principled"}))[side]
                  for seed in range(OFFER_GAMES)]
    patient = [result_utilities(play_one(scenario, seed, settings,
                                         players={side: patient_hardline}))[side]
               for seed in range(OFFER_GAMES)]
    matched = sum(p >= q - 1e-9 for p, q in zip(patient, principled)) / OFFER_GAMES
    return sum(patient) / OFFER_GAMES - start, matched


def main() -> None:
    start = time.perf_counter()
    settings = Settings(difficulty="normal")
    for path in SCENARIOS:
        scenario, _ = simulate(path, 1, settings=settings)
        for side in scenario.side_ids:
            gains = {}
            for name in STYLES:
                _, tally = simulate(path, GAMES, seed=0, jobs=JOBS, settings=settings,
                                    players={side: name})
                data = summary(scenario, tally, {side: name})
                gains[name] = data["mean_gain"][side]
                bench(f"styles_{scenario.id}_{side}_{name}_mean_gain", gains[name],
                      "utility", "-")
            bench(f"styles_{scenario.id}_{side}_principled_minus_hardline",
                  gains["principled"] - gains["hardline"], "utility", f">= {GAP}")
            worst = gains["careless"] < min(gains["principled"], gains["hardline"])
            bench(f"styles_{scenario.id}_{side}_careless_worst", int(worst), "bool", "1")
            principled, offered, bully, won = best_offered_to_bluster(path, side, settings)
            bench(f"styles_{scenario.id}_{side}_hardline_best_offer", offered, "utility", "-")
            bench(f"styles_{scenario.id}_{side}_principled_result_minus_hardline_best_offer",
                  principled - offered, "utility",
                  f"> 0 (principled result {principled:.3f})")
            bench(f"styles_{scenario.id}_{side}_smart_bully_result", bully, "utility",
                  f"< {principled:.3f} (the principled result)")
            bench(f"styles_{scenario.id}_{side}_smart_bully_reaches_principled", 100 * won,
                  "% of games", "-")
            gain, matched = patient_against_principled(path, side, settings)
            bench(f"styles_{scenario.id}_{side}_patient_hardline_mean_gain", gain, "utility",
                  f"< {gains['principled']:.3f} (the principled gain)")
            bench(f"styles_{scenario.id}_{side}_patient_hardline_matches_principled",
                  100 * matched, "% of seeds", "<= 10 %")
    bench("styles_wall", time.perf_counter() - start, "s", "<= 120 s")


if __name__ == "__main__":
    main()
