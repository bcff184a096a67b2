"""A lab's steering group is made when the lab is approved, with the lead's and the
partners' people in it. Labs announce the approval; groups listen (labs know nothing of groups)."""

from flask_login import current_user
from sqlalchemy import select

from ..core.signals import group_created, lab_approved
from ..extensions import db
from .models import Group, GroupMember
from .rules.access import load_and_ask_in_group


def make_steering_group(lab, by=None):
    """The lab's steering group with its lead's and accepted partners' member admins; once only."""
    existing = db.session.scalar(select(Group).where(Group.lab_id == lab.id))
    if existing is not None:
        return existing
    group = Group(name=f"{lab.title}: steering group", kind="steering", lab_id=lab.id, private=True,
                  description="The steering group of the Policy Lab.")
    db.session.add(group)
    seen = set()
    members = [lab.lead_member] + [p.member for p in lab.partnerships if p.status == "accepted"]
    for index, member in enumerate(members):
        for person in member.people:
            if person.is_active and person.is_member_admin and person.id not in seen:
                seen.add(person.id)
                group.memberships.append(GroupMember(person_id=person.id, role="chair" if index == 0 and len(seen) == 1 else "member"))
    db.session.flush()
    group_created.send(None, group=group)
    return group


def group_of(lab):
    """The lab's steering group, and whether the signed-in person is in it, in one statement."""
    return load_and_ask_in_group(current_user._get_current_object(), Group.lab_id == lab.id)


def _on_lab_approved(sender, lab, by=None, **extra):
    make_steering_group(lab, by)


def connect():
    lab_approved.connect(_on_lab_approved, weak=False)
