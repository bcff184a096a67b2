"""Ranked questions: instant-runoff for one seat, and the Single Transferable Vote under the
Scottish local government rules (The Scottish Local Government Elections Order 2007,
Schedule 1, rules 45 to 52) for several.

Scottish STV in brief: the Droop quota (valid papers divided by seats plus one, ignoring
the remainder, plus one); candidates at or over it are elected; surpluses are transferred
one at a time, largest first, by the weighted inclusive Gregory method: every paper the
candidate holds moves to its next continuing preference at a transfer value of
surplus x the paper's value / the candidate's votes, calculated to five decimal places
with the rest ignored; with no surplus left, the lowest candidate is excluded and their
papers move at the value they had; ties look back to the most recent stage at which the
tied candidates differed, then go to lot; when the continuing candidates are no more than
the seats left, they are all elected.

Arithmetic is in integers of 1/100000 of a vote, so truncation is exact.
"""

from dataclasses import dataclass, field

from .lot import draw

SCALE = 100_000  # one vote, in units of five decimal places


def as_votes(units):
    """Units to a decimal string with five places: 1234567 -> '12.34567'."""
    sign = "-" if units < 0 else ""
    whole, part = divmod(abs(units), SCALE)
    return f"{sign}{whole}.{part:05d}"


def clean_ballots(ballots, candidates):
    """(preferences, count) pairs with unknown candidates refused and repeats dropped."""
    known = set(candidates)
    cleaned = []
    for preferences, count in ballots:
        seen, ordered = set(), []
        for choice in preferences:
            if choice not in known:
                raise ValueError(f"a preference for an unknown candidate: {choice!r}")
            if choice not in seen:
                seen.add(choice)
                ordered.append(choice)
        if count < 0:
            raise ValueError("a negative ballot count")
        cleaned.append((tuple(ordered), count))
    return cleaned


@dataclass
class Stage:
    number: int
    action: str  # "first", "surplus", "exclusion", "elect_remaining"
    candidate: object = None
    transfer_value: int | None = None  # for a surplus whose papers all had value one
    transfers: dict = field(default_factory=dict)  # candidate -> units received
    non_transferable: int = 0
    loss: int = 0
    totals: dict = field(default_factory=dict)  # candidate -> units at the end of the stage
    elected: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    tie: dict | None = None  # {"between": [...], "settled_by": "earlier stage"|"lot"}

    def to_dict(self):
        return {
            "number": self.number,
            "action": self.action,
            "candidate": self.candidate,
            "transfer_value": as_votes(self.transfer_value) if self.transfer_value is not None else None,
            "transfers": {str(c): as_votes(v) for c, v in self.transfers.items()},
            "non_transferable": as_votes(self.non_transferable),
            "loss": as_votes(self.loss),
            "totals": {str(c): as_votes(v) for c, v in self.totals.items()},
            "elected": list(self.elected),
            "excluded": list(self.excluded),
            "tie": self.tie,
        }


@dataclass
class STVResult:
    candidates: list
    seats: int
    valid: int
    invalid: int
    quota: int  # whole votes
    elected: list
    stages: list

    def to_dict(self):
        return {
            "method": "stv_scottish",
            "seats": self.seats,
            "valid": self.valid,
            "invalid": self.invalid,
            "quota": self.quota,
            "elected": list(self.elected),
            "stages": [stage.to_dict() for stage in self.stages],
        }


