"""Rolls and ballots for the bench decisions that opened.

A decision's roll is every member whose tier carries a vote and who was in good standing
(by ``derive_status``) on the day voting opened, demo members included. Ballots are cast by
each member's voting representative (now and then its deputy), one per member, in the
answer format ``casting.check_answers`` produces; their number is spread over the decisions
so that the total is the plan's, as far as the rolls allow.
"""

from datetime import timedelta

from sqlalchemy import select

from ..decisions.models import Ballot, RollEntry
from ..decisions.rules.casting import RECEIPT_ALPHABET
from ..extensions import db
from ..membership.models import Invoice, Member, Representative, Tier
from ..membership.rules.status import derive_status
from .bulk import insert_rows
from .members import status_on

GOOD_STANDING = ("active", "in_grace")


def write(bench, specs):
    """Freeze the rolls, then cast the ballots; the flagship election has every member vote."""
    electors = _electors(bench)
    opened = [spec for spec in specs if spec["opened"]]
    with bench.stage("Rolls", len(opened)) as bar:
        rows = []
        for spec in opened:
            day = spec["row"]["opens_at"].date()
            spec["roll"] = [e for e in electors if e["status_on"](day) in GOOD_STANDING]
            rows += [{"decision_id": spec["id"], "member_id": e["id"], "tier_id": e["tier_id"], "region": e["region"]}
                     for e in spec["roll"]]
            bar.update(1)
        insert_rows(RollEntry, rows)
    for spec, size in zip(opened, _sizes(bench, opened)):
        spec["ballots"] = _cast(bench, spec, size)
    every = [ballot for spec in opened for ballot in spec["ballots"]]
    with bench.stage("Ballots", len(every)) as bar:
        insert_rows(Ballot, every, bar=bar)
    for spec in specs:
        spec.setdefault("roll", [])
        spec.setdefault("ballots", [])


def _electors(bench):
    """Every member that may be on a roll: bench members, and the demo's members in voting tiers."""
    electors = [{"id": m["id"], "tier_id": m["tier_id"], "region": m["region"], "voter": m["voter"], "deputy": m.get("deputy"),
                 "status_on": lambda day, m=m: status_on(m, day)} for m in bench.members]
    bench_ids = {m["id"] for m in bench.members}
    voting = db.session.scalars(select(Member).join(Tier, Member.tier_id == Tier.id).where(Tier.carries_vote.is_(True))).all()
    invoices = {}
    for invoice in db.session.scalars(select(Invoice).where(Invoice.member_id.in_([m.id for m in voting]))):
        invoices.setdefault(invoice.member_id, []).append(invoice)
    people = {(member_id, role): person_id for member_id, role, person_id in
              db.session.execute(select(Representative.member_id, Representative.role, Representative.person_id))}
    for member in voting:
        if member.id in bench_ids or (member.id, "voting") not in people:
            continue
        electors.append({"id": member.id, "tier_id": member.tier_id, "region": member.region,
                         "voter": people[(member.id, "voting")], "deputy": None,
                         "status_on": lambda day, m=member: derive_status(m, invoices.get(m.id, []), day)})
    return electors


def _sizes(bench, opened):
    """Ballots per decision: the flagship's whole roll; the rest share what is left of the
    plan's total in proportion to a turnout of their own, never more than their roll."""
    rng = bench.rng
    caps = [len(spec["roll"]) for spec in opened]
    turnout = [1.0 if spec["flagship"] else rng.uniform(0.15, 0.5) if spec["state"] == "open" else rng.uniform(0.4, 0.95)
               for spec in opened]
    fixed = [cap if spec["flagship"] else None for spec, cap in zip(opened, caps)]
    left = max(bench.plan.ballots - sum(f for f in fixed if f is not None), 0)
    free = [i for i, f in enumerate(fixed) if f is None]
    low, high = 0.0, 1.0
    while sum(min(caps[i], round(turnout[i] * caps[i] * high)) for i in free) < left and high < 1e6:
        high *= 2
    for _ in range(60):  # the factor that makes the shares add up to what is left
        middle = (low + high) / 2
        if sum(min(caps[i], round(turnout[i] * caps[i] * middle)) for i in free) < left:
            low = middle
        else:
            high = middle
    sizes = list(fixed)
    for i in free:
        sizes[i] = min(caps[i], round(turnout[i] * caps[i] * high))
    _trim(sizes, free, left)
    return sizes


def _trim(sizes, free, left):
    """Rounding can overshoot by a few: take them off the largest shares."""
    excess = sum(sizes[i] for i in free) - left
    for i in sorted(free, key=lambda i: -sizes[i]):
        if excess <= 0:
            break
        cut = min(excess, sizes[i])
        sizes[i] -= cut
        excess -= cut


def _cast(bench, spec, size):
    rng, row = bench.rng, spec["row"]
    voters = rng.sample(spec["roll"], size)
    until = min(row["closes_at"], bench.now) - timedelta(minutes=1)
    window = (until - row["opens_at"]).total_seconds()
    leanings = [_leaning(rng, question) for question in spec["questions"]]
    ballots = []
    for elector in voters:
        by_deputy = elector["deputy"] and rng.random() < 0.05
        ballots.append({
            "decision_id": spec["id"], "member_id": elector["id"], "receipt": _receipt(bench),
            "answers": {str(q["id"]): _answer(rng, q, leaning) for q, leaning in zip(spec["questions"], leanings)},
            "weight": 1, "cast_by_id": elector["deputy"] if by_deputy else elector["voter"], "by_proxy": False,
            "cast_at": row["opens_at"] + timedelta(seconds=window * rng.random() ** 1.5),
            "changes": 1 if row["changeable"] and rng.random() < 0.04 else 0,
        })
    return ballots


def _receipt(bench):
    """A receipt like ``casting.new_receipt``'s, from the run's random source, never repeated."""
    while True:
        bits = bench.rng.getrandbits(60)  # twelve characters of a 32-letter alphabet
        code = "".join(RECEIPT_ALPHABET[(bits >> (5 * n)) & 31] for n in range(12))
        receipt = f"{code[:4]}-{code[4:8]}-{code[8:]}"
        if receipt not in bench.receipts:
            bench.receipts.add(receipt)
            return receipt


def _leaning(rng, question):
    """How the members lean on a question: shares for a motion, options' strengths otherwise."""
    if question["method"] == "motion":
        yes = rng.uniform(0.45, 0.9)
        return (yes, (1 - yes) * 0.7)
    return [rng.gammavariate(2.0, 1.0) for _ in question["option_ids"]]


def _answer(rng, question, leaning):
    """One answer, as ``check_answers`` stores it: 'for'; an option id; sorted ids; ids by preference."""
    method, options = question["method"], question.get("option_ids", [])
    if method == "motion":
        roll = rng.random()
        return "for" if roll < leaning[0] else "against" if roll < leaning[0] + leaning[1] else "abstain"
    if method == "single":
        return rng.choices(options, weights=leaning)[0]
    ranking = _preferences(rng, options, leaning)
    if method == "approval":
        return sorted(ranking[: rng.randint(1, question["max_choices"])])
    length = len(ranking) if rng.random() < 0.4 else rng.randint(1, len(ranking))
    return ranking[:length]


def _preferences(rng, options, strengths):
    """Options in one voter's order: each next choice drawn in proportion to its strength."""
    left, weights, order = list(options), list(strengths), []
    while left:
        index = rng.choices(range(len(left)), weights=weights)[0]
        order.append(left.pop(index))
        weights.pop(index)
    return order
