"""Bench Policy Labs: funding rounds twice a year back to the network's early years, and the
labs they funded, led by Full members with partner members, in the states their dates give
them (completed, active, approved; some declined or withdrawn); and proposals in the demo's
open round. Each round's awards stay within its pot, as the database insists."""

import math
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select, update

from ..extensions import db
from ..labs.demo import CRITERIA
from ..labs.models import (AwardPayment, BudgetLine, CaseStudy, Criterion, FundingRound, Lab, LabPhase, Partnership,
                           ProgressUpdate, Resource, ReviewAssignment, Score)
from ..labs.models.labs import DEFAULT_PHASES, MOVES, VALUES
from ..membership.rules.dates import year_label
from . import writing
from .bulk import insert_rows

LABS_PER_ROUND = 25
MOST_ROUNDS = 18  # twice a year since 2016
LATEST_CLOSE = date(2025, 3, 31)  # the bench rounds end where the demo's 2025–26 round begins
CURRENT_SHARE = 0.08  # of labs: proposals in the demo's open round
PROPOSAL_STATES = (("draft", 25), ("submitted", 25), ("under_review", 35), ("changes_requested", 15))
MOVES_TO = {  # the moves (portal/labs/models/labs.py) a lab made to reach each state
    "draft": (), "submitted": ("submit",), "under_review": ("submit", "start_review"),
    "changes_requested": ("submit", "start_review", "request_changes"), "declined": ("submit", "start_review", "decline"),
    "withdrawn": ("submit", "withdraw"), "approved": ("submit", "start_review", "approve"),
    "active": ("submit", "start_review", "approve", "activate"),
    "completed": ("submit", "start_review", "approve", "activate", "complete"),
}


def write(bench):
    """Insert rounds, labs and everything that hangs off them; fill ``bench.labs``."""
    plan = bench.plan
    current = min(round(plan.labs * CURRENT_SHARE), plan.labs - 1)
    rounds = _rounds(bench, max(1, min(math.ceil((plan.labs - current) / LABS_PER_ROUND), MOST_ROUNDS)))
    specs = [_big_lab(bench, rounds[0])]
    specs += [_past_lab(bench, rounds[n % len(rounds)], newest=n % len(rounds) == 0) for n in range(1, plan.labs - current)]
    specs += [_proposal(bench) for _ in range(current)]
    _fit_pots(rounds, specs)
    with bench.stage("Labs", len(specs)) as bar:
        ids = insert_rows(Lab, [spec["row"] for spec in specs], ids=True, bar=bar)
    for lab_id, spec in zip(ids, specs):
        spec["id"] = lab_id
        bench.labs.append(spec)
    bench.found["lab"] = specs[0]
    _details(bench, specs)


def _rounds(bench, count):
    """Bench rounds, newest first, each with the demo rounds' criteria."""
    rounds = []
    for k in range(count):
        closes = LATEST_CLOSE - timedelta(days=182 * k)
        season = "spring" if closes.month <= 6 else "autumn"
        rounds.append({"title": f"Policy Lab programme {year_label(closes.year - (closes.month < 4))}: {season} round",
                       "opens_on": closes - timedelta(days=90), "closes_on": closes, "max_award_pence": 1_500_000,
                       "lead_tier_ids": [bench.demo.tiers["Full"]], "awarded_pence": 0, "pot_pence": 0,
                       "guidance": "Any Full member may propose a lab with at least two partner members.",
                       "created_at": _moment(closes - timedelta(days=120))})
    ids = insert_rows(FundingRound, rounds, ids=True)
    insert_rows(Criterion, [{"round_id": round_id, "position": n, "name": name, "weight": weight, "description": ""}
                            for round_id in ids for n, (name, weight) in enumerate(CRITERIA, 1)])
    for round_id, spec in zip(ids, rounds):
        spec["id"] = round_id
    return rounds


def _leaders(bench):
    full = bench.demo.tiers["Full"]
    return [m for m in bench.members if m["tier_id"] == full and m["status"] in ("active", "in_grace")] or \
        [m for m in bench.members if m["status"] in ("active", "in_grace")] or bench.members


def _partners_for(bench, lead, count):
    others = [m for m in bench.members if m["id"] != lead["id"] and m["status"] in ("active", "in_grace")]
    return bench.rng.sample(others, min(count, len(others)))


