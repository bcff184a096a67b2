"""Who is in a group: added and removed by those who run it, each change audited and told.

A private group's people read its thread, risks and minutes, so being let in is a governance
change: only the group's chair or secretary, the admin of the member that leads its lab, and
the secretariat may make it.
"""

from flask_babel import lazy_gettext as _l

from sqlalchemy import delete, select, update

from ... import audit, mail
from ...core.cache import per_request
from ...db import added_once
from ...extensions import db
from ...labs.models import Lab
from ..models import GroupMember

RUNS_THE_GROUP = ("chair", "secretary")


class NotAdded(Exception):
    """The person could not be added; ``field`` names the form field the message belongs to."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field, self.message = field, message


def role_in(person, group):
    """The person's role in ``group``, or None; asked once a request."""
    return per_request(("group role", person.id, group.id), lambda: db.session.scalar(
        select(GroupMember.role).where(GroupMember.group_id == group.id, GroupMember.person_id == person.id)))


def can_manage_people(person, group):
    """The secretariat, the group's chair or secretary, and the lead member's admin of a lab's group."""
    if not getattr(person, "is_authenticated", False):
        return False
    if person.is_secretariat:
        return True
    if group.lab_id is not None and person.is_member_admin and person.member_id == _lead_member_id(group):
        return True
    return role_in(person, group) in RUNS_THE_GROUP


def _lead_member_id(group):
    """The member leading the group's lab, asked once a request (not loaded with the group)."""
    return per_request(("lab lead", group.lab_id), lambda: db.session.scalar(select(Lab.lead_member_id).where(Lab.id == group.lab_id)))


def add_person(group, person, *, role, role_note="", deputy_for_id=None, by):
    """Put an active person into the group with a role; tell them. Raises NotAdded."""
    if person is None or not person.is_active:
        raise NotAdded("email", _l("Nobody with an account on the portal has this email address"))
    in_group = {m.person_id for m in group.memberships}
    if person.id in in_group:
        raise NotAdded("email", _l("%(name)s is already in the group", name=person.name))
    if role == "deputy" and deputy_for_id not in in_group:
        raise NotAdded("deputy_for_id", _l("Choose whom the deputy stands in for"))
    membership = GroupMember(group_id=group.id, person_id=person.id, role=role, role_note=role_note or "",
                             deputy_for_id=deputy_for_id if role == "deputy" else None)
    if not added_once(membership):  # added by someone else a moment ago
        raise NotAdded("email", _l("%(name)s is already in the group", name=person.name))
    membership.person = person
    audit.record("group.person_added", group, actor=by, detail={"person_id": person.id, "role": role})
    _tell(person, group, "group_person_added", _l("You have been added to a group"), "groups/email/person_added.txt", by)
    return membership


def remove_person(group, membership, *, by):
    """Take a person out of the group (their deputies stand in for nobody); tell them. One
    conditional delete: of several removals at once, one removes, records and tells; False for
    the others."""
    person, role = membership.person, membership.role
    removed = db.session.execute(delete(GroupMember).where(GroupMember.id == membership.id)
                                 .execution_options(synchronize_session=False)).rowcount
    if not removed:
        return False
    db.session.execute(update(GroupMember).where(GroupMember.group_id == group.id, GroupMember.deputy_for_id == person.id)
                       .values(deputy_for_id=None).execution_options(synchronize_session=False))
    db.session.expire(group, ["memberships"])
    audit.record("group.person_removed", group, actor=by, detail={"person_id": person.id, "role": role})
    _tell(person, group, "group_person_removed", _l("You have been removed from a group"), "groups/email/person_removed.txt", by)
    return True


def _tell(person, group, kind, subject, template, by):
    if person.is_active:
        mail.enqueue(person.email, subject, template, kind=kind, person=person, group=group, by=by)
