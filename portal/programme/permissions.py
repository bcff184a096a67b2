"""Who may see and change calls for ideas and ideas, and general meetings' motions and amendments."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..auth.access import ANYONE, SECRETARIAT, SIGNED_IN, Rule
from ..core.cache import per_request
from ..extensions import db
from .models import Amendment, GeneralMeeting, Idea, IdeaCall, Motion
from .rules.ideas import may_propose, visible_ideas
from .rules.motions import voting_member


def call_of(values):
    return per_request(("idea call", values.get("call_id")), lambda: db.session.get(
        IdeaCall, values.get("call_id"), options=[selectinload(IdeaCall.themes)]))


def idea_of(values):
    return per_request(("idea", values.get("idea_id")), lambda: db.session.get(
        Idea, values.get("idea_id"), options=[joinedload(Idea.call).selectinload(IdeaCall.themes), joinedload(Idea.member), joinedload(Idea.author), joinedload(Idea.merged_into),
                                              selectinload(Idea.themes)]))


def sees_idea(person, idea):
    """Whether ``person`` may read ``idea``: submitted ideas and their outcomes anyone signed in,
    drafts and withdrawn ones their member's people only."""
    return per_request(("sees idea", person.id, idea.id), lambda: db.session.scalar(
        select(Idea.id).where(Idea.id == idea.id, visible_ideas(person))) is not None)


def _hidden(person, values):
    """An idea the person may not read is answered as not found by its view (views/ideas.py
    ``_idea``), whatever is asked of it, so that nobody learns another member's draft exists."""
    idea = idea_of(values)
    return idea is None or not sees_idea(person, idea)


def _member_side(person, values):
    idea = idea_of(values)
    return _hidden(person, values) or (person.member_id is not None and person.member_id == idea.member_id)


def _changes(person, values):
    if _hidden(person, values):
        return True
    idea = idea_of(values)
    if person.is_secretariat:
        return idea.status in ("draft", "submitted", "shortlisted", "not_taken_forward") and (
            idea.status != "draft" or person.member_id == idea.member_id)
    return person.member_id == idea.member_id and idea.status in ("draft", "submitted")


def _supports(person, values):
    """A person of a member: whether its standing lets it support is the rule's to say, in words."""
    return _hidden(person, values) or person.member_id is not None


SEE_CALL = SIGNED_IN
# Signed in; an idea they may not read (another member's draft) is not found, by its view.
SEE_IDEA = SIGNED_IN
PROPOSE_IDEA = Rule("a person of a member in good standing", lambda person, values: may_propose(person))
IDEA_MEMBER_SIDE = Rule("a person of the idea's member", _member_side)
CHANGE_IDEA = Rule("its member's people while a draft or submitted; the secretariat to edit for clarity", _changes)
SUPPORT_IDEA = Rule("a person of a member", _supports)
MANAGE_IDEAS = SECRETARIAT


def item_of(values):
    from .models import ProgrammeItem

    return per_request(("programme item", values.get("item_id")), lambda: db.session.get(
        ProgrammeItem, values.get("item_id"), options=[joinedload(ProgrammeItem.call).joinedload(IdeaCall.decision), joinedload(ProgrammeItem.idea),
                                                       joinedload(ProgrammeItem.owner_group), joinedload(ProgrammeItem.owner_member)]))


def _updates_item(person, values):
    from .rules.delivery import may_update

    item = item_of(values)
    return item is None or per_request(("updates item", person.id, item.id), lambda: may_update(person, item))


SEE_PROGRAMME = ANYONE
UPDATE_ITEM = Rule("the item's owner (its member's people, its group's people) and the secretariat", _updates_item)
MANAGE_ITEMS = SECRETARIAT


# General meetings, motions and amendments.

def meeting_of(values):
    return per_request(("general meeting", values.get("general_meeting_id")), lambda: db.session.get(
        GeneralMeeting, values.get("general_meeting_id")))


def motion_of(values):
    return per_request(("motion", values.get("motion_id")), lambda: db.session.get(
        Motion, values.get("motion_id"), options=[joinedload(Motion.meeting), joinedload(Motion.member)]))


def amendment_of(values):
    return per_request(("amendment", values.get("amendment_id")), lambda: db.session.get(
        Amendment, values.get("amendment_id"), options=[joinedload(Amendment.motion).joinedload(Motion.meeting),
                                                        joinedload(Amendment.member)]))


def _moves(person, values):
    return voting_member(person) is not None


SEE_MEETINGS = SIGNED_IN
MOVE_MOTION = Rule("the voting representative of a member in good standing", _moves)
# Seconding or amending one's own member's motion is refused by the rule, which says why.
SECOND_MOTION = MOVE_MOTION
AMEND_MOTION = MOVE_MOTION
SECOND_AMENDMENT = MOVE_MOTION
MANAGE_MEETINGS = SECRETARIAT
