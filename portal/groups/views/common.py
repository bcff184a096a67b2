"""What the groups' views share: loading a group's things, and the choices of people and members."""

from flask import abort
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.models import Person
from ...core.forms import choices
from ...extensions import db
from ...membership.models import Member
from ..models import Group, GroupMember


def load_group(group_id):
    return db.first_or_404(
        select(Group).where(Group.id == group_id).options(
            selectinload(Group.memberships).joinedload(GroupMember.person).joinedload(Person.member),
            joinedload(Group.lab),
        )
    )


def owned(model, object_id, group):
    """An object of ``model`` that belongs to ``group``, or 404."""
    thing = db.session.get(model, object_id)
    if thing is None or thing.group_id != group.id:
        abort(404)
    return thing


def member_choices(group, blank):
    """Members of the network, the group's own first."""
    members = db.session.scalars(select(Member).where(Member.status.in_(("active", "in_grace"))).order_by(Member.name)).all()
    own = {m.person.member_id for m in group.memberships if m.person.member_id}
    ordered = [m for m in members if m.id in own] + [m for m in members if m.id not in own]
    return choices([(0, blank)] + [(m.id, m.name) for m in ordered])


def people_choices(group, blank):
    return choices([(0, blank)] + [(m.person_id, m.person.name) for m in sorted(group.memberships, key=lambda m: m.person.name)])
