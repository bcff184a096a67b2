"""Accounts: signing in, invitations, passwords, email changes and network roles.

Each function flushes and records what it changed; the view commits.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from .. import audit, mail
from ..db import utcnow
from ..extensions import db
from .models import Person, Token
from .passwords import hash_password, needs_rehash, verify_password
from .session import end_sessions


# Every link that proves who someone is by their inbox: a new password or a new address ends them all.
EMAILED_LINKS = ("invitation", "password_reset", "email_change")


class EmailInUse(Exception):
    """Another account already uses this email address."""


def find_person(email):
    return db.session.scalar(select(Person).where(Person.email == Person.normalise_email(email)))


def authenticate(email, password):
    """The active person with this email and password, or None. Always costs one hash."""
    person = find_person(email)
    if not verify_password(person.password_hash if person else None, password):
        return None
    if not person.is_active:
        return None
    if needs_rehash(person.password_hash):
        person.password_hash = hash_password(password)
    person.last_signed_in_at = utcnow()
    db.session.flush()
    return person


def invite_person(*, name, email, member=None, is_member_admin=False, roles=(), invited_by=None, locale=None):
    """Create an account waiting for its password and email the invitation to set it.

    Raises EmailInUse, after which the caller must roll back.
    """
    if find_person(email) is not None:
        raise EmailInUse(email)
    person = Person(
        name=name,
        email=Person.normalise_email(email),
        member=member,
        is_member_admin=bool(member) and is_member_admin,
        locale=locale,
    )
    person.set_roles(roles)
    db.session.add(person)
    try:
        db.session.flush()
    except IntegrityError as error:  # the same address, invited at the same moment
        raise EmailInUse(email) from error
    audit.record(
        "person.invited",
        person,
        actor=invited_by,
        detail={"member_id": member.id if member else None, "member_admin": person.is_member_admin, "roles": sorted(roles)},
    )
    send_invitation(person, invited_by)
    return person


def _email_link(person, purpose, lifetime_setting, subject, *, to=None, new_email=None, **context):
    """Send a single-use link for ``purpose``; any earlier link for it stops working."""
    Token.withdraw_all(person, purpose)
    _, secret = Token.issue(person, purpose, current_app.config[lifetime_setting], new_email=new_email)
    mail.enqueue(
        to or person.email,
        subject,
        f"auth/email/{purpose}.txt",
        kind=purpose,
        person=person,
        secret=secret,
        **context,
    )


def send_invitation(person, invited_by=None):
    """(Re)send the invitation; an earlier link stops working."""
    _email_link(
        person,
        "invitation",
        "INVITATION_LIFETIME_HOURS",
        _l("You are invited to the Co-operative Councils Network portal"),
        invited_by=invited_by,
    )


def accept_invitation(token, *, name, password):
    """Set the invited person's name and password; the email is now proven. False if the link was spent."""
    if not token.consume():
        return False
    person = token.person
    person.name = name
    person.password_hash = hash_password(password)
    person.email_verified_at = person.email_verified_at or utcnow()
    Token.withdraw_all(person, *EMAILED_LINKS)
    end_sessions(person, "invitation_accepted")
    audit.record("person.joined", person, actor=person)
    return True


def request_password_reset(email, locale=None):
    """Leave the request in the outbox; ``send_password_reset`` answers it when mail goes out.
    The asker is told the same, in the same time, whether or not the address has an account."""
    mail.request("password_reset", Person.normalise_email(email), locale=locale)


@mail.handles_requests("password_reset")
def send_password_reset(email, locale=None):
    """Email a reset link if an active account has this address; nothing otherwise."""
    person = find_person(email)
    if person is None or not person.is_active:
        return
    _email_link(person, "password_reset", "PASSWORD_RESET_LIFETIME_HOURS", _l("Reset your password"), locale=locale)


def reset_password(token, password):
    """Set a new password from a reset link, once. Ends every session of the person, the one
    the link was opened in too."""
    if not token.consume():
        return False
    person = token.person
    _set_password(person, password, "person.password_reset")
    end_sessions(person, "password_reset")
    return True


def change_password(person, new_password):
    """Change the signed-in person's password (the caller checked the current one); every other
    session ends, and the caller renews this one."""
    _set_password(person, new_password, "person.password_changed")
    end_sessions(person, "password_changed", keep_current=True)


def _set_password(person, password, action):
    person.password_hash = hash_password(password)
    Token.withdraw_all(person, *EMAILED_LINKS)
    audit.record(action, person, actor=person)
    mail.enqueue(
        person.email,
        _l("Your password has been changed"),
        "auth/email/password_changed.txt",
        kind="password_changed",
        person=person,
    )


def request_email_change(person, new_email):
    """Send a confirmation link to the new address; the old one is told. When the new address
    already has an account, its holder is told instead of the asker, who learns nothing of it."""
    new_email = Person.normalise_email(new_email)
    holder = find_person(new_email)
    if holder is not None:
        mail.enqueue(holder.email, _l("Someone asked to use your email address"), "auth/email/email_in_use.txt",
                     kind="email_in_use", person=holder)
    else:
        _email_link(
            person,
            "email_change",
            "EMAIL_VERIFICATION_LIFETIME_HOURS",
            _l("Confirm your new email address"),
            to=new_email,
            new_email=new_email,
        )
    mail.enqueue(
        person.email,
        _l("Someone asked to change your email address"),
        "auth/email/email_change_requested.txt",
        kind="email_change_notice",
        person=person,
        new_email=new_email,
    )


def confirm_email_change(token):
    """Move the account to the confirmed address, once.

    Raises EmailInUse if the address was taken since, after which the caller must roll back.
    """
    if find_person(token.new_email) is not None:
        raise EmailInUse(token.new_email)
    if not token.consume():
        return False
    person = token.person
    person.email = token.new_email
    person.email_verified_at = utcnow()
    Token.withdraw_all(person, *EMAILED_LINKS)
    try:
        db.session.flush()
    except IntegrityError as error:
        raise EmailInUse(token.new_email) from error
    audit.record("person.email_changed", person, actor=person)
    return True


def set_roles(person, roles, *, by):
    """Give the person exactly these network roles, recording what changed."""
    before = sorted(person.role_names)
    person.set_roles(roles)
    after = sorted(roles)
    if before != after:
        audit.record("person.roles_changed", person, actor=by, detail={"before": before, "after": after})
    if set(before) - set(after):
        # A role taken away ends the person's sessions, so nothing begun under it goes on.
        end_sessions(person, "role_removed")


def deactivate(person, *, by):
    """Stop the person signing in; their records stay."""
    if person.deactivated_at is None:
        person.deactivated_at = utcnow()
        end_sessions(person, "deactivated")
        audit.record("person.deactivated", person, actor=by)


def reactivate(person, *, by):
    if person.deactivated_at is not None:
        person.deactivated_at = None
        audit.record("person.reactivated", person, actor=by)
