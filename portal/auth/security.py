"""Keeping sessions safe: the security log, session lifetimes, the second factor that some
roles must use, and asking for the password again before sensitive changes.

OWASP ASVS level 2 is the bar: a fresh session at sign-in, an idle timeout and an
absolute lifetime, re-authentication before changing credentials or destroying things,
and a log of sign-ins, failures, lockouts, second-factor changes and refused access.
"""

import logging
import secrets
import time
from functools import wraps
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from sqlalchemy.exc import SQLAlchemyError

from ..core.urls import safe_next
from ..db import end_reading, utcnow, writing
from ..extensions import db
from .models import SecurityEvent
from .session import end_this_session, open_session

log = logging.getLogger(__name__)

# Pages a person who must set up a second factor may still use.
OPEN_WHILE_SETTING_UP = {
    "security.set_up_second_factor", "security.recovery_codes", "auth.sign_out", "static", "core.switch_language",
    "core.healthz", "core.favicon", "security.confirm_password",
}


def record(kind, person=None, *, email=None, commit=False):
    """Add an event to the security log, with the request's address, browser and path."""
    has_request = bool(request)
    event = SecurityEvent(
        kind=kind, at=utcnow(), person_id=getattr(person, "id", None), email=(email or None) and email[:254],
        address=(request.remote_addr or "")[:45] if has_request else None,
        user_agent=(request.user_agent.string or "")[:200] if has_request else None,
        path=request.full_path.rstrip("?")[:300] if has_request else None,
    )
    db.session.add(event)
    if commit:
        db.session.commit()
    return event


def start_session(person, *, second_factor_used):
    """What every sign-in does once the person is known: a new session, on the server and in
    the cookie, its clocks and the log."""
    from flask_login import login_user

    locale = session.get("locale")
    session.clear()
    open_session(person)
    login_user(person)
    now = time.time()
    session.update(sid=secrets.token_urlsafe(16), signed_in_at=now, seen_at=now, reauth_at=now,
                   second_factor=bool(second_factor_used))
    if locale:
        session["locale"] = locale
    record("sign_in", person)


def renew_session(person, because):
    """Give this browser a new session and end the one it had, keeping the cookie's clocks: after
    a new password or signing out everywhere else, a stolen copy of the old cookie is useless."""
    from flask_login import login_user

    end_this_session(person, because)
    open_session(person)
    login_user(person)


def confirms_password(person, password):
    """True when ``password`` is the signed-in person's. Counted against the guessing limits
    first (raises throttle.Throttled); a wrong one is logged and counts towards the owner's alert."""
    from .passwords import verify_password
    from .throttle import Attempt

    attempt = Attempt("password", person.email).count()
    if verify_password(person.password_hash, password):
        attempt.succeeded()
        return True
    attempt.failed(person)
    record("reauth_failed", person, commit=True)
    return False


def end_session(because="signed_out"):
    """Sign out: the session ends on the server, so a copy of the cookie is useless too."""
    locale = session.get("locale")
    if current_user.is_authenticated:
        end_this_session(current_user._get_current_object(), because)
    logout_user()
    session.clear()
    if locale:
        session["locale"] = locale


def enforce_session_limits():
    """``before_request``: end a session idle too long or older than its absolute lifetime, and
    tell a browser whose session was ended elsewhere why it is signed out."""
    if not current_user.is_authenticated:
        if session.get("_user_id"):
            locale = session.get("locale")
            session.clear()
            if locale:
                session["locale"] = locale
            flash(_("You have been signed out, because this session was ended: by signing out everywhere else, a new "
                    "password, or a change to your account. Sign in again."), "error")
        return None
    config, now = current_app.config, time.time()
    started, seen = session.get("signed_in_at"), session.get("seen_at")
    if started is None or seen is None or now - seen > config["SESSION_IDLE_MINUTES"] * 60 or now - started > config["SESSION_LIFETIME_HOURS"] * 3600:
        person = current_user._get_current_object()
        # This request's transaction may have begun as a reader's (a page, a reads_first form).
        end_reading()
        with writing():
            end_session("expired")
            record("session_expired", person, commit=True)
        flash(_("You were signed out because the session had ended. Please sign in again."), "error")
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?") if request.method == "GET" else None))
    if now - seen > 30:  # refreshed twice a minute at most, so the cookie is not rewritten on every request
        session["seen_at"] = now
    return None