class _Count:
    def __init__(self, candidates, seats, seed):
        self.candidates = list(candidates)
        self.seats = seats
        self.seed = seed
        self.hopeful = set(candidates)
        self.elected = []
        self.pending = []  # elected, with a surplus not yet transferred
        self.votes = dict.fromkeys(candidates, 0)
        self.piles = {candidate: [] for candidate in candidates}
        self.history = []  # totals at the end of each stage

    def place(self, preferences, count, value, start, receivers, lost):
        """Give a parcel to its next continuing preference from ``start``; True if it found one."""
        for position in range(start, len(preferences)):
            choice = preferences[position]
            if choice in self.hopeful:
                self.piles[choice].append((preferences, count, value, position))
                self.votes[choice] += count * value
                receivers[choice] = receivers.get(choice, 0) + count * value
                return True
        lost.append(count * value)
        return False

    def break_tie(self, tied, lowest, stage_number):
        """Rules 49(2)-(3) and 51(2): the most recent earlier stage where they differed, then lot."""
        remaining = sorted(tied, key=self.candidates.index)
        for totals in reversed(self.history):
            values = [totals[c] for c in remaining]
            if len(set(values)) > 1:
                target = min(values) if lowest else max(values)
                remaining = [c for c in remaining if totals[c] == target]
                if len(remaining) == 1:
                    return remaining[0], {"between": sorted(tied, key=self.candidates.index), "settled_by": "earlier stage"}
        choice = draw(remaining, self.seed, f"stage {stage_number}")
        return choice, {"between": sorted(tied, key=self.candidates.index), "settled_by": "lot"}


def stv(ballots, candidates, seats, seed=""):
    """Count a ranked election for ``seats`` under Scottish STV; see the module's docstring.

    ``ballots`` are (preferences, count) pairs, preferences an ordered sequence of
    candidates; a ballot with no preference is invalid. ``seed`` makes any lot reproducible.
    """
    if seats < 1:
        raise ValueError("at least one seat")
    ballots = clean_ballots(ballots, candidates)
    valid = sum(count for preferences, count in ballots if preferences)
    invalid = sum(count for preferences, count in ballots if not preferences)
    quota = valid // (seats + 1) + 1
    quota_units = quota * SCALE
    count = _Count(candidates, seats, seed)

    first = Stage(1, "first")
    lost = []
    for preferences, number in ballots:
        if preferences and number:
            count.place(preferences, number, SCALE, 0, first.transfers, lost)
    stages = [first]
    current = first

    while True:
        # Rule 47: at or over the quota is elected, largest first.
        reached = sorted((c for c in count.hopeful if count.votes[c] >= quota_units), key=lambda c: (-count.votes[c], count.candidates.index(c)))
        for candidate in reached:
            count.hopeful.discard(candidate)
            count.elected.append(candidate)
            current.elected.append(candidate)
            if count.votes[candidate] > quota_units:
                count.pending.append(candidate)
        current.totals = {c: count.votes[c] for c in count.candidates}
        count.history.append(dict(current.totals))
        seats_left = seats - len(count.elected)
        if seats_left <= 0:
            break
        if len(count.hopeful) <= seats_left:
            # Rule 52: the continuing candidates fill the last places; no more transfers.
            remaining = sorted(count.hopeful, key=lambda c: (-count.votes[c], count.candidates.index(c)))
            last = Stage(current.number + 1, "elect_remaining", elected=remaining)
            count.elected.extend(remaining)
            count.hopeful.clear()
            last.totals = {c: count.votes[c] for c in count.candidates}
            stages.append(last)
            break
        current = Stage(current.number + 1, "surplus" if count.pending else "exclusion")
        stages.append(current)
        if count.pending:
            _transfer_surplus(count, current, quota_units)
        else:
            _exclude(count, current)

    return STVResult(
        candidates=list(candidates),
        seats=seats,
        valid=valid,
        invalid=invalid,
        quota=quota,
        elected=count.elected[:seats],
        stages=stages,
    )


def _transfer_surplus(count, stage, quota_units):
    # Rule 49: the largest surplus first.
    top = max(count.votes[c] for c in count.pending)
    tied = [c for c in count.pending if count.votes[c] == top]
    candidate = tied[0]
    if len(tied) > 1:
        candidate, stage.tie = count.break_tie(tied, lowest=False, stage_number=stage.number)
    count.pending.remove(candidate)
    stage.candidate = candidate
    total = count.votes[candidate]
    surplus = total - quota_units
    parcels, count.piles[candidate] = count.piles[candidate], []
    lost, moved = [], 0
    values = set()
    for preferences, number, value, position in parcels:
        transfer_value = surplus * value // total  # rule 48(3): five places, the rest ignored
        values.add(transfer_value)
        if count.place(preferences, number, transfer_value, position + 1, stage.transfers, lost):
            moved += number * transfer_value
    stage.non_transferable = sum(lost)
    stage.loss = surplus - moved - stage.non_transferable
    stage.transfer_value = values.pop() if len(values) == 1 else None
    count.votes[candidate] = quota_units


