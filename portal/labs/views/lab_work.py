"""Running a lab: progress updates, the completion report, award payments and outputs."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ... import audit
from ...auth.access import SECRETARIAT, access
from ...auth.forms import ConfirmForm
from ...extensions import db
from ..forms import ClaimForm, CompletionForm, ResourceForm, UpdateForm
from ..models import AwardPayment, Lab, ProgressUpdate
from ..permissions import EDIT_PROPOSAL, LEAD_OR_SECRETARIAT
from ..rules import claims
from ..rules.proposals import Refused
from .toolkit import publish

bp = Blueprint("lab_work", __name__, url_prefix="/labs/<int:lab_id>", template_folder="../templates")

RUNNING = ("approved", "active", "completed")


def running_lab(lab_id):
    lab = db.get_or_404(Lab, lab_id)
    if lab.status not in RUNNING:
        abort(404)
    return lab


@bp.route("/updates/new", methods=["GET", "POST"])
@access(EDIT_PROPOSAL)
def new_update(lab_id):
    lab = running_lab(lab_id)
    form = UpdateForm()
    if form.validate_on_submit():
        update = ProgressUpdate(lab_id=lab.id, author_id=current_user.id, body=form.body.data)
        db.session.add(update)
        db.session.flush()
        audit.record("lab.progress_reported", lab)
        db.session.commit()
        flash(_("Update published on the lab's page."), "success")
        return redirect(url_for("labs.show", lab_id=lab.id))
    return render_template("labs/update_form.html", lab=lab, form=form)


@bp.route("/completion", methods=["GET", "POST"])
@access(EDIT_PROPOSAL)
def completion(lab_id):
    lab = running_lab(lab_id)
    form = CompletionForm(report=lab.completion_report)
    if form.validate_on_submit():
        lab.completion_report = form.report.data
        audit.record("lab.completion_report_saved", lab)
        db.session.commit()
        flash(_("The completion report has been saved."), "success")
        return redirect(url_for("proposals.show", lab_id=lab.id))
    return render_template("labs/completion_form.html", lab=lab, form=form)


@bp.route("/payments", methods=["GET", "POST"])
@access(LEAD_OR_SECRETARIAT)
def payments(lab_id):
    lab = running_lab(lab_id)
    form = ClaimForm()
    if form.validate_on_submit():
        try:
            claims.claim(lab, amount_pence=form.amount.data, claimed_on=form.claimed_on.data, reference=form.reference.data,
                         by=current_user)
        except Refused as refused:
            db.session.rollback()
            form[refused.field].errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("Claim recorded."), "success")
            return redirect(url_for("lab_work.payments", lab_id=lab.id))
    made = db.session.scalars(select(AwardPayment).where(AwardPayment.lab_id == lab.id).order_by(AwardPayment.claimed_on)).all()
    return render_template("labs/payments.html", lab=lab, form=form, claims=made, confirm=ConfirmForm())


@bp.post("/payments/<int:payment_id>/paid")
@access(SECRETARIAT)
def mark_paid(lab_id, payment_id):
    payment = db.get_or_404(AwardPayment, payment_id)
    if payment.lab_id != lab_id:
        abort(404)
    if ConfirmForm().validate_on_submit() and claims.mark_paid(payment, by=current_user):
        db.session.commit()
        flash(_("Marked as paid."), "success")
    return redirect(url_for("lab_work.payments", lab_id=lab_id))


@bp.route("/outputs/new", methods=["GET", "POST"])
@access(LEAD_OR_SECRETARIAT)
def new_output(lab_id):
    lab = running_lab(lab_id)
    form = ResourceForm()
    return publish(form, lab=lab) or render_template("labs/resource_form.html", form=form, lab=lab)
