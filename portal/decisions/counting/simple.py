"""Motions, single choices, approval votes and cumulative ("dot") votes."""

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
    chosen, tied, by_lot = _most(counts, options, winners, seed, "approval")
    return ApprovalResult(counts, chosen, tied, by_lot)


def _most(counts, options, winners, seed, name):
    """The ``winners`` options with the highest counts, in order; a tie at the last place chosen
    settled by lot. Returns (chosen, tied, by_lot)."""
    ranked = sorted(options, key=lambda option: -counts[option])
    if len(ranked) <= winners:
        return ranked, [], False
    cutoff = counts[ranked[winners - 1]]
    above = [option for option in ranked if counts[option] > cutoff]
    at_cutoff = [option for option in ranked if counts[option] == cutoff]
    places = winners - len(above)
    if len(at_cutoff) == places:
        return above + at_cutoff, [], False
    remaining, drawn = list(at_cutoff), []
    for place in range(places):
        pick = draw(remaining, seed, f"{name} place {len(above) + place + 1}")
        drawn.append(pick)
        remaining.remove(pick)
    return above + drawn, at_cutoff, True


@dataclass
class CumulativeResult:
    counts: dict  # points each option received
    chosen: list
    tied: list = field(default_factory=list)
    tie_broken_by_lot: bool = False


def cumulative(answers, options, winners=1, points=10, per_option=None, seed=""):
    """Each ballot spreads up to ``points`` points over the options, at most ``per_option`` on
    any one (whole numbers, none below nought); the ``winners`` options with most points are
    chosen. Points a ballot leaves unspent are simply not given. A tie at the last place chosen
    is settled by lot, and said so."""
    per_option = points if per_option is None else per_option
    counts = {option: 0 for option in options}
    for ballot in answers:
        for option, given in ballot.items():
            if option not in counts:
                raise ValueError(f"not an option: {option!r}")
            if not isinstance(given, int) or isinstance(given, bool) or given < 0:
                raise ValueError(f"points must be whole numbers of nought or more: {given!r}")
            if given > per_option:
                raise ValueError(f"more than {per_option} points on one option")
        if sum(ballot.values()) > points:
            raise ValueError(f"more than {points} points in all")
        for option, given in ballot.items():
            counts[option] += given
    if not any(counts.values()):
        return CumulativeResult(counts, [])
    chosen, tied, by_lot = _most(counts, options, winners, seed, "cumulative")
    return CumulativeResult(counts, chosen, tied, by_lot)