def _lab_row(bench, round_, lead, status, starts, ends, requested):
    rng = bench.rng
    theme = rng.choice(writing.LAB_TITLES)
    is_lab = status in ("approved", "active", "completed")
    return {
        "round_id": round_["id"] if round_ else bench.demo.current_round_id, "lead_member_id": lead["id"],
        "title": f"{theme} in {lead['place']}"[:200],
        "summary": f"A Policy Lab led by {lead['name']}: {theme.lower()}, tested in pilots and shared in the toolkit.",
        "challenge": rng.choice(writing.LAB_CHALLENGES), "approach": rng.choice(writing.LAB_APPROACHES),
        "outputs": writing.LAB_OUTPUTS, "risks": "\n\n".join(writing.LAB_RISKS),
        "values": rng.sample(sorted(VALUES), rng.randint(2, 4)), "requested_pence": requested,
        "award_pence": requested if is_lab else None, "claimed_pence": requested if status in ("active", "completed") else 0,
        "starts_on": starts, "ends_on": ends, "status": status,
        "note": "The proposal does not yet show how the learning will be shared." if status in ("declined", "changes_requested") else None,
        "completion_report": writing.COMPLETION if status == "completed" else None,
        "created_by_id": lead["voter"], "created_at": _moment(round_["opens_on"] if round_ else bench.today - timedelta(days=25)),
        "submitted_at": None if status == "draft" else _moment((round_["closes_on"] if round_ else bench.today) - timedelta(days=rng.randint(1, 20))),
        "decided_at": _moment(round_["closes_on"] + timedelta(days=40)) if round_ and status not in ("withdrawn",) else None,
    }


def _big_lab(bench, round_):
    """The lab the harness reads: active over three years, Oxford among its partners."""
    lead = _leaders(bench)[0]
    starts = bench.today - timedelta(days=540)
    spec = {"row": _lab_row(bench, round_, lead, "active", starts, starts + timedelta(days=3 * 365), 1_500_000),
            "round": round_, "lead": lead, "big": True}
    spec["row"]["title"] = f"Community wealth building across the network, led by {lead['place']}"[:200]
    spec["partners"] = [{"id": bench.demo.viewer_member_id, "place": "Oxford", "voter": bench.demo.viewer_id}] + \
        _partners_for(bench, lead, 5)
    return spec


def _past_lab(bench, round_, newest=False):
    rng = bench.rng
    lead = rng.choice(_leaders(bench))
    starts = round_["closes_on"] + timedelta(days=rng.randint(60, 120))
    if newest and rng.random() < 0.25:
        starts = bench.today + timedelta(days=rng.randint(20, 90))  # approved, its start put back
    ends = starts + timedelta(days=rng.randint(12, 24) * 30)
    if rng.random() < 0.12:
        status = rng.choice(("declined", "declined", "withdrawn"))
    else:
        status = "completed" if ends < bench.today else "active" if starts <= bench.today else "approved"
    requested = rng.randint(8, 30) * 50_000
    return {"row": _lab_row(bench, round_, lead, status, starts, ends, requested), "round": round_, "lead": lead,
            "partners": _partners_for(bench, lead, rng.randint(2, 5)), "big": False}


def _proposal(bench):
    rng = bench.rng
    lead = rng.choice(_leaders(bench))
    status = rng.choices([s for s, _ in PROPOSAL_STATES], weights=[w for _, w in PROPOSAL_STATES])[0]
    starts = bench.today + timedelta(days=rng.randint(90, 180))
    row = _lab_row(bench, None, lead, status, starts, starts + timedelta(days=365), rng.randint(8, 25) * 50_000)
    return {"row": row, "round": None, "lead": lead, "partners": _partners_for(bench, lead, rng.randint(1, 4)), "big": False}


def _fit_pots(rounds, specs):
    """Each round's pot holds its awards with some left over; awarded is their sum."""
    for round_ in rounds:
        awarded = sum(spec["row"]["award_pence"] or 0 for spec in specs if spec["round"] is round_)
        db.session.execute(update(FundingRound).where(FundingRound.id == round_["id"]).values(
            awarded_pence=awarded, pot_pence=max(5_000_000, awarded + 500_000)).execution_options(synchronize_session=False))


def _details(bench, specs):
    """Phases, budgets, partners, updates, payments, case studies, the toolkit, reviews, audit."""
    rows = {model: [] for model in (LabPhase, BudgetLine, Partnership, ProgressUpdate, AwardPayment, CaseStudy, Resource,
                                    ReviewAssignment)}
    for spec in specs:
        _lab_details(bench, spec, rows)
    for model, model_rows in rows.items():
        if model is not ReviewAssignment:
            insert_rows(model, model_rows)
    _reviews(bench, rows[ReviewAssignment])


