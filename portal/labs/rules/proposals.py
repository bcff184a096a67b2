"""Proposals: drafting, partners, similar proposals, and the moves of the state machine."""

import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from ... import audit, mail
from ...core.signals import lab_approved
from ...db import added_once, utcnow
from ...extensions import db
from ...membership.models import Member
from ..labels import STATE_LABELS
from ..models import BudgetLine, FundingRound, Lab, LabPhase, Partnership
from ..models.labs import DEFAULT_PHASES, MOVES, MoveRefused
from ..permissions import visible_labs

STOPWORDS = set("a an and the of for in on to with by at from as is are be our we their this that it its into across".split())


class Refused(Exception):
    """A rule refused the change; ``field`` names the answer it is about, if one."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message, self.field = message, field


def create(round_, member, *, by, **fields):
    """Draft a proposal in ``round_`` led by ``member``, with the seed report's three phases."""
    lab = Lab(round_id=round_.id if round_ else None, lead_member_id=member.id, created_by_id=by.id, **fields)
    lab.phases = [LabPhase(position=n, name=name, deliverables=text) for n, (name, text) in enumerate(DEFAULT_PHASES, 1)]
    db.session.add(lab)
    db.session.flush()
    audit.record("proposal.drafted", lab, actor=by, detail={"round_id": lab.round_id, "lead_member_id": member.id})
    return lab


def update_details(lab, *, by, phases, budget, **fields):
    if not lab.editable:
        raise Refused(_l("The proposal is locked while it is with the secretariat"))
    for name, value in fields.items():
        setattr(lab, name, value)
    lab.phases = [LabPhase(position=n, name=name, deliverables=text) for n, (name, text) in enumerate(phases, 1)]
    lab.budget = [BudgetLine(position=n, description=text, amount_pence=pence) for n, (text, pence) in enumerate(budget, 1)]
    db.session.flush()
    audit.record("proposal.edited", lab, actor=by)


def add_once(record, refusal):
    """Add ``record``, or refuse with ``refusal`` when its unique key is taken (db.added_once)."""
    if not added_once(record):
        raise Refused(refusal)
    return record


def invite_partner(lab, member, *, by, role=""):
    if member.id == lab.lead_member_id:
        raise Refused(_l("The lead member cannot also be a partner"))
    if member.status not in ("active", "in_grace"):
        raise Refused(_l("%(member)s is not a member in good standing", member=member.name))
    partnership = add_once(Partnership(lab_id=lab.id, member_id=member.id, role=role),
                           _l("%(member)s is already invited", member=member.name))
    audit.record("proposal.partner_invited", lab, actor=by, detail={"member_id": member.id})
    for person in _admins(member):
        mail.enqueue(person.email, _l("%(lead)s invites %(member)s to a Policy Lab", lead=lab.lead_member.name, member=member.name),
                     "labs/email/partner_invited.txt", kind="lab_partner_invited", person=person, lab=lab, member=member)
    return partnership


def respond(partnership, *, accept, match_funding_pence=0, officer_days=0, by):
    """A partner accepts (with what it pledges) or declines; the lead is told."""
    partnership.status = "accepted" if accept else "declined"
    partnership.match_funding_pence = match_funding_pence if accept else 0
    partnership.officer_days = officer_days if accept else 0
    partnership.responded_at, partnership.responded_by_id = utcnow(), by.id
    audit.record("proposal.partner_responded", partnership.lab, actor=by, detail={
        "member_id": partnership.member_id, "accepted": accept,
        "match_funding_pence": partnership.match_funding_pence, "officer_days": partnership.officer_days,
    })
    lab = partnership.lab
    for person in _admins(lab.lead_member):
        mail.enqueue(person.email, _l("%(member)s has answered your Policy Lab invitation", member=partnership.member.name),
                     "labs/email/partner_responded.txt", kind="lab_partner_responded", person=person, lab=lab, partnership=partnership)


