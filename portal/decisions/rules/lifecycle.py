"""A decision's life: draft, scheduled, open, closed, published, or annulled with a reason.

Opening and closing happen on time whoever presses nothing: ``tick`` (cron, and lazily
on the first decisions page after the time) moves every decision that is due. Each move
is a conditional update, so two ticks at once move a decision once.
"""

import secrets
from datetime import timedelta
from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ... import audit, mail
from ...core.cache import per_request
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...membership.models import Invoice, Member, Tier
from ...membership.rules.status import derive_status
from ..models import Ballot, Decision, DecisionReminder, Option, Question, RollEntry
from .results import count_bulletin

GOOD_STANDING = ("active", "in_grace")


class NotReady(Exception):
    """The decision cannot make this move; ``message`` says why, for the person."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@cache
def _with_questions():
    """The questions in a query of their own (the decision row holds the results, which joining
    would repeat for every option), their options joined to them. Made once, when first asked:
    making it on import would configure the mappers before every model is imported."""
    return (selectinload(Decision.questions).joinedload(Question.options),)


def get(decision_id):
    """The decision with its questions and options, loaded once per request."""
    return per_request(("decision", decision_id), lambda: db.session.get(
        Decision, decision_id, options=_with_questions()
    ))


def create(*, by, **fields):
    decision = Decision(seed=secrets.token_hex(16), created_by_id=by.id, **fields)
    db.session.add(decision)
    db.session.flush()
    audit.record("decision.created", decision, actor=by)
    return decision


def add_question(decision, *, method, text_en, text_cy="", threshold="simple_majority", max_choices=1, seats=1, options=(),
                 points=0, points_per_option=0):
    if decision.status != "draft":
        raise NotReady(_l("Questions can only be changed while the decision is a draft"))
    question = Question(
        position=len(decision.questions) + 1,
        method=method,
        text_en=text_en,
        text_cy=text_cy,
        threshold=threshold,
        max_choices=max_choices,
        seats=seats,
        points=points if method == "cumulative" else 0,
        points_per_option=points_per_option if method == "cumulative" else 0,
        options=[Option(position=n, label_en=en, label_cy=cy) for n, (en, cy) in enumerate(options, start=1)],
    )
    decision.questions.append(question)
    db.session.flush()
    return question


def schedule(decision, *, by):
    """Draft to scheduled, once it can be voted on."""
    now = utcnow()
    if decision.status != "draft":
        raise NotReady(_l("Only a draft can be scheduled"))
    if not decision.questions:
        raise NotReady(_l("Add at least one question first"))
    for question in decision.questions:
        if question.method != "motion" and len(question.options) < 2:
            raise NotReady(_l("Every question needs at least two options"))
    if not decision.opens_at or not decision.closes_at or decision.closes_at <= decision.opens_at:
        raise NotReady(_l("Set when voting opens and closes, closing after it opens"))
    if decision.closes_at <= now:
        raise NotReady(_l("Voting must close in the future"))
    decision.status = "scheduled"
    audit.record("decision.scheduled", decision, actor=by, detail={
        "opens_at": decision.opens_at.isoformat(), "closes_at": decision.closes_at.isoformat(),
    })


def unschedule(decision, *, by):
    if decision.status != "scheduled":
        raise NotReady(_l("Only a scheduled decision can go back to draft"))
    decision.status = "draft"
    audit.record("decision.unscheduled", decision, actor=by)


def _move(decision, before, after, **values):
    moved = db.session.execute(
        update(Decision)
        .where(Decision.id == decision.id, Decision.status == before)
        .values(status=after, **values)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(decision)
    return bool(moved)


def open_voting(decision, now=None):
    """Scheduled to open: freeze the roll and tell the representatives, recorded as the system
    (the schedule's move, whoever's request ran it). False if already moved."""
    now = now or utcnow()
    if not _move(decision, "scheduled", "open", opened_at=now):
        return False
    roll = freeze_roll(decision, now)
    audit.record("decision.opened", decision, actor=audit.SYSTEM, detail={"electorate": len(roll)})
    for entry in roll:
        _tell_representatives(decision, entry.member, "voting_open", lambda title: _l("Voting is open: %(title)s", title=title))
    return True


def freeze_roll(decision, now):
    """Members whose tier carries a vote and who are in good standing on the roll date (or now)."""
    day = decision.roll_date or now.date()
    members = db.session.scalars(
        select(Member).join(Tier, Member.tier_id == Tier.id).where(Tier.carries_vote.is_(True)).order_by(Member.name)
    ).all()
    invoices = {}
    for invoice in db.session.scalars(select(Invoice).where(Invoice.member_id.in_([m.id for m in members]))):
        invoices.setdefault(invoice.member_id, []).append(invoice)
    roll = []
    for member in members:
        if derive_status(member, invoices.get(member.id, []), day) in GOOD_STANDING:
            entry = RollEntry(decision_id=decision.id, member_id=member.id, tier_id=member.tier_id, region=member.region)
            entry.member = member
            db.session.add(entry)
            roll.append(entry)
    db.session.flush()
    return roll


def close_voting(decision, now=None):
    """Open to closed, and count, recorded as the system. The conditional update waits for any
    ballot being taken."""
    now = now or utcnow()
    if not _move(decision, "open", "closed", closed_at=now):
        return False
    decision.results = compute_results(decision)
    audit.record("decision.closed", decision, actor=audit.SYSTEM, detail={"voted": decision.results["voted"]})
    return True


def publish(decision, *, by):
    if not _move(decision, "closed", "published", published_at=utcnow()):
        raise NotReady(_l("Only a closed decision's results can be published"))
    audit.record("decision.published", decision, actor=by)
    roll = db.session.scalars(select(RollEntry).where(RollEntry.decision_id == decision.id)).all()
    for entry in roll:
        _tell_representatives(decision, entry.member, "results", lambda title: _l("Results: %(title)s", title=title))


def annul(decision, reason, *, by):
    for state in ("draft", "scheduled", "open", "closed"):
        if _move(decision, state, "annulled", annulled_at=utcnow(), annul_reason=reason):
            audit.record("decision.annulled", decision, actor=by, detail={"was": state})
            return
    raise NotReady(_l("This decision can no longer be annulled"))


def tick(now=None):
    """Open and close what is due, and remind members who have not voted a day before the
    close. Idempotent; returns (opened, closed, reminded). A scheduled job: each opening and
    closing is committed on its own, so no transaction holds the audit log's head (taken by
    the first) while it waits for a ballot being cast on another decision, which waits for
    that head: on PostgreSQL the two would deadlock."""
    now = now or utcnow()
    opened = closed = 0
    for decision in db.session.scalars(select(Decision).where(Decision.status == "scheduled", Decision.opens_at <= now)).all():
        opened += open_voting(decision, now)
        db.session.commit()
        if decision.closes_at <= now:
            closed += close_voting(decision, now)
            db.session.commit()
    for decision in db.session.scalars(select(Decision).where(Decision.status == "open", Decision.closes_at <= now)).all():
        closed += close_voting(decision, now)
        db.session.commit()
    reminded = remind_before_close(now)
    return opened, closed, reminded


def due(now=None):
    """True when some decision is waiting to open or close (a cheap check for each page)."""
    now = now or utcnow()
    return db.session.scalar(
        select(Decision.id)
        .where(
            ((Decision.status == "scheduled") & (Decision.opens_at <= now))
            | ((Decision.status == "open") & (Decision.closes_at <= now))
        )
        .limit(1)
    ) is not None


def remind_before_close(now):
    sent = 0
    soon = db.session.scalars(
        select(Decision).where(Decision.status == "open", Decision.closes_at <= now + timedelta(hours=24))
    ).all()
    for decision in soon:
        voted = set(db.session.scalars(select(Ballot.member_id).where(Ballot.decision_id == decision.id)))
        roll = db.session.scalars(select(RollEntry).where(RollEntry.decision_id == decision.id)).all()
        for entry in roll:
            if entry.member_id in voted:
                continue
            if insert_ignoring_duplicates(DecisionReminder, {
                "decision_id": decision.id, "member_id": entry.member_id, "kind": "closing", "sent_at": now,
            }):
                _tell_representatives(decision, entry.member, "closing_soon", lambda title: _l("Voting closes soon: %(title)s", title=title))
                sent += 1
    return sent


def _tell_representatives(decision, member, kind, subject):
    """Email the member's voting representative and deputy; ``subject(title)`` is given the
    decision's title in each one's language."""
    for role in ("voting", "deputy"):
        person = member.representative(role)
        if person is not None and person.is_active:
            mail.enqueue(
                person.email, lambda person=person: subject(decision.title(person.locale or "en")),
                f"decisions/email/{kind}.txt", kind=f"decision_{kind}",
                person=person, decision=decision, member=member,
            )


def bulletin(decision):
    """Everything needed to recount: questions, seed, roll size, and every counted ballot.

    Ballots are listed by receipt, which is random, so the order says nothing of who cast
    them when; a secret decision's bulletin names no member.
    """
    decision = db.session.scalars(
        select(Decision).where(Decision.id == decision.id).options(selectinload(Decision.questions).selectinload(Question.options))
    ).one()
    electorate = db.session.scalar(select(db.func.count()).select_from(RollEntry).where(RollEntry.decision_id == decision.id))
    ballots = db.session.scalars(
        select(Ballot).where(Ballot.decision_id == decision.id).options(selectinload(Ballot.member)).order_by(Ballot.receipt)
    ).all()
    return {
        "format": "portal-bulletin-1",
        "decision": {
            "id": decision.id,
            "title_en": decision.title_en,
            "title_cy": decision.title_cy,
            "secret": decision.secret,
            "seed": decision.seed,
            "closes_at": decision.closes_at.isoformat() if decision.closes_at else None,
            "quorum_kind": decision.quorum_kind,
            "quorum_value": decision.quorum_value,
            "electorate": electorate if not decision.imported_from else sum(b.weight for b in ballots),
        },
        "questions": [
            {
                "id": question.id,
                "method": question.method,
                "text_en": question.text_en,
                "text_cy": question.text_cy,
                "threshold": question.threshold,
                "max_choices": question.max_choices,
                "seats": question.seats,
                **({"points": question.points, "points_per_option": question.points_per_option}
                   if question.method == "cumulative" else {}),
                "options": [{"id": o.id, "label_en": o.label_en, "label_cy": o.label_cy} for o in question.options],
            }
            for question in decision.questions
        ],
        "ballots": [
            {
                "receipt": ballot.receipt,
                "answers": ballot.answers,
                **({"weight": ballot.weight} if ballot.weight != 1 else {}),
                **({} if decision.secret or ballot.member is None else {"member": ballot.member.name}),
            }
            for ballot in ballots
        ],
    }


def compute_results(decision):
    """Count the bulletin, and add turnout by tier, which the bulletin does not carry."""
    results = count_bulletin(bulletin(decision))
    results["by_tier"] = turnout_by_tier(decision)
    return results


def turnout_by_tier(decision):
    rows = db.session.execute(
        select(RollEntry.tier_id, Tier.name_en, Tier.name_cy, RollEntry.member_id, Ballot.id)
        .join(Tier, RollEntry.tier_id == Tier.id, isouter=True)
        .join(Ballot, (Ballot.decision_id == RollEntry.decision_id) & (Ballot.member_id == RollEntry.member_id), isouter=True)
        .where(RollEntry.decision_id == decision.id)
    ).all()
    tiers = {}
    for tier_id, name_en, name_cy, _member, ballot_id in rows:
        row = tiers.setdefault(tier_id, {"tier_en": name_en or "", "tier_cy": name_cy or "", "electorate": 0, "voted": 0})
        row["electorate"] += 1
        row["voted"] += ballot_id is not None
    return list(tiers.values())
