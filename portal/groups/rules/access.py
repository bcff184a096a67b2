"""Who may see and change a group's things: decided here, and only here.

A private group's pages, tasks, risks, meetings, documents, threads and calendar entries
are for its people and the secretariat. Every page, feed and search asks these functions.
"""

from sqlalchemy import exists, or_, select

from ...core.cache import per_request
from ...extensions import db
from ..models import Group, GroupMember


def is_in_group(person, group):
    if not getattr(person, "is_authenticated", False):
        return False
    return per_request(_in_group_key(person, group), lambda: db.session.scalar(
        select(GroupMember.id).where(GroupMember.group_id == group.id, GroupMember.person_id == person.id)
    ) is not None)


def load_and_ask_in_group(person, condition):
    """The group meeting ``condition`` (None if there is none), loaded by the statement that asks
    whether ``person`` is in it: the answer is kept for the request, so ``is_in_group`` need not
    ask again (a lab's page finds its steering group and asks who may open it)."""
    if not getattr(person, "is_authenticated", False):
        return db.session.scalar(select(Group).where(condition))
    row = db.session.execute(select(Group, exists().where(
        GroupMember.group_id == Group.id, GroupMember.person_id == person.id)).where(condition)).first()
    if row is None:
        return None
    group, member = row
    per_request(_in_group_key(person, group), lambda: bool(member))
    return group


def _in_group_key(person, group):
    return ("in group", person.id, group.id)


def can_see(person, group):
    """Open groups: anyone signed in. Private ones: their people and the secretariat."""
    if not getattr(person, "is_authenticated", False):
        return False
    if not group.private or person.is_secretariat:
        return True
    return is_in_group(person, group)


def can_edit(person, group):
    """The group's people keep its plan; the secretariat may too."""
    return getattr(person, "is_authenticated", False) and (person.is_secretariat or is_in_group(person, group))


def visible_groups(person):
    """A condition on Group that holds for the groups ``person`` may see, for any query."""
    if not getattr(person, "is_authenticated", False):
        return Group.id.is_(None)
    if person.is_secretariat:
        return Group.id.is_not(None)
    mine = select(GroupMember.group_id).where(GroupMember.person_id == person.id)
    return or_(Group.private.is_(False), Group.id.in_(mine))
