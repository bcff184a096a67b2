"""People's rights under UK GDPR: a copy of their data, erasure, and keeping nothing longer
than the privacy notice says.

Erasure anonymises rather than deletes the account row, because the network's records
(decisions, payments, the audit log, forum threads) refer to it by number: the name
becomes "Former user N", the email and every personal field are cleared, sign-in becomes
impossible, and the person's roles, memberships, settings, emails and notifications are
removed; the directory's submissions forget them as sender and as proposed contact. Their
posts stay, under the anonymised name; their member's ballots are the member's and are not
touched.
The audit log holds only numbers for people (its details name no one), so it is not
changed and its hash chain still verifies.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import Date, cast, delete, literal_column, null, or_, select, union_all, update

from .. import audit
from ..auth.models import Person, PersonRole, RecoveryCode, SecondFactor, SecurityEvent, SignedInSession, Token
from ..audit.models import AuditEntry
from ..db import utcnow
from ..extensions import db
from ..forum.models import Flag, Mention, Post, ReadMark, Thread, Watch
from ..groups.models import CalendarToken, Group, GroupMember, Risk, Task
from ..mail.models import OutboxMessage
from ..membership.models import Application, Representative
from ..notifications import rules as notifications
from .models import ErasureRequest


def _when(moment):
    return moment.isoformat() if moment else None


def data_of(person, *, for_them=True):
    """Everything the portal holds about ``person``, as plain data for JSON and the page; their
    notifications only ``for_them``, since nobody else reads those, not even the secretariat."""
    pid = person.id
    rows = lambda statement: db.session.execute(statement).all()  # noqa: E731
    groups = rows(select(Group.name, GroupMember.role, GroupMember.role_note).join(GroupMember, GroupMember.group_id == Group.id)
                  .where(GroupMember.person_id == pid).order_by(Group.name))
    posts = rows(select(Thread.title, Post.number, Post.created_at, Post.edited_at, Post.state, Post.body)
                 .join(Thread, Thread.id == Post.thread_id).where(Post.author_id == pid).order_by(Post.created_at))
    # Tasks and risks owned in one query: the page has a budget of queries, and the navigation's
    # count of waiting work takes one of them.
    owned = rows(union_all(
        select(literal_column("'task'").label("what"), Task.id, Task.title, Task.status, Task.starts_on, Task.ends_on)
        .where(Task.owner_person_id == pid),
        select(literal_column("'risk'"), Risk.id, Risk.title, Risk.status, cast(null(), Date), Risk.review_on)
        .where(Risk.owner_person_id == pid)))
    tasks = sorted(((title, starts, ends, status) for what, _id, title, status, starts, ends in owned if what == "task"),
                   key=lambda task: task[2])
    risks = sorted(((title, status, review) for what, _id, title, status, _starts, review in owned if what == "risk"),
                   key=lambda risk: risk[0])
    flags = rows(select(Flag.post_id, Flag.reason, Flag.note, Flag.created_at).where(Flag.person_id == pid).order_by(Flag.created_at))
    # The second factor and the roles for a member in one query: the page has a budget of queries.
    account = rows(select(SecondFactor.person_id, Representative.role).select_from(Person)
                   .outerjoin(SecondFactor, SecondFactor.person_id == Person.id)
                   .outerjoin(Representative, Representative.person_id == Person.id).where(Person.id == pid))
    audit_rows = rows(select(AuditEntry.at, AuditEntry.action, AuditEntry.object_type, AuditEntry.object_id, AuditEntry.actor_id)
                      .where(or_(AuditEntry.actor_id == pid, (AuditEntry.object_type == "person") & (AuditEntry.object_id == pid)))
                      .order_by(AuditEntry.seq))
    security = rows(select(SecurityEvent.at, SecurityEvent.kind, SecurityEvent.address, SecurityEvent.user_agent)
                    .where(SecurityEvent.person_id == pid).order_by(SecurityEvent.at))
    emails = rows(select(OutboxMessage.created_at, OutboxMessage.subject, OutboxMessage.status)
                  .where(OutboxMessage.person_id == pid).order_by(OutboxMessage.created_at))
    return {
        "profile": {
            "name": person.name, "email": person.email, "language": person.locale, "account_created": _when(person.created_at),
            "email_verified": _when(person.email_verified_at), "last_signed_in": _when(person.last_signed_in_at),
            "member_organisation": person.member.name if person.member else None, "member_admin": person.is_member_admin,
            "deactivated": _when(person.deactivated_at),
        },
        "network_roles": sorted(person.role_names),
        "roles_for_member": sorted(role for _, role in account if role),
        "groups": [{"group": name, "role": role, "note": note} for name, role, note in groups],
        "tasks_owned": [{"task": t, "starts": s.isoformat(), "ends": e.isoformat(), "status": st} for t, s, e, st in tasks],
        "risks_owned": [{"risk": t, "status": s, "review_on": r.isoformat() if r else None} for t, s, r in risks],
        "forum_posts": [{"thread": t, "number": n, "written": _when(c), "edited": _when(e), "state": s, "text": b}
                        for t, n, c, e, s, b in posts],
        "forum_flags_made": [{"post": p, "reason": r, "note": n, "at": _when(c)} for p, r, n, c in flags],
        "second_factor": any(factor is not None for factor, _ in account),
        "audit_entries": [{"at": _when(a), "action": act, "object": f"{ot} {oid}" if ot else None, "by_you": actor == pid}
                          for a, act, ot, oid, actor in audit_rows],
        "security_log": [{"at": _when(a), "event": k, "address": ad, "browser": ua} for a, k, ad, ua in security],
        "emails_sent_to_you": [{"at": _when(c), "subject": s, "status": st} for c, s, st in emails],
        **(notifications.data_of(person) if for_them else {}),
    }


class CannotErase(Exception):
    """Erasing this account now would leave the network without an administrator."""


def request_erasure(person, reason):
    """A person asks for their account to be erased; once only while a request waits."""
    waiting = db.session.scalar(select(ErasureRequest).where(ErasureRequest.person_id == person.id, ErasureRequest.status == "pending"))
    if waiting is not None:
        return waiting, False
    made = ErasureRequest(person_id=person.id, reason=reason, requested_at=utcnow())
    db.session.add(made)
    db.session.flush()
    audit.record("person.erasure_requested", person, actor=person, detail={"request_id": made.id})
    return made, True


def decline(request_, *, by, note):
    request_.status, request_.decided_at, request_.decided_by_id, request_.note = "declined", utcnow(), by.id, note
    audit.record("person.erasure_declined", request_.person, actor=by, detail={"request_id": request_.id})


def approve(request_, *, by):
    request_.status, request_.decided_at, request_.decided_by_id = "approved", utcnow(), by.id
    erase(request_.person, by=by)


def erase(person, *, by):
    """Anonymise ``person`` as the module says. Idempotent."""
    if person.has_role("admin"):
        others = db.session.scalar(select(PersonRole.id).join(Person).where(
            PersonRole.role == "admin", PersonRole.person_id != person.id, Person.deactivated_at.is_(None)).limit(1))
        if others is None:
            raise CannotErase()
    pid, email = person.id, person.email
    # Deleting the person's sessions ends them at once, and takes their addresses and browsers with them.
    for model, column in ((PersonRole, PersonRole.person_id), (Token, Token.person_id), (SecondFactor, SecondFactor.person_id),
                          (SignedInSession, SignedInSession.person_id),
                          (RecoveryCode, RecoveryCode.person_id), (CalendarToken, CalendarToken.person_id),
                          (ReadMark, ReadMark.person_id), (Watch, Watch.person_id),
                          (Mention, Mention.person_id), (Representative, Representative.person_id), (GroupMember, GroupMember.person_id)):
        db.session.execute(delete(model).where(column == pid))
    db.session.execute(delete(OutboxMessage).where(or_(OutboxMessage.person_id == pid, OutboxMessage.to_address == email)))
    notifications.forget(person)
    from ..directory.rules.entries import forget_sender

    forget_sender(email)
    db.session.execute(update(SecurityEvent).where(SecurityEvent.person_id == pid).values(email=None, user_agent=None, address=None))
    db.session.execute(update(SecurityEvent).where(SecurityEvent.email == email).values(email=None))
    db.session.expire(person)
    person = db.session.get(Person, pid)
    person.name = f"Former user {pid}"
    person.email = f"former-user-{pid}@erased.invalid"
    person.password_hash = None
    person.locale = None
    person.is_member_admin = False
    person.email_verified_at = None
    person.last_signed_in_at = None
    person.deactivated_at = person.deactivated_at or utcnow()
    person.erased_at = utcnow()
    db.session.flush()
    audit.record("person.erased", person, actor=by)
    return person


def purge(now=None):
    """Remove what is kept no longer than the privacy notice says; return what went. Idempotent."""
    config, now = current_app.config, now or utcnow()
    done = {}
    old_applications = select(Application.id).where(
        Application.status == "declined", Application.decided_at < now - timedelta(days=config["DECLINED_APPLICATION_DAYS"]))
    done["declined applications"] = db.session.execute(delete(Application).where(Application.id.in_(old_applications))).rowcount
    never_joined = db.session.scalars(select(Person).where(
        Person.password_hash.is_(None), Person.erased_at.is_(None), Person.email_verified_at.is_(None),
        Person.created_at < now - timedelta(days=config["UNVERIFIED_ACCOUNT_DAYS"]))).all()
    for person in never_joined:
        erase(person, by=None)
    done["unused invitations"] = len(never_joined)
    done["security log entries"] = db.session.execute(
        delete(SecurityEvent).where(SecurityEvent.at < now - timedelta(days=config["SECURITY_LOG_DAYS"]))).rowcount
    done["ended sessions"] = db.session.execute(delete(SignedInSession).where(
        or_(SignedInSession.ended_at < now - timedelta(days=config["ENDED_SESSION_DAYS"]),
            SignedInSession.expires_at < now - timedelta(days=config["ENDED_SESSION_DAYS"])))).rowcount
    done["delivered emails"] = db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.status.in_(("sent", "failed", "handled")), OutboxMessage.created_at < now - timedelta(days=config["SENT_EMAIL_DAYS"]))).rowcount
    done["read notifications"] = notifications.purge(now - timedelta(days=config["READ_NOTIFICATION_DAYS"]))
    from ..directory.rules.entries import forget_submitters

    done["directory senders"] = forget_submitters(now - timedelta(days=config["DECLINED_APPLICATION_DAYS"]))
    if any(done.values()):
        audit.record("privacy.purged", detail=done)
    return done
