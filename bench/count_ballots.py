"""How long the counting module takes over 100,000 ballots: a motion, and an STV election
with 10 candidates for 3 seats. Run: .venv/bin/python bench/count_ballots.py

Goals (issue 4): the motion tally under 0.5 s, the STV count under 3 s, on one core.
"""

import random
import statistics
import time
from pathlib import Path
import sys

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from portal.decisions.counting import motion, stv  # noqa: E402
from portal.decisions.rules.results import count_bulletin  # noqa: E402

BALLOTS = 100_000
CANDIDATES = list(range(1, 11))


def motion_ballots(rng):
    return rng.choices(["for", "against", "abstain"], weights=[55, 35, 10], k=BALLOTS)


def ranked_ballots(rng):
    # A close field, so that the count runs through many surpluses and exclusions; each
    # voter ranks between 1 and 10 candidates.
    weights = [12, 11, 10, 10, 9, 9, 8, 8, 7, 6]
    ballots = []
    for _ in range(BALLOTS):
        order = sorted(CANDIDATES, key=lambda c: -rng.random() * weights[c - 1])
        ballots.append((tuple(order[: rng.randint(1, 10)]), 1))
    return ballots


def best_of(runs, function):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def main():
    rng = random.Random(2026)
    answers = motion_ballots(rng)
    ranked = ranked_ballots(rng)
    best, median, result = best_of(5, lambda: motion(answers, "simple_majority"))
    print(f"| motion, {BALLOTS:,} ballots | {best:.3f} s | {median:.3f} s | {'carried' if result.carried else 'not carried'} |")
    best, median, result = best_of(3, lambda: stv(ranked, CANDIDATES, 3, seed="bench"))
    print(f"| STV, {BALLOTS:,} ballots, 10 candidates, 3 seats ({len(result.stages)} stages) | {best:.3f} s | {median:.3f} s | elected {result.elected} |")
    bulletin = {
        "decision": {"seed": "bench", "electorate": BALLOTS, "quorum_kind": "none"},
        "questions": [
            {"id": 1, "method": "motion", "threshold": "simple_majority"},
            {"id": 2, "method": "ranked", "seats": 3, "options": [{"id": c} for c in CANDIDATES]},
        ],
        "ballots": [{"receipt": str(n), "answers": {"1": a, "2": list(r[0])}} for n, (a, r) in enumerate(zip(answers, ranked))],
    }
    best, median, _ = best_of(3, lambda: count_bulletin(bulletin))
    print(f"| the whole bulletin as the portal counts it (both questions) | {best:.3f} s | {median:.3f} s | |")


if __name__ == "__main__":
    main()
