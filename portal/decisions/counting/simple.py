"""Motions, single choices and approval votes."""

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from .lot import draw

THRESHOLDS = {
    "simple_majority": Fraction(1, 2),
    "two_thirds": Fraction(2, 3),
    "three_quarters": Fraction(3, 4),
}


@dataclass
class MotionResult:
    counts: dict  # for, against, abstain
    threshold: str
    carried: bool

    @property
    def cast(self):
        return self.counts["for"] + self.counts["against"]


def motion(answers, threshold="simple_majority"):
    """For, against or abstain. Abstentions do not count towards the threshold.

    A simple majority needs more for than against (a tie is not carried); two thirds
    and three quarters need at least that share of the votes for or against.
    """
    counts = Counter({"for": 0, "against": 0, "abstain": 0})
    counts.update(answers)
    unknown = set(counts) - {"for", "against", "abstain"}
    if unknown:
        raise ValueError(f"not an answer to a motion: {sorted(unknown)}")
    cast = counts["for"] + counts["against"]
    share = THRESHOLDS[threshold]
    if threshold == "simple_majority":
        carried = counts["for"] > counts["against"]
    else:
        carried = cast > 0 and Fraction(counts["for"], cast) >= share
    return MotionResult(dict(counts), threshold, carried)


@dataclass
class PluralityResult:
    counts: dict
    winner: object
    tied: list = field(default_factory=list)
    tie_broken_by_lot: bool = False


def plurality(answers, options, seed=""):
    """One choice each; the most chosen wins. A tie for first place is settled by lot."""
    counts = {option: 0 for option in options}
    for answer in answers:
        if answer not in counts:
            raise ValueError(f"not an option: {answer!r}")
        counts[answer] += 1
    if not counts or not any(counts.values()):
        return PluralityResult(counts, None)
    top = max(counts.values())
    leaders = [option for option in options if counts[option] == top]
    if len(leaders) == 1:
        return PluralityResult(counts, leaders[0])
    return PluralityResult(counts, draw(leaders, seed, "plurality"), tied=leaders, tie_broken_by_lot=True)


@dataclass
class ApprovalResult:
    counts: dict
    chosen: list
    tied: list = field(default_factory=list)
    tie_broken_by_lot: bool = False


def approval(answers, options, winners=1, max_choices=None, seed=""):
    """Each ballot approves up to ``max_choices`` options; the ``winners`` most approved are chosen.

    A tie at the last place chosen is settled by lot, and said so.
    """
    counts = {option: 0 for option in options}
    for ballot in answers:
        chosen = set(ballot)
        if len(chosen) != len(ballot):
            raise ValueError("an option approved twice")
        if max_choices is not None and len(chosen) > max_choices:
            raise ValueError(f"more than {max_choices} choices")
        for option in chosen:
            if option not in counts:
                raise ValueError(f"not an option: {option!r}")
            counts[option] += 1
    ranked = sorted(options, key=lambda option: -counts[option])
    if len(ranked) <= winners:
        return ApprovalResult(counts, ranked)
    cutoff = counts[ranked[winners - 1]]
    above = [option for option in ranked if counts[option] > cutoff]
    at_cutoff = [option for option in ranked if counts[option] == cutoff]
    places = winners - len(above)
    if len(at_cutoff) == places:
        return ApprovalResult(counts, above + at_cutoff)
    remaining, drawn = list(at_cutoff), []
    for place in range(places):
        pick = draw(remaining, seed, f"approval place {len(above) + place + 1}")
        drawn.append(pick)
        remaining.remove(pick)
    return ApprovalResult(counts, above + drawn, tied=at_cutoff, tie_broken_by_lot=True)