def move(lab, action, *, by, note=None, award_pence=None):
    """Make a move of the state machine, audited, and tell the lead and partners. The lab's row
    is locked and read again first, so two people making a move at once make it once."""
    db.session.refresh(lab, ["status"], with_for_update=True)
    if action == "approve":
        _award(lab, award_pence)
    if action in ("request_changes", "decline") and not (note or "").strip():
        raise Refused(_l("Say what should change, or why it is declined"))
    if action == "complete" and not (lab.completion_report or "").strip():
        raise Refused(_l("Write the completion report first"))
    try:
        before = lab.move(action)
    except MoveRefused as error:
        raise Refused(_l("This proposal cannot do that now")) from error
    if action in ("submit", "resubmit"):
        lab.submitted_at = utcnow()
    if action in ("approve", "decline"):
        lab.decided_at = utcnow()
    if note is not None:
        lab.note = note
    if action == "approve":
        lab_approved.send(None, lab=lab, by=by)
    audit.record(f"proposal.{action}", lab, actor=by, detail={"before": before, "after": lab.status, "award_pence": lab.award_pence})
    people = list(_admins(lab.lead_member))
    for partnership in lab.partnerships:
        if partnership.status != "declined":
            people += _admins(partnership.member)
    for person in people:
        mail.enqueue(person.email, _l("%(title)s: %(state)s", title=lab.title, state=state_word(lab.status)),
                     "labs/email/moved.txt", kind="lab_moved", person=person, lab=lab)
    return before


def _award(lab, award_pence):
    """Commit the award against the round's pot in one conditional update: two approvals at
    once can never take the pot below nothing."""
    if not award_pence or award_pence <= 0:
        raise Refused(_l("Enter the award"))
    round_ = lab.round
    if round_ is not None:
        if award_pence > round_.max_award_pence:
            raise Refused(_l("The award is more than the round's maximum"))
        taken = db.session.execute(
            update(FundingRound)
            .where(FundingRound.id == round_.id, FundingRound.awarded_pence + award_pence <= FundingRound.pot_pence)
            .values(awarded_pence=FundingRound.awarded_pence + award_pence)
            .execution_options(synchronize_session=False)
        ).rowcount
        if not taken:
            raise Refused(_l("The award is more than is left in the round's pot"))
        db.session.refresh(round_)
    lab.award_pence = award_pence


def set_pot(round_, pot_pence):
    """Change a round's pot, never below what it has awarded: one conditional update, so an
    approval racing the change is refused or counted, never an error. False if refused."""
    changed = db.session.execute(
        update(FundingRound).where(FundingRound.id == round_.id, FundingRound.awarded_pence <= pot_pence)
        .values(pot_pence=pot_pence).execution_options(synchronize_session=False)
    ).rowcount
    db.session.refresh(round_)
    return bool(changed)


def state_word(status):
    return STATE_LABELS.get(status, status)


def _admins(member):
    return [person for person in member.people if person.is_member_admin and person.is_active]


def words(text):
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in STOPWORDS and len(w) > 2}


def similar(title, summary, *, viewer, exclude_id=None, limit=3):
    """Other proposals and labs ``viewer`` may open whose title and summary share most words
    with these (Jaccard): a hint never names what its reader could not see."""
    mine = words(f"{title} {summary}")
    if not mine:
        return []
    candidates = db.session.execute(
        select(Lab.id, Lab.title, Lab.summary, Lab.status, Member.name)
        .join(Member, Lab.lead_member_id == Member.id)
        .where(Lab.status.not_in(("withdrawn", "draft")), Lab.id != (exclude_id or 0), visible_labs(viewer))
    ).all()
    scored = []
    for row in candidates:
        theirs = words(f"{row.title} {row.summary}")
        score = len(mine & theirs) / len(mine | theirs) if theirs else 0
        if score >= 0.12:
            scored.append((score, row))
    return [row for score, row in sorted(scored, key=lambda pair: -pair[0])[:limit]]


def who_moves(action):
    return MOVES[action][2]


def put_to_members(round_, labs, places, *, by):
    """A draft decision asking the members which of the shortlisted proposals to fund."""
    from ...decisions.rules import lifecycle

    decision = lifecycle.create(
        by=by,
        title_en=f"Which Policy Labs should the network fund? ({round_.title})",
        explanation_en=f"The shortlist from {round_.title}. Choose up to {places}; the {places} most chosen are funded.",
        secret=True,
    )
    lifecycle.add_question(
        decision, method="approval", text_en="Which proposals should be funded?", max_choices=places, seats=places,
        options=[(f"{lab.title} ({lab.lead_member.name})"[:200], "") for lab in labs],
    )
    round_.decision_id = decision.id
    audit.record("round.shortlist_put_to_members", round_, actor=by, detail={"decision_id": decision.id, "lab_ids": [lab.id for lab in labs]})
    return decision
