"""A member's people: colleagues, removal, and who represents the member."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import audit, mail
from ...auth import rules as accounts
from ...extensions import db
from ..models import Representative

ROLE_NAMES = {
    "voting": _l("voting representative"),
    "deputy": _l("deputy voting representative"),
    "contact": _l("primary contact"),
}


class NotOurs(Exception):
    """The person does not act for this member."""


def name_representative(member, role, person, *, by):
    """Name ``person`` (or nobody) for ``role``; the person it replaces is told. One per role."""
    if person is not None and person.member_id != member.id:
        raise NotOurs(person.id)
    current = db.session.scalar(
        select(Representative).where(Representative.member_id == member.id, Representative.role == role)
    )
    before = current.person if current else None
    if before is person or (before and person and before.id == person.id):
        return False
    if role == "voting" and person is not None and member.representative("deputy") is person:
        name_representative(member, "deputy", None, by=by)
    if role == "deputy" and person is not None and member.representative("voting") is person:
        raise NotOurs(person.id)
    if current is not None:
        member.representatives.remove(current)
        db.session.flush()
    if person is not None:
        member.representatives.append(Representative(role=role, person=person))
    db.session.flush()
    audit.record(
        "member.representative_changed",
        member,
        actor=by,
        detail={"role": role, "before": before.id if before else None, "after": person.id if person else None},
    )
    if before is not None and before.is_active:
        mail.enqueue(
            before.email,
            _l("You are no longer %(role)s for %(member)s", role=ROLE_NAMES[role], member=member.name),
            "membership/email/representative_replaced.txt",
            kind="representative_replaced",
            person=before,
            member=member,
            role_name=ROLE_NAMES[role],
            successor=person,
        )
    if person is not None and person.is_active:
        mail.enqueue(
            person.email,
            _l("You are now %(role)s for %(member)s", role=ROLE_NAMES[role], member=member.name),
            "membership/email/representative_named.txt",
            kind="representative_named",
            person=person,
            member=member,
            role_name=ROLE_NAMES[role],
        )
    return True


def invite_colleague(member, *, name, email, is_member_admin, by):
    """Invite a person to act for ``member`` (again, if already invited and not yet joined); None
    when the address has an account of its own, whose holder is told how to join instead: the
    inviter is not told who holds an address, and the member's list shows people once joined."""
    holder = accounts.find_person(email)
    if holder is not None and holder.member_id == member.id and holder.status == "invited":
        accounts.send_invitation(holder, by)
        return holder
    if holder is None:
        try:
            with db.session.begin_nested():
                return accounts.invite_person(name=name, email=email, member=member, is_member_admin=is_member_admin, invited_by=by)
        except accounts.EmailInUse:  # the same address, invited at the same moment
            holder = accounts.find_person(email)
    mail.enqueue(holder.email, _l("%(member)s asked to add you to the portal", member=member.name),
                 "membership/email/colleague_has_account.txt", kind="colleague_has_account", person=holder, member=member, by=by)
    return None


def remove_person(member, person, *, by):
    """Stop ``person`` acting for ``member``: their roles for it end and they can no longer sign in,
    unless they hold a network role (the secretariat's to take away), when only the tie ends."""
    if person.member_id != member.id:
        raise NotOurs(person.id)
    for representative in list(member.representatives):
        if representative.person_id == person.id:
            name_representative(member, representative.role, None, by=by)
    person.member = None
    person.is_member_admin = False
    if not person.role_names:
        accounts.deactivate(person, by=by)
    audit.record("member.person_removed", member, actor=by, detail={"person_id": person.id})