# (what the browser string holds, the name a person knows it by), most particular first.
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Chromium/", "Chromium"),
            ("Safari/", "Safari"))
SYSTEMS = (("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"), ("Mac OS X", "Mac"),
           ("CrOS", "ChromeOS"), ("Linux", "Linux"))


def browser_name(user_agent):
    """'Chrome on Windows' from a browser's User-Agent string, as a person knows their device; the
    string itself when it names no browser we know."""
    text = user_agent or ""
    browser = next((name for mark, name in BROWSERS if mark in text), None)
    system = next((name for mark, name in SYSTEMS if mark in text), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    return browser or system or text[:60]


def must_use_second_factor(person):
    return person.has_role(*current_app.config["SECOND_FACTOR_REQUIRED_ROLES"])


def enforce_second_factor():
    """``before_request``: admins and the secretariat reach nothing until their second factor is set up and used."""
    if not current_user.is_authenticated or session.get("second_factor") or request.endpoint in OPEN_WHILE_SETTING_UP:
        return None
    if request.endpoint is None or not must_use_second_factor(current_user):
        return None
    flash(_("Your role needs a second factor: set up an authenticator app to continue."), "error")
    return redirect(url_for("security.set_up_second_factor"))


def password_is_fresh():
    return time.time() - session.get("reauth_at", 0) <= current_app.config["REAUTH_MINUTES"] * 60


def fresh_password(view):
    """Ask for the password again before ``view`` when it was last given too long ago."""

    @wraps(view)
    def checked(*args, **kwargs):
        if password_is_fresh():
            return view(*args, **kwargs)
        back = request.full_path.rstrip("?") if request.method == "GET" else _same_site_path(request.referrer)
        return redirect(url_for("security.confirm_password", next=back))

    return checked


def _same_site_path(url):
    parts = urlsplit(url or "")
    if parts.netloc and parts.netloc != request.host:
        return safe_next(None)
    return safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))


THROTTLED = {"auth.forgotten_password"}


def too_many_attempts(refusal, template, form, field, *, person=None, email=None, **context):
    """The form again, with the wait next to ``field``, answered 429 with Retry-After; logged."""
    from flask import make_response, render_template

    db.session.rollback()
    record("locked_out", person, email=email, commit=True)
    field.errors.append(refusal.message)
    response = make_response(render_template(template, form=form, **context), 429)
    response.headers["Retry-After"] = str(refusal.retry_after)
    return response


def _logged(kind, status, *, email=None):
    """Log the refusal in its own transaction, then show the error page; a log that cannot be
    written (the database is down) does not hide the refusal."""
    from ..core.web import render_error

    db.session.rollback()
    try:
        record(kind, current_user if current_user.is_authenticated else None, email=email, commit=True)
    except SQLAlchemyError:
        db.session.rollback()
        log.warning("could not write %s to the security log", kind)
    return render_error(status)


def _refused(error):
    return _logged("access_refused", 403)


def _throttled(error):
    if request.endpoint not in THROTTLED:
        from ..core.web import render_error

        return render_error(429)
    return _logged("locked_out", 429, email=request.form.get("email"))


def init_app(app):
    """Session limits run before the access rules; the second-factor check after them."""
    app.before_request(enforce_session_limits)
    app.add_template_filter(browser_name)
    app.register_error_handler(403, _refused)
    app.register_error_handler(429, _throttled)


def init_after_access(app):
    app.before_request(enforce_second_factor)
