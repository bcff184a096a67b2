"""Signed-in sessions for the harness, made by the portal's own sign-in code.

Signing in a thousand voters through the form would spend the run on Argon2 and trip the
sign-in throttle, which is not what is being measured. So each session is started with
``start_session`` (as the sign-in form does, second factor included), and the cookie that
the browser would receive is signed with the app's own session serializer.
"""

from flask import session
from flask_wtf.csrf import generate_csrf
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from portal.auth.models import Person
from portal.auth.security import start_session
from portal.extensions import db

USER_AGENT = "portal-bench"


def signed_in(app, emails):
    """``{email: (cookie header, csrf token)}``: a fresh signed-in session for each person."""
    serializer = app.session_interface.get_signing_serializer(app)
    name = app.config["SESSION_COOKIE_NAME"]
    environ = {"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": USER_AGENT}
    made = {}
    for email in emails:
        # A context of its own for each, as each request has: the CSRF token is kept in ``g``.
        # A POST, as the sign-in form is: on SQLite its transaction takes the write lock at
        # BEGIN, and so waits for the served app's writers instead of failing on them.
        with app.app_context(), app.test_request_context("/sign-in", method="POST", environ_base=environ):
            person = db.session.scalar(select(Person).where(Person.email == email).options(joinedload(Person.roles)))
            if person is None:
                raise LookupError(f"no such person: {email}")
            start_session(person, second_factor_used=True)
            token = generate_csrf()
            made[email] = (f"{name}={serializer.dumps(dict(session))}", token)
            db.session.commit()  # the security log's sign-in entry
    return made
