"""Pages every visitor can reach: home, the language switch, the footer's pages, health."""

from flask import Blueprint, current_app, jsonify, redirect, render_template, send_from_directory, session
from flask_login import current_user
from sqlalchemy import text

from ..auth.access import ANYONE, access
from ..extensions import db
from ..core import waiting
from ..core.inputs import text_arg
from ..core.urls import safe_next

bp = Blueprint("core", __name__)


@bp.get("/")
@access(ANYONE)
def home():
    """The signed-in home: what waits for this person, gathered from every area."""
    return render_template("core/home.html", items=waiting.items(current_user))


@bp.get("/language/<code>")
@access(ANYONE)
def switch_language(code):
    """Switch language; a signed-in person's choice is saved so it follows them."""
    if code in current_app.config["LANGUAGES"]:
        session["locale"] = code
        if current_user.is_authenticated and current_user.locale != code:
            current_user.locale = code
            db.session.commit()
    return redirect(safe_next(text_arg("next", limit=2000)))


@bp.get("/accessibility")
@access(ANYONE)
def accessibility():
    return render_template("core/accessibility.html")


@bp.get("/privacy")
@access(ANYONE)
def privacy():
    return render_template("core/privacy.html")


@bp.get("/cookies")
@access(ANYONE)
def cookies():
    return render_template("core/cookies.html")


@bp.get("/favicon.ico")
@access(ANYONE)
def favicon():
    return send_from_directory(current_app.static_folder, "images/favicon.ico", mimetype="image/vnd.microsoft.icon")


@bp.get("/healthz")
@access(ANYONE)
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure to answer means the database is down
        db.session.rollback()
        return jsonify(status="error", database="error"), 503
    return jsonify(status="ok", database="ok")
