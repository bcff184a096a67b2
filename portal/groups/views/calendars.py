"""Calendar feeds behind a secret in the address, and the page that gives and resets them."""

from urllib.parse import urlsplit

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...auth.access import ANYONE, SIGNED_IN, access
from ...auth.forms import ConfirmForm
from ...extensions import db
from ..models import CalendarToken, Group, GroupMember
from ..rules import access as group_access
from ..rules import feeds

bp = Blueprint("calendars", __name__, template_folder="../templates")


def _domain():
    return urlsplit(current_app.config["BASE_URL"]).hostname or "portal"


def _ics(body, name):
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": f'inline; filename="{name}.ics"', "Cache-Control": "no-store"})


@bp.get("/calendars")
@access(SIGNED_IN)
def index():
    token = db.session.get(CalendarToken, current_user.id)  # made by the form below: a GET writes nothing
    groups = db.session.scalars(
        select(Group).join(GroupMember, GroupMember.group_id == Group.id).where(GroupMember.person_id == current_user.id).order_by(Group.name)
    ).all()
    return render_template("groups/calendars.html", secret=token and token.secret, groups=groups, form=ConfirmForm())


@bp.post("/calendars/reset")
@access(SIGNED_IN)
def reset():
    if ConfirmForm().validate_on_submit():
        had_one = feeds.reset_token(current_user)
        db.session.commit()
        if had_one:
            flash(_("Your calendar addresses have changed. The old ones no longer work."), "success")
    return redirect(url_for("calendars.index"))


def _feed_person(secret):
    person = feeds.person_for(secret)
    if person is None or not person.is_active:
        abort(404)
    return person


@bp.get("/calendars/<secret>/mine.ics")
@access(ANYONE)
def person_feed(secret):
    person = _feed_person(secret)
    return _ics(feeds.person_feed(person, _domain()), "portal")


@bp.get("/calendars/<secret>/groups/<int:group_id>.ics")
@access(ANYONE)
def group_feed(secret, group_id):
    person = _feed_person(secret)
    group = db.get_or_404(Group, group_id)
    # The secret stands in for signing in: the same one place decides what it may see.
    if not group_access.can_see(_Signed(person), group):
        abort(404)
    return _ics(feeds.group_feed(group, _domain(), person), f"group-{group.id}")


class _Signed:
    """A person known by their calendar secret, seen by the access rules as signed in."""

    is_authenticated = True

    def __init__(self, person):
        self._person = person

    def __getattr__(self, name):
        return getattr(self._person, name)
