"""Bench decisions of every method (motion, single choice, approval, ranked by IRV and STV)
over the last four years: most published, some closed and awaiting publication, a few open,
scheduled, in draft or annulled. Each that opened has its frozen roll and its ballots; each
that closed has the results the portal's own count (``lifecycle.compute_results``) gives."""

from datetime import timedelta

from sqlalchemy import select

from ..audit.models import SYSTEM_ACTOR_ID
from ..decisions.models import Decision, Option, Question
from ..decisions.rules import lifecycle
from ..extensions import db
from ..membership.models import Member
from . import ballots, burst, writing
from .bulk import insert_rows
from .names import person_name

STATES = (("published", 86), ("closed", 3), ("annulled", 2), ("open", 3), ("scheduled", 3), ("draft", 3))
METHODS = (("motion", 35), ("motion_and_single", 8), ("single", 12), ("approval", 15), ("ranked", 30))
HISTORY_DAYS = 1_600


def write(bench):
    """Insert the plan's decisions (the burst vote among them) with rolls, ballots and results."""
    specs = [_spec(bench, "ranked", "published", flagship=True), _spec(bench, "motion_and_single", "published"),
             _spec(bench, "approval", "published")]
    for _ in range(bench.plan.decisions - len(specs) - 1):
        specs.append(_spec(bench, _pick(bench.rng, METHODS), _pick(bench.rng, STATES)))
    with bench.stage("Decisions", len(specs)) as bar:
        ids = insert_rows(Decision, [spec["row"] for spec in specs], ids=True, bar=bar)
    for decision_id, spec in zip(ids, specs):
        spec["id"] = decision_id
    _questions(bench, specs)
    ballots.write(bench, specs)
    _results_and_history(bench, specs)
    bench.found["stv"] = specs[0]
    bench.found["decisions"] = specs
    bench.found["burst"] = burst.write(bench)


def _pick(rng, weighted):
    return rng.choices([name for name, _ in weighted], weights=[weight for _, weight in weighted])[0]


def _window(bench, state):
    """(opens at, closes at) for a decision in ``state`` now."""
    rng, now = bench.rng, bench.now
    if state in ("published", "annulled"):
        closes = now - timedelta(days=rng.uniform(12, HISTORY_DAYS))
    elif state == "closed":
        closes = now - timedelta(days=rng.uniform(1, 10))
    elif state == "open":
        closes = now + timedelta(days=rng.uniform(2, 12))
        return now - timedelta(days=rng.uniform(1, 5)), closes
    else:
        opens = now + timedelta(days=rng.uniform(3, 40))
        return opens, opens + timedelta(days=14)
    return closes - timedelta(days=rng.uniform(7, 21)), closes


def _spec(bench, method, state, flagship=False):
    rng = bench.rng
    opens, closes = _window(bench, state)
    if flagship:
        closes = bench.now - timedelta(days=45)
        opens = closes - timedelta(days=14)
    (title_en, title_cy), questions = _content(bench, method, opens.year, flagship)
    opened = state in ("published", "closed", "open")
    row = {
        "title_en": title_en[:200], "title_cy": title_cy[:200],
        "explanation_en": "The secretariat puts this to the members. Each member's voting representative casts its one vote.",
        "explanation_cy": "", "status": state, "opens_at": opens, "closes_at": closes, "roll_date": None,
        "quorum_kind": rng.choice(("none", "percent", "percent")), "quorum_value": 0, "secret": rng.random() < 0.85,
        "changeable": rng.random() < 0.3, "seed": f"{rng.getrandbits(128):032x}",
        "created_by_id": bench.demo.secretariat_id, "created_at": opens - timedelta(days=rng.randint(7, 30)),
        "opened_at": opens if opened else None, "closed_at": closes if state in ("published", "closed") else None,
        "published_at": closes + timedelta(days=rng.uniform(0.5, 3)) if state == "published" else None,
        "annulled_at": opens - timedelta(days=1) if state == "annulled" else None,
        "annul_reason": "Withdrawn by the secretariat: the papers were not ready in time." if state == "annulled" else None,
    }
    if row["quorum_kind"] == "percent":
        row["quorum_value"] = rng.choice((25, 33, 50))
    if flagship:
        row.update(secret=True, changeable=False, quorum_kind="percent", quorum_value=50)
    return {"row": row, "method": method, "state": state, "flagship": flagship, "opened": opened, "questions": questions}


