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


def _sees_idea(person, values):
    idea = idea_of(values)
    if idea is None:
        return True  # the view says there is no such idea
    return per_request(("sees idea", person.id, idea.id), lambda: db.session.scalar(
        select(Idea.id).where(Idea.id == idea.id, visible_ideas(person))) is not None)


def _member_side(person, values):
    idea = idea_of(values)
    return idea is None or (person.member_id is not None and person.member_id == idea.member_id)


def _changes(person, values):
    idea = idea_of(values)
    if idea is None:
        return True
    if person.is_secretariat:
        return idea.status in ("draft", "submitted", "shortlisted", "not_taken_forward") and (
            idea.status != "draft" or person.member_id == idea.member_id)
    return person.member_id == idea.member_id and idea.status in ("draft", "submitted")


SEE_CALL = SIGNED_IN
SEE_IDEA = Rule("anyone signed in, for a submitted idea; its member's people, for a draft", _sees_idea)
PROPOSE_IDEA = Rule("a person of a member in good standing", lambda person, values: may_propose(person))
IDEA_MEMBER_SIDE = Rule("a person of the idea's member", _member_side)
CHANGE_IDEA = Rule("its member's people while a draft or submitted; the secretariat to edit for clarity", _changes)
SUPPORT_IDEA = SEE_IDEA & PROPOSE_IDEA
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


def _voting_member_other_than(of):
    def check(person, values):
        member, moved = voting_member(person), of(values)
        return member is not None and (moved is None or moved.member_id != member.id)
    return check


def _moves(person, values):
    return voting_member(person) is not None


SEE_MEETINGS = SIGNED_IN
MOVE_MOTION = Rule("the voting representative of a member in good standing", _moves)
SECOND_MOTION = Rule("the voting representative of a member in good standing other than the motion's",
                     _voting_member_other_than(motion_of))
AMEND_MOTION = SECOND_MOTION
SECOND_AMENDMENT = Rule("the voting representative of a member in good standing other than the amendment's",
                        _voting_member_other_than(amendment_of))
MANAGE_MEETINGS = SECRETARIAT
