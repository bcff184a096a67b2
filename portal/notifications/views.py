"""A person's notifications, their choices of how messages reach them, and the digest's way out."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.access import ANYONE, SIGNED_IN, access
from ..auth.forms import ConfirmForm
from ..auth.models import Person
from ..core.inputs import page_number
from ..core.urls import safe_next
from ..extensions import db
from . import digest, rules
from .forms import ChoicesForm
from .permissions import OWN_NOTIFICATION

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates")


@bp.get("/")
@access(SIGNED_IN)
def index():
    page = rules.page_of(current_user, page_number())
    return render_template("notifications/index.html", page=page, unread=rules.unread_count(current_user), form=ConfirmForm())


@bp.post("/<int:notification_id>/open")
@access(OWN_NOTIFICATION)
def open_one(notification_id):
    """Opening marks it read, then goes where its email's link went (a POST, so that a page
    that only shows the list changes nothing)."""
    notification = rules.load(notification_id) or abort(404)
    rules.mark_read(notification)
    db.session.commit()
    if notification.link:
        return redirect(safe_next(notification.link))
    return redirect(url_for(".index", _anchor=f"notification-{notification.id}"))


@bp.post("/read")
@access(SIGNED_IN)
def read_all():
    rules.mark_all_read(current_user)
    db.session.commit()
    flash(_("Every notification is marked as read."), "success")
    return redirect(url_for(".index"))


@bp.route("/choices", methods=["GET", "POST"])
@access(SIGNED_IN)
def choices():
    form = ChoicesForm(data=rules.choices_of(current_user))
    if form.validate_on_submit():
        rules.set_choices(current_user, form.chosen())
        db.session.commit()
        flash(_("Your choices have been saved."), "success")
        return redirect(url_for(".choices"))
    return render_template("notifications/choices.html", form=form)


@bp.route("/stop/<token>", methods=["GET", "POST"])
@access(ANYONE)
def stop(token):
    """The link in every digest: the signed token says whose, so no sign-in is needed."""
    person_id = digest.read_stop_token(token)
    person = db.session.get(Person, person_id) if person_id else None
    if person is None:
        abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        rules.stop_digest(person)
        db.session.commit()
        return render_template("notifications/stopped.html")
    return render_template("notifications/stop.html", form=form)
