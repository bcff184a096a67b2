"""What every response gets: security headers, error pages in the layout, and a nonce."""

import logging
import secrets
from urllib.parse import urlsplit

from flask import g, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from werkzeug.exceptions import HTTPException, InternalServerError

from ..extensions import db

log = logging.getLogger(__name__)

ERROR_PAGES = {
    400: (_l("Sorry, there is a problem with your request"), _l("Go back and try again.")),
    403: (_l("You do not have permission to see this page"), _l("If you think you should, ask the network secretariat.")),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (_l("Sorry, there is a problem with your request"), _l("Go back and try again.")),
    413: (_l("The file or form you sent is too large"), _l("Go back and send something smaller.")),
    429: (_l("Too many attempts"), _l("Wait a few minutes, then try again.")),
    500: (_l("Sorry, there is a problem with the service"), _l("Try again later.")),
    503: (_l("Sorry, the service is unavailable"), _l("Try again in a few minutes.")),
}


def csp_nonce():
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def allow_images_from(url):
    """Let this response's page show images from the host of ``url`` (a map's tile server)."""
    parts = urlsplit(url or "")
    if parts.scheme in ("https", "http") and parts.hostname:
        host = parts.hostname.replace("{s}", "*")
        g.setdefault("csp_images", []).append(f"{parts.scheme}://{host}")


def set_security_headers(response):
    nonce = g.get("csp_nonce")
    script_src = f"'self' 'nonce-{nonce}'" if nonce else "'self'"
    images = " ".join(["'self' data:", *g.get("csp_images", ())])
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; "
        f"script-src {script_src}; "
        "style-src 'self'; "
        f"img-src {images}; "
        "font-src 'self'; "
        "connect-src 'self'; "
        "object-src 'none'; "
        "base-uri 'none'; "
        "form-action 'self'; "
        "frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()"
    if request.is_secure:
        response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
    if response.mimetype == "text/html":
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# A refused action (a form sent, a button pressed) is not a page the person tried to see.
REFUSED_ACTION = (_l("You cannot do this"), _l("Your account does not allow it. If you think it should, ask the network secretariat."))


def render_error(status, message=None):
    title, advice = ERROR_PAGES.get(status, ERROR_PAGES[500])
    if status == 403 and request.method not in ("GET", "HEAD"):
        title, advice = REFUSED_ACTION
    return render_template("errors/error.html", status=status, title=title, advice=message or advice), status


def handle_http_error(error):
    if error.code is None or error.code < 400:
        return error
    if request.path.startswith("/healthz"):
        return error
    return render_error(error.code if error.code in ERROR_PAGES else 500)


def handle_csrf_error(error):
    return render_error(400, _l("The form had expired or was sent from somewhere else. Go back, reload the page and try again."))


def handle_database_unavailable(error):
    log.error("database unavailable: %s", type(error).__name__)
    db.session.rollback()
    return render_error(503)


def handle_unexpected(error):
    if isinstance(error, HTTPException):
        return handle_http_error(error)
    log.exception("unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return render_error(InternalServerError.code)


def init_app(app):
    app.add_template_global(csp_nonce)
    app.after_request(set_security_headers)
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(PoolTimeout, handle_database_unavailable)
    app.register_error_handler(Exception, handle_unexpected)
