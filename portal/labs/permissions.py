"""Who may see and change proposals, labs and reviews."""

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.access import SECRETARIAT, Rule
from ..core.cache import per_request
from ..extensions import db
from ..membership.models import Tier
from .models import FundingRound, Lab, Partnership, ReviewAssignment
from .models.labs import MOVES, PUBLIC_STATES

GOOD_STANDING = ("active", "in_grace")


def lab_of(values):
    # Who may see a lab depends on its partners, which its pages show too.
    return per_request(("lab", values.get("lab_id")), lambda: db.session.get(
        Lab, values.get("lab_id"), options=[joinedload(Lab.lead_member), selectinload(Lab.partnerships).joinedload(Partnership.member)]))


def partnership_of(values):
    return per_request(("partnership", values.get("partnership_id")), lambda: db.session.get(
        Partnership, values.get("partnership_id"), options=[joinedload(Partnership.member),
                                                           joinedload(Partnership.lab).joinedload(Lab.lead_member)]))


def lead_side(person, lab):
    return person.member_id is not None and person.member_id == lab.lead_member_id


def partner_side(person, lab):
    return person.member_id is not None and person.member_id in {p.member_id for p in lab.partnerships}


def reviewer_of(person, lab):
    return db.session.scalar(
        select(ReviewAssignment.id).where(ReviewAssignment.lab_id == lab.id, ReviewAssignment.reviewer_id == person.id)
    ) is not None


def visible_proposals(person):
    """A condition on Lab for the proposals ``person`` may see, the same rule as ``_sees``, for queries."""
    if not getattr(person, "is_authenticated", False):
        return Lab.id.is_(None)
    if person.is_secretariat:
        return Lab.id.is_not(None)
    reviewing = select(ReviewAssignment.lab_id).where(ReviewAssignment.reviewer_id == person.id)
    if person.member_id is None:
        return Lab.id.in_(reviewing)
    partnering = select(Partnership.lab_id).where(Partnership.member_id == person.member_id)
    return or_(Lab.lead_member_id == person.member_id, Lab.id.in_(partnering), Lab.id.in_(reviewing))


def visible_labs(person):
    """A condition on Lab for every proposal and lab ``person`` may open: the labs, whose pages
    are public, and the proposals ``visible_proposals`` keeps."""
    return or_(Lab.status.in_(PUBLIC_STATES), visible_proposals(person))


def _sees(person, values):
    lab = lab_of(values)
    if lab is None:
        return True  # the view answers 404
    return person.is_secretariat or lead_side(person, lab) or partner_side(person, lab) or reviewer_of(person, lab)


def _leads(person, values):
    lab = lab_of(values)
    return lab is None or lead_side(person, lab)


def _leads_or_secretariat(person, values):
    lab = lab_of(values)
    return lab is None or person.is_secretariat or lead_side(person, lab)


def _moves(person, values):
    lab, action = lab_of(values), values.get("action")
    if lab is None or action not in MOVES:
        return True  # the view answers 404
    return person.is_secretariat if MOVES[action][2] == "secretariat" else lead_side(person, lab)


def _answers_invitation(person, values):
    partnership = partnership_of(values)
    if partnership is None:
        return True
    return person.is_secretariat or (person.is_member_admin and person.member_id == partnership.member_id)


def _reviews(person, values):
    lab = lab_of(values)
    return lab is None or reviewer_of(person, lab)


def _proposes(person, values):
    round_ = db.session.get(FundingRound, values.get("round_id"))
    if round_ is None:
        return True
    return may_lead(person, round_)


def may_lead(person, round_):
    """People of a member in good standing whose tier the round lets lead."""
    member = person.member
    if member is None or member.status not in GOOD_STANDING or member.tier_id not in (round_.lead_tier_ids or []):
        return False
    tier = db.session.get(Tier, member.tier_id)
    return tier is not None and tier.may_lead_labs


SEE_PROPOSAL = Rule("the lead, a partner, an assigned reviewer, or the secretariat", _sees)
EDIT_PROPOSAL = Rule("the lead member's people", _leads)
LEAD_OR_SECRETARIAT = Rule("the lead member's people, or the secretariat", _leads_or_secretariat)
MOVE_PROPOSAL = Rule("the lead for the lead's moves, the secretariat for its own", _moves)
ANSWER_INVITATION = Rule("the partner member's admins", _answers_invitation)
REVIEW_PROPOSAL = Rule("an assigned reviewer", _reviews)
PROPOSE = Rule("people of a member whose tier may lead in this round", _proposes)
MANAGE_ROUNDS = SECRETARIAT