def _content(bench, method, year, flagship):
    """((title in English, in Welsh), [question specs]) for a decision of ``method``."""
    rng = bench.rng
    if method in ("motion", "motion_and_single"):
        title_en, title_cy, text, threshold = rng.choice(writing.MOTIONS)
        questions = [{"method": "motion", "text_en": text.format(year=year), "threshold": threshold, "options": []}]
        if method == "motion_and_single":
            title_en, title_cy, threshold = "Subscription rates for {year} and the next annual conference", "", "two_thirds"
            questions = [{"method": "motion", "text_en": f"That the subscription rates for {year} are as proposed.",
                          "threshold": threshold, "options": []},
                         {"method": "single", "text_en": f"Where should the {year + 1} annual conference be held?",
                          "options": rng.sample(writing.VENUES, 3)}]
    elif method == "single":
        index = rng.randrange(len(writing.CHOICES))
        title_en, title_cy, text = writing.CHOICES[index]
        options = rng.sample(writing.VENUES, 4) if index == 0 else list(writing.EVALUATORS)
        questions = [{"method": "single", "text_en": text.format(year=year), "options": options}]
    elif method == "approval":
        title_en, title_cy, text = writing.PRIORITIES
        themes = rng.sample(writing.THEMES, rng.randint(6, 8))
        questions = [{"method": "approval", "text_en": text, "max_choices": 3, "seats": 3,
                      "options": [theme[0].upper() + theme[1:] for theme in themes]}]
    else:
        seats = 4 if flagship else rng.choice((1, 1, 3, 3, 4, 5))
        title_en, title_cy, text = writing.ELECTIONS[1] if flagship else \
            writing.ELECTIONS[0] if seats == 1 else rng.choice(writing.ELECTIONS[1:])
        questions = [{"method": "ranked", "text_en": text.format(seats=seats), "seats": seats,
                      "options": _candidates(bench, 10 if flagship else rng.randint(seats + 2, seats + 7))}]
    return (title_en.format(year=year), title_cy.format(year=year)), questions


def _candidates(bench, count):
    """Candidates named with the members they come from, as the demo's board election does."""
    members = bench.rng.sample(bench.members, min(count, len(bench.members)))
    return [f"{person_name(bench.rng)} ({members[n % len(members)]['name']})"[:200] for n in range(count)]


def _questions(bench, specs):
    rows, owners = [], []
    for spec in specs:
        for position, question in enumerate(spec["questions"], 1):
            rows.append({"decision_id": spec["id"], "position": position, "text_en": question["text_en"][:500], "text_cy": "",
                         "method": question["method"], "threshold": question.get("threshold", "simple_majority"),
                         "max_choices": question.get("max_choices", 1), "seats": question.get("seats", 1)})
            owners.append(question)
    for question_id, question in zip(insert_rows(Question, rows, ids=True), owners):
        question["id"] = question_id
    options, owners = [], []
    for spec in specs:
        for question in spec["questions"]:
            for position, label in enumerate(question["options"], 1):
                options.append({"question_id": question["id"], "position": position, "label_en": label, "label_cy": ""})
                owners.append(question)
    for option_id, question in zip(insert_rows(Option, options, ids=True), owners):
        question.setdefault("option_ids", []).append(option_id)


def _results_and_history(bench, specs):
    """Count each closed decision with the portal's own code, and write its life in the audit log."""
    counted = [spec for spec in specs if spec["state"] in ("closed", "published")]
    # Held here so that each count's bulletin finds its members already loaded, not loaded again.
    members = db.session.scalars(select(Member)).all()  # noqa: F841
    with bench.stage("Results", len(counted)) as bar:
        for spec in specs:
            if spec["state"] in ("closed", "published"):
                decision = db.session.get(Decision, spec["id"])
                decision.results = lifecycle.compute_results(decision)
                spec["voted"] = decision.results["voted"]
                db.session.flush()
                bar.update(1)
            _history(bench, spec)


def _history(bench, spec):
    """The audit entries the lifecycle and casting would have written, in their order."""
    add, decision_id, by = bench.audit.add, spec["id"], bench.demo.secretariat_id
    add("decision.created", "decision", decision_id, actor_id=by)
    if spec["state"] == "draft":
        return
    row = spec["row"]
    add("decision.scheduled", "decision", decision_id, actor_id=by,
        detail={"opens_at": row["opens_at"].isoformat(), "closes_at": row["closes_at"].isoformat()})
    if spec["state"] == "annulled":
        add("decision.annulled", "decision", decision_id, actor_id=by, detail={"was": "scheduled"})
    if not spec["opened"]:
        return
    add("decision.opened", "decision", decision_id, actor_id=SYSTEM_ACTOR_ID, detail={"electorate": len(spec["roll"])})
    for ballot in spec["ballots"]:
        add("ballot.cast", "decision", decision_id, actor_id=ballot["cast_by_id"],
            detail={"member_id": ballot["member_id"], "by_proxy": False})
        if ballot["changes"]:
            add("ballot.changed", "decision", decision_id, actor_id=ballot["cast_by_id"],
                detail={"member_id": ballot["member_id"], "by_proxy": False})
    if spec["state"] in ("closed", "published"):
        add("decision.closed", "decision", decision_id, actor_id=SYSTEM_ACTOR_ID, detail={"voted": spec["voted"]})
    if spec["state"] == "published":
        add("decision.published", "decision", decision_id, actor_id=by)
