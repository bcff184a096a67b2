"""The secretariat's queue of applications to join."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...auth.access import SECRETARIAT, access
from ...auth.forms import ConfirmForm
from ...core.inputs import page_number, text_arg
from ...extensions import db
from ..forms import DeclineForm
from ..models import Application
from ..rules import applications

bp = Blueprint("applications", __name__, url_prefix="/secretariat/applications", template_folder="../templates")


@bp.get("/")
@access(SECRETARIAT)
def index():
    shown = text_arg("status", "submitted")
    if shown not in ("submitted", "approved", "declined"):
        shown = "submitted"
    statement = (
        select(Application)
        .options(joinedload(Application.requested_tier))
        .where(Application.status == shown)
        .order_by(Application.submitted_at)
    )
    page = db.paginate(statement, page=page_number(), per_page=50, max_per_page=50, error_out=False)
    return render_template("membership/applications.html", page=page, shown=shown)


@bp.get("/<int:application_id>")
@access(SECRETARIAT)
def show(application_id):
    application = db.get_or_404(Application, application_id, options=[joinedload(Application.requested_tier)])
    duplicate = None
    if application.status == "submitted":
        duplicate = applications.find_duplicate(
            application.name, application.registration_number, exclude_application=application
        )
    return render_template(
        "membership/application.html",
        application=application,
        duplicate=duplicate,
        form=ConfirmForm(),
        decline_form=DeclineForm(),
    )


@bp.post("/<int:application_id>/approve")
@access(SECRETARIAT)
def approve(application_id):
    application = db.get_or_404(Application, application_id)
    if ConfirmForm().validate_on_submit():
        try:
            member = applications.approve(application, by=current_user)
        except applications.AlreadyDecided:
            db.session.rollback()
            flash(_("This application was already decided."), "success")
        else:
            db.session.commit()
            flash(_("%(name)s is now a member. Its contact has been invited.", name=member.name), "success")
            return redirect(url_for("secretariat.member", member_id=member.id))
    return redirect(url_for("applications.show", application_id=application_id))


@bp.post("/<int:application_id>/decline")
@access(SECRETARIAT)
def decline(application_id):
    application = db.get_or_404(Application, application_id)
    form = DeclineForm()
    if form.validate_on_submit():
        try:
            applications.decline(application, form.reason.data, by=current_user)
        except applications.AlreadyDecided:
            db.session.rollback()
            flash(_("This application was already decided."), "success")
        else:
            db.session.commit()
            flash(_("The application has been declined and the applicant emailed."), "success")
        return redirect(url_for("applications.index"))
    return render_template(
        "membership/application.html", application=application, duplicate=None, form=ConfirmForm(), decline_form=form
    ), 400
