"""Route rules for groups, built on the one place that decides (rules/access.py)."""

from ..auth.access import Rule
from ..core.cache import per_request
from ..extensions import db
from .models import Group
from .rules import access
from .rules.people import can_manage_people


def group_of(values):
    return per_request(("group", values.get("group_id")), lambda: db.session.get(Group, values.get("group_id")))


def _sees(person, values):
    group = group_of(values)
    return group is None or access.can_see(person, group)


def _edits(person, values):
    group = group_of(values)
    return group is None or access.can_edit(person, group)


SEE_GROUP = Rule("the group's people and the secretariat (anyone signed in for an open group)", _sees)
EDIT_PLAN = Rule("the group's people and the secretariat", _edits)


def _manages_people(person, values):
    group = group_of(values)
    return group is None or can_manage_people(person, group)


MANAGE_PEOPLE = Rule("the group's chair or secretary, its lab's lead member admin, and the secretariat", _manages_people)
