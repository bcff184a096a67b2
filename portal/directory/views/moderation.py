"""Moderating the directory: the queue of submissions for each moderator's area, deciding
them, and the staff's own adding, editing and withdrawing of entries."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ...auth.forms import ConfirmForm
from ...auth.access import access
from ...extensions import db
from ..forms import EntryForm, RejectForm
from ..models import FIELDS, Entry, Submission
from ..permissions import DECIDE, EDIT_ENTRY, MODERATE, entry_of, submission_of
from ..rules import access as directory_access
from ..rules import entries

bp = Blueprint("directory_moderation", __name__, url_prefix="/directory/moderation", template_folder="../templates")


@bp.get("/")
@access(MODERATE)
def queue():
    scope = directory_access.moderated_by(current_user, Submission.area_code)
    waiting = db.session.scalars(
        select(Submission).where(scope, Submission.state == "pending")
        .options(joinedload(Submission.entry)).order_by(Submission.created_at, Submission.id)
    ).all()
    decided = db.session.scalars(
        select(Submission).where(scope, Submission.state != "pending")
        .options(joinedload(Submission.entry), joinedload(Submission.decided_by))
        .order_by(Submission.decided_at.desc(), Submission.id.desc()).limit(20)
    ).all()
    in_area = directory_access.moderated_by(current_user, Entry.area_code)
    unconfirmed = db.session.scalar(select(func.count(Entry.id)).where(
        in_area, Entry.state == "live", Entry.last_confirmed_on <= directory_access.unconfirmed_since()))
    off_map = db.session.scalar(select(func.count(Entry.id)).where(
        in_area, Entry.state == "live", Entry.last_confirmed_on <= directory_access.off_map_since()))
    return render_template("directory/queue.html", waiting=waiting, decided=decided, unconfirmed=unconfirmed, off_map=off_map)


@bp.get("/submissions/<int:submission_id>")
@access(DECIDE)
def submission(submission_id):
    item = submission_of({"submission_id": submission_id}) or abort(404)
    return _show(item, ConfirmForm(), RejectForm())


def _show(item, approve_form, reject_form, status=200):
    current = item.entry.values() if item.entry else {}
    changes = [(field, current.get(field), item.data[field]) for field in FIELDS if field in item.data
               and (item.kind == "new" or item.data[field] != current.get(field))]
    return render_template("directory/submission.html", submission=item, changes=changes, approve_form=approve_form,
                           reject_form=reject_form), status


@bp.post("/submissions/<int:submission_id>/approve")
@access(DECIDE)
def approve(submission_id):
    item = submission_of({"submission_id": submission_id}) or abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return _show(item, form, RejectForm(formdata=None), 400)
    try:
        entry = entries.approve(item, by=current_user)
        db.session.commit()
    except entries.AlreadyDecided:
        db.session.rollback()
        flash(_("Someone else decided this submission first."), "error")
        return redirect(url_for("directory_moderation.submission", submission_id=submission_id))
    except (entries.DuplicateRegistration, IntegrityError):
        db.session.rollback()
        flash(_("Another entry already has this registration number: change one of them first."), "error")
        return redirect(url_for("directory_moderation.submission", submission_id=submission_id))
    flash(_("%(name)s is published.", name=entry.name), "success")
    return redirect(url_for("directory_moderation.queue"))


@bp.post("/submissions/<int:submission_id>/reject")
@access(DECIDE)
def reject(submission_id):
    item = submission_of({"submission_id": submission_id}) or abort(404)
    form = RejectForm()
    if not form.validate_on_submit():
        return _show(item, ConfirmForm(formdata=None), form, 400)
    try:
        entries.reject(item, by=current_user, reason=form.reason.data)
        db.session.commit()
    except entries.AlreadyDecided:
        db.session.rollback()
        flash(_("Someone else decided this submission first."), "error")
        return redirect(url_for("directory_moderation.submission", submission_id=submission_id))
    flash(_("The submission is rejected and its sender told why."), "success")
    return redirect(url_for("directory_moderation.queue"))


def _may_use_area(form):
    """A council's people add and move entries only within their own area."""
    if directory_access.may_moderate(current_user, form.area_code.data or None):
        return True
    form.area_code.errors.append(_("You can only choose your own council's area"))
    return False


def _save(form, save):
    try:
        result = save()
        db.session.commit()
        return result
    except (entries.DuplicateRegistration, IntegrityError):
        db.session.rollback()
        form.registration_number.errors.append(_("Another entry already has this registration number"))
        return None


@bp.route("/entries/new", methods=["GET", "POST"])
@access(MODERATE)
def new_entry():
    form = EntryForm()
    if form.validate_on_submit() and _may_use_area(form):
        entry = _save(form, lambda: entries.add(form.values(), by=current_user))
        if entry is not None:
            if entry.contact_email:
                entries.send_link(entry, reason="listed")
                db.session.commit()
            flash(_("%(name)s is published.", name=entry.name), "success")
            return redirect(url_for("directory.entry", entry_id=entry.id))
    return render_template("directory/entry_form.html", form=form, entry=None)


@bp.route("/entries/<int:entry_id>/edit", methods=["GET", "POST"])
@access(EDIT_ENTRY)
def edit_entry(entry_id):
    entry = entry_of({"entry_id": entry_id}) or abort(404)
    form = EntryForm(data=entry.values() if request.method == "GET" else None)
    if form.validate_on_submit() and _may_use_area(form):
        if _save(form, lambda: entries.edit(entry, form.values(), by=current_user) or True):
            flash(_("The entry is saved."), "success")
            return redirect(url_for("directory.entry", entry_id=entry_id))
    return render_template("directory/entry_form.html", form=form, entry=entry)


@bp.post("/entries/<int:entry_id>/withdraw")
@access(EDIT_ENTRY)
def withdraw(entry_id):
    return _set_withdrawn(entry_id, True)


@bp.post("/entries/<int:entry_id>/restore")
@access(EDIT_ENTRY)
def restore(entry_id):
    return _set_withdrawn(entry_id, False)


def _set_withdrawn(entry_id, withdrawn):
    entry = entry_of({"entry_id": entry_id}) or abort(404)
    if ConfirmForm().validate_on_submit():
        entries.withdraw(entry, by=current_user, withdrawn=withdrawn)
        db.session.commit()
        flash(_("The entry is withdrawn: only moderators see it now.") if withdrawn else _("The entry is back on the directory."), "success")
    return redirect(url_for("directory.entry", entry_id=entry_id))


@bp.post("/entries/<int:entry_id>/send-link")
@access(EDIT_ENTRY)
def send_link(entry_id):
    entry = entry_of({"entry_id": entry_id}) or abort(404)
    if ConfirmForm().validate_on_submit() and entries.send_link(entry, reason="sent"):
        db.session.commit()
        flash(_("We have emailed the organisation a link to update its entry."), "success")
    return redirect(url_for("directory.entry", entry_id=entry_id))