def _exclude(count, stage):
    # Rule 50: the lowest continuing candidate; their papers move at the value they had.
    low = min(count.votes[c] for c in count.hopeful)
    tied = sorted((c for c in count.hopeful if count.votes[c] == low), key=count.candidates.index)
    candidate = tied[0]
    if len(tied) > 1:
        candidate, stage.tie = count.break_tie(tied, lowest=True, stage_number=stage.number)
    count.hopeful.discard(candidate)
    stage.candidate = candidate
    stage.excluded.append(candidate)
    parcels, count.piles[candidate] = count.piles[candidate], []
    lost = []
    for preferences, number, value, position in parcels:
        count.place(preferences, number, value, position + 1, stage.transfers, lost)
    stage.non_transferable = sum(lost)
    count.votes[candidate] = 0


@dataclass
class IRVRound:
    number: int
    totals: dict
    excluded: object = None
    exhausted: int = 0
    tie: dict | None = None

    def to_dict(self):
        return {
            "number": self.number,
            "totals": {str(c): v for c, v in self.totals.items()},
            "excluded": self.excluded,
            "exhausted": self.exhausted,
            "tie": self.tie,
        }


@dataclass
class IRVResult:
    candidates: list
    valid: int
    invalid: int
    winner: object
    rounds: list

    def to_dict(self):
        return {
            "method": "irv",
            "valid": self.valid,
            "invalid": self.invalid,
            "winner": self.winner,
            "rounds": [r.to_dict() for r in self.rounds],
        }


def irv(ballots, candidates, seed=""):
    """Instant runoff for one seat: a majority of the papers still in the count wins;
    otherwise the lowest is excluded (ties as in STV: an earlier round, then lot)."""
    ballots = clean_ballots(ballots, candidates)
    valid = sum(count for preferences, count in ballots if preferences)
    invalid = sum(count for preferences, count in ballots if not preferences)
    continuing = list(candidates)
    rounds, history = [], []
    while True:
        totals = dict.fromkeys(continuing, 0)
        exhausted = 0
        for preferences, number in ballots:
            choice = next((c for c in preferences if c in totals), None)
            if choice is None:
                exhausted += number if preferences else 0
            else:
                totals[choice] += number
        current = IRVRound(len(rounds) + 1, totals, exhausted=exhausted)
        rounds.append(current)
        history.append(totals)
        live = sum(totals.values())
        leader = max(continuing, key=lambda c: (totals[c], -candidates.index(c))) if continuing else None
        if leader is None or live == 0:
            return IRVResult(list(candidates), valid, invalid, None, rounds)
        if totals[leader] * 2 > live or len(continuing) == 1:
            return IRVResult(list(candidates), valid, invalid, leader, rounds)
        low = min(totals.values())
        tied = [c for c in continuing if totals[c] == low]
        loser = tied[0]
        if len(tied) > 1:
            loser, current.tie = _irv_tie(tied, history[:-1], candidates, seed, current.number)
        current.excluded = loser
        continuing.remove(loser)


def _irv_tie(tied, history, candidates, seed, number):
    remaining = list(tied)
    for totals in reversed(history):
        values = [totals.get(c, 0) for c in remaining]
        if len(set(values)) > 1:
            remaining = [c for c in remaining if totals.get(c, 0) == min(values)]
            if len(remaining) == 1:
                return remaining[0], {"between": tied, "settled_by": "earlier round"}
    return draw(remaining, seed, f"round {number}"), {"between": tied, "settled_by": "lot"}
