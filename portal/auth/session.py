"""Flask-Login wiring: how a session cookie becomes a person."""

from functools import cache

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from ..extensions import db
from .models import Anonymous, Person


@cache
def _with_roles():
    """Made once, when first asked (on import it would configure the mappers too early)."""
    return (joinedload(Person.roles),)


def load_person(session_id):
    """The person this session belongs to, unless their session token has changed since."""
    person_id, _, token = (session_id or "").partition(":")
    if not person_id.isdigit() or not token:
        return None
    try:
        person = db.session.get(Person, int(person_id), options=_with_roles())
    except OperationalError:
        # Database down: treat the visitor as signed out so the error page can render.
        db.session.rollback()
        return None
    if person is None or person.session_token != token or not person.is_active:
        return None
    return person


def init_app(app, login_manager):
    login_manager.init_app(app)
    login_manager.user_loader(load_person)
    login_manager.anonymous_user = Anonymous
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.session_protection = "basic"