def _lab_details(bench, spec, rows):
    rng, lab_id, row = bench.rng, spec["id"], spec["row"]
    status, starts, ends = row["status"], row["starts_on"], row["ends_on"]
    rows[LabPhase] += [{"lab_id": lab_id, "position": n, "name": name, "deliverables": text}
                       for n, (name, text) in enumerate(DEFAULT_PHASES, 1)]
    rows[BudgetLine] += [{"lab_id": lab_id, "position": n, "description": text, "amount_pence": amount}
                         for n, (text, amount) in enumerate(_budget(row["requested_pence"]), 1)]
    invited = status in ("draft", "submitted")
    spec["accepted"] = []
    for partner in spec["partners"]:
        answer = "invited" if invited and rng.random() < 0.5 else "accepted"
        spec["accepted"] += [partner["id"]] if answer == "accepted" else []
        rows[Partnership].append({
            "lab_id": lab_id, "member_id": partner["id"], "status": answer, "match_funding_pence": rng.choice((0, 0, 100_000, 250_000)),
            "officer_days": rng.randint(5, 25), "role": rng.choice(("Pilot site", "Advisory role", "Evaluation partner")),
            "invited_at": row["created_at"], "responded_at": None if answer == "invited" else row["created_at"] + timedelta(days=7),
            "responded_by_id": None if answer == "invited" else partner["voter"]})
    if status in ("active", "completed"):
        _delivery(bench, spec, rows, starts, min(ends, bench.today))
    _audit_moves(bench, lab_id, row)
    if status in ("under_review", "changes_requested") and rng.random() < 0.5:
        rows[ReviewAssignment].append({"lab_id": lab_id, "reviewer_id": bench.demo.reviewer_id,
                                       "submitted_at": bench.now - timedelta(days=rng.randint(1, 10)),
                                       "comments": "Clear aims; the evaluation plan needs more detail."})


def _audit_moves(bench, lab_id, row):
    """The lab's history in the audit log: drafted, then each move of its state machine."""
    lead_person, secretariat = row["created_by_id"], bench.demo.secretariat_id
    bench.audit.add("proposal.drafted", "lab", lab_id, actor_id=lead_person,
                    detail={"round_id": row["round_id"], "lead_member_id": row["lead_member_id"]})
    state = "draft"
    for action in MOVES_TO[row["status"]]:
        _sources, target, who = MOVES[action]
        award = row["award_pence"] if action in ("approve", "activate", "complete") else None
        bench.audit.add(f"proposal.{action}", "lab", lab_id, actor_id=secretariat if who == "secretariat" else lead_person,
                        detail={"before": state, "after": target, "award_pence": award})
        state = target


def _delivery(bench, spec, rows, starts, until):
    """What a lab that has started has: updates, claims and payments, and at the end case studies."""
    rng, lab_id, row = bench.rng, spec["id"], spec["row"]
    span = max((until - starts).days, 1)
    for n in range(6 if spec["big"] else rng.randint(1, 4)):
        rows[ProgressUpdate].append({"lab_id": lab_id, "author_id": spec["lead"]["voter"], "body": writing.UPDATES[n % len(writing.UPDATES)],
                                     "created_at": _moment(starts + timedelta(days=span * (n + 1) // 7))})
    half = row["award_pence"] // 2
    rows[AwardPayment].append({"lab_id": lab_id, "amount_pence": half, "claimed_on": starts + timedelta(days=14),
                               "paid_on": starts + timedelta(days=30), "reference": f"LAB{lab_id}-1"})
    completed = row["status"] == "completed"
    rows[AwardPayment].append({"lab_id": lab_id, "amount_pence": row["award_pence"] - half, "claimed_on": until - timedelta(days=5),
                               "paid_on": until if completed else None, "reference": f"LAB{lab_id}-2"})
    if completed:
        for member in [spec["lead"]] + spec["partners"][: rng.randint(0, 1)]:
            rows[CaseStudy].append({"lab_id": lab_id, "member_id": member["id"], "place": member["place"][:100],
                                    "title": f"{row['title'][:150]}: the {member['place']} pilot"[:200],
                                    "summary": rng.choice(writing.SENTENCES), "body": writing.COMPLETION,
                                    "created_at": _moment(until)})
        if rng.random() < 0.3:
            rows[Resource].append({"lab_id": lab_id, "title": f"Toolkit: {row['title']}"[:200], "description": writing.COMPLETION,
                                   "url": f"https://example.org/toolkit/lab-{lab_id}", "values": row["values"][:2],
                                   "themes": [writing.THEMES[lab_id % len(writing.THEMES)]],
                                   "created_by_id": bench.demo.secretariat_id, "created_at": _moment(until)})


def _budget(total):
    staff = total * 6 // 10
    events = total * 25 // 100
    return [("Officer time for the pilots", staff), ("Workshops and events", events), ("Evaluation and the report", total - staff - events)]


def _reviews(bench, assignments):
    ids = insert_rows(ReviewAssignment, assignments, ids=True)
    criteria = db.session.scalars(select(Criterion.id).where(Criterion.round_id == bench.demo.current_round_id)).all()
    insert_rows(Score, [{"assignment_id": assignment_id, "criterion_id": criterion_id, "value": bench.rng.randint(2, 5), "comment": ""}
                        for assignment_id in ids for criterion_id in criteria])


def _moment(day):
    return datetime.combine(day, time(11), tzinfo=UTC)
