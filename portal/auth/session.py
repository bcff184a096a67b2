"""Flask-Login wiring, and sessions kept on the server so that each can be ended there.

The cookie carries ``<person id>:<session secret>``; the database keeps a hash of the secret
in ``signed_in_session``. A session is good only while its row is not ended and not past its
absolute lifetime, so ending the row ends the session at once, in every worker.
"""

import secrets
from datetime import timedelta
from functools import cache

from flask import current_app, has_request_context, request
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from ..db import utcnow
from ..extensions import db
from .models import Anonymous, Person, SignedInSession


@cache
def _with_roles():
    """Made once, when first asked (on import it would configure the mappers too early)."""
    return (joinedload(Person.roles),)


def load_person(session_id):
    """The person this session belongs to, while the session is open on the server."""
    person_id, _, secret = (session_id or "").partition(":")
    if not person_id.isdigit() or not secret or len(person_id) > 12:
        return None
    try:
        person = db.session.scalar(
            select(Person).join(SignedInSession, SignedInSession.person_id == Person.id).where(
                Person.id == int(person_id), SignedInSession.secret_hash == SignedInSession.hash(secret),
                SignedInSession.ended_at.is_(None), SignedInSession.expires_at > utcnow(),
            ).options(*_with_roles())
        )
    except OperationalError:
        # Database down: treat the visitor as signed out so the error page can render.
        db.session.rollback()
        return None
    if person is None or not person.is_active:
        return None
    person.session_secret = secret
    return person


def open_session(person):
    """A new server-side session for ``person``; its secret is kept on the object for the cookie."""
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(SignedInSession(
        person_id=person.id, secret_hash=SignedInSession.hash(secret), started_at=now,
        expires_at=now + timedelta(hours=current_app.config["SESSION_LIFETIME_HOURS"]),
        address=(request.remote_addr or "")[:45] if has_request_context() else None,
        user_agent=(request.user_agent.string or "")[:200] if has_request_context() else None,
    ))
    db.session.flush()
    person.session_secret = secret
    return secret


def end_this_session(person, because="signed_out"):
    """End the session ``person`` was loaded for (signing out)."""
    if person.session_secret:
        _end(SignedInSession.secret_hash == SignedInSession.hash(person.session_secret), because=because)
    person.session_secret = None


def end_sessions(person, because, *, keep_current=False):
    """End every open session of ``person`` (all but the one it was loaded for, with
    ``keep_current``). Returns how many ended."""
    where = [SignedInSession.person_id == person.id]
    if keep_current and person.session_secret:
        where.append(SignedInSession.secret_hash != SignedInSession.hash(person.session_secret))
    return _end(*where, because=because)


def open_sessions(person):
    """The person's sessions still open, newest first."""
    return db.session.scalars(select(SignedInSession).where(
        SignedInSession.person_id == person.id, SignedInSession.ended_at.is_(None), SignedInSession.expires_at > utcnow(),
    ).order_by(SignedInSession.started_at.desc())).all()


def is_current(session_row, person):
    return bool(person.session_secret) and session_row.secret_hash == SignedInSession.hash(person.session_secret)


def _end(*where, because):
    return db.session.execute(
        update(SignedInSession).where(*where, SignedInSession.ended_at.is_(None))
        .values(ended_at=utcnow(), ended_because=because).execution_options(synchronize_session=False)
    ).rowcount


def init_app(app, login_manager):
    login_manager.init_app(app)
    login_manager.user_loader(load_person)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.session_protection = "basic"
