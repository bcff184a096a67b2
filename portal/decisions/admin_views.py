"""The secretariat's screens for making, scheduling, publishing and annulling decisions."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.access import SECRETARIAT, access
from ..auth.forms import ConfirmForm
from ..extensions import db
from ..i18n import london
from .forms import AnnulForm, DecisionForm, QuestionForm
from .models import Question
from .rules import lifecycle
from .views import load
from ..auth.security import fresh_password

bp = Blueprint("decision_admin", __name__, url_prefix="/decisions", template_folder="templates")

def _fill(decision, form):
    decision.title_en = form.title_en.data
    decision.title_cy = form.title_cy.data or ""
    decision.explanation_en = form.explanation_en.data or ""
    decision.explanation_cy = form.explanation_cy.data or ""
    decision.quorum_kind = form.quorum_kind.data or "none"
    decision.quorum_value = form.quorum_value.data or 0
    decision.secret = form.secret.data
    decision.changeable = form.changeable.data
    decision.opens_at, decision.closes_at = form.moments()
    decision.roll_date = form.roll_date.data


@bp.route("/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new():
    form = DecisionForm()
    if form.validate_on_submit():
        decision = lifecycle.create(by=current_user, title_en=form.title_en.data)
        _fill(decision, form)
        db.session.commit()
        flash(_("Draft saved. Now add its questions."), "success")
        return redirect(url_for("decision_admin.add_question", decision_id=decision.id))
    return render_template("decisions/edit.html", form=form, decision=None)


@bp.route("/<int:decision_id>/edit", methods=["GET", "POST"])
@access(SECRETARIAT)
def edit(decision_id):
    decision = load(decision_id)
    if decision.status != "draft":
        abort(404)
    form = DecisionForm(obj=decision)
    if not form.is_submitted() and decision.opens_at:
        opens, closes = decision.opens_at.astimezone(london()), decision.closes_at.astimezone(london())
        form.opens_on.data, form.opens_time.data = opens.date(), opens.strftime("%H:%M")
        form.closes_on.data, form.closes_time.data = closes.date(), closes.strftime("%H:%M")
    if form.validate_on_submit():
        _fill(decision, form)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("decisions.show", decision_id=decision.id))
    return render_template("decisions/edit.html", form=form, decision=decision)


@bp.route("/<int:decision_id>/questions/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def add_question(decision_id):
    decision = load(decision_id)
    if decision.status != "draft":
        abort(404)
    form = QuestionForm()
    if form.validate_on_submit():
        lifecycle.add_question(
            decision,
            method=form.method.data,
            text_en=form.text_en.data,
            text_cy=form.text_cy.data or "",
            threshold=form.threshold.data or "simple_majority",
            max_choices=form.max_choices.data or 1,
            seats=form.seats.data or 1,
            points=form.points.data or 0,
            points_per_option=form.points_per_option.data or 0,
            options=form.parsed_options() if form.method.data != "motion" else (),
        )
        db.session.commit()
        flash(_("Question added."), "success")
        return redirect(url_for("decisions.show", decision_id=decision.id))
    return render_template("decisions/question.html", form=form, decision=decision)


@bp.post("/<int:decision_id>/questions/<int:question_id>/delete")
@access(SECRETARIAT)
@fresh_password
def delete_question(decision_id, question_id):
    decision = load(decision_id)
    question = db.get_or_404(Question, question_id)
    if decision.status != "draft" or question.decision_id != decision.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        decision.questions.remove(question)
        db.session.commit()
        flash(_("Question removed."), "success")
    return redirect(url_for("decisions.show", decision_id=decision.id))


def _move(decision_id, move, success):
    decision = load(decision_id)
    if ConfirmForm().validate_on_submit():
        try:
            move(decision, by=current_user)
        except lifecycle.NotReady as not_ready:
            db.session.rollback()
            flash(str(not_ready.message), "error")
        else:
            db.session.commit()
            flash(success, "success")
    return redirect(url_for("decisions.show", decision_id=decision.id))


@bp.post("/<int:decision_id>/schedule")
@access(SECRETARIAT)
def schedule(decision_id):
    return _move(decision_id, lifecycle.schedule, _("Scheduled. Voting opens and closes at the times set."))


@bp.post("/<int:decision_id>/unschedule")
@access(SECRETARIAT)
def unschedule(decision_id):
    return _move(decision_id, lifecycle.unschedule, _("Back to draft."))


@bp.post("/<int:decision_id>/publish")
@access(SECRETARIAT)
def publish(decision_id):
    return _move(decision_id, lifecycle.publish, _("Results published. Members have been emailed."))


@bp.route("/<int:decision_id>/annul", methods=["GET", "POST"])
@access(SECRETARIAT)
@fresh_password
def annul(decision_id):
    decision = load(decision_id)
    form = AnnulForm()
    if form.validate_on_submit():
        try:
            lifecycle.annul(decision, form.reason.data, by=current_user)
        except lifecycle.NotReady as not_ready:
            db.session.rollback()
            flash(str(not_ready.message), "error")
        else:
            db.session.commit()
            flash(_("The decision has been annulled."), "success")
        return redirect(url_for("decisions.show", decision_id=decision.id))
    return render_template("decisions/annul.html", form=form, decision=decision)

