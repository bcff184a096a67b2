"""A proposal: its page, editing, partners, the moves of its state machine, and its review."""

from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import SECRETARIAT, access
from ...auth.models import Person, PersonRole
from ...core.forms import choices
from ...extensions import db
from ...membership.models import Member
from ..forms import MoveForm, PartnerForm, ProposalForm, RespondForm, ReviewerForm, score_form
from ..models import FundingRound, Lab, Partnership, ReviewAssignment
from ..models.labs import MOVES
from ..permissions import (ANSWER_INVITATION, EDIT_PROPOSAL, MOVE_PROPOSAL, REVIEW_PROPOSAL, SEE_PROPOSAL, lead_side,
                           partnership_of, reviewer_of)
from ..rules import proposals, reviews

bp = Blueprint("proposals", __name__, url_prefix="/proposals", template_folder="../templates")


def load(lab_id, *more):
    """The proposal with what its pages show, and ``more`` loading options a page needs besides."""
    return db.first_or_404(
        select(Lab).where(Lab.id == lab_id).options(
            joinedload(Lab.lead_member), joinedload(Lab.round), selectinload(Lab.phases), selectinload(Lab.budget),
            selectinload(Lab.partnerships).joinedload(Partnership.member), *more,
        )
    )


def save_proposal(lab, form):
    proposals.update_details(
        lab, by=current_user, phases=form.parsed_phases(), budget=form.parsed_budget(),
        title=form.title.data, summary=form.summary.data, challenge=form.challenge.data or "",
        approach=form.approach.data or "", outputs=form.outputs.data or "", risks=form.risks.data or "",
        values=form.values.data, requested_pence=form.requested.data, starts_on=form.starts_on.data, ends_on=form.ends_on.data,
    )


@bp.get("/<int:lab_id>")
@access(SEE_PROPOSAL)
def show(lab_id):
    lab = load(lab_id)
    moves = [action for action, (sources, _target, who) in MOVES.items()
             if lab.status in sources and (current_user.is_secretariat if who == "secretariat" else lead_side(current_user, lab))]
    assignments = db.session.scalars(
        select(ReviewAssignment).where(ReviewAssignment.lab_id == lab.id).options(joinedload(ReviewAssignment.reviewer))
    ).all() if current_user.is_secretariat else []
    similar = proposals.similar(lab.title, lab.summary, viewer=current_user, exclude_id=lab.id) if lab.editable and lead_side(current_user, lab) else []
    return render_template(
        "labs/proposal.html", lab=lab, moves=moves, assignments=assignments, similar=similar,
        is_lead=lead_side(current_user, lab), is_reviewer=reviewer_of(current_user, lab),
    )


@bp.route("/<int:lab_id>/edit", methods=["GET", "POST"])
@access(EDIT_PROPOSAL)
def edit(lab_id):
    lab = load(lab_id)
    if not lab.editable:
        abort(404)
    # Not obj=lab: its phases and budget lists would win over the text below.
    form = ProposalForm(data={
        **{name: getattr(lab, name) for name in ("title", "summary", "challenge", "approach", "outputs", "risks", "values", "starts_on", "ends_on")},
        "requested": lab.requested_pence,
        "phases": "\n".join(f"{p.name}: {p.deliverables}" for p in lab.phases),
        "budget": "\n".join(f"{b.description} | {Decimal(b.amount_pence) / 100:.2f}" for b in lab.budget),
    }, largest_award_pence=lab.round.max_award_pence if lab.round else None)
    if form.validate_on_submit():
        save_proposal(lab, form)
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("proposals.show", lab_id=lab.id))
    similar = proposals.similar(form.title.data or lab.title, form.summary.data or lab.summary, viewer=current_user,
                                exclude_id=lab.id)
    return render_template("labs/proposal_form.html", form=form, round=lab.round, lab=lab, similar=similar)


@bp.route("/<int:lab_id>/partners", methods=["GET", "POST"])
@access(EDIT_PROPOSAL)
def partners(lab_id):
    lab = load(lab_id)
    form = PartnerForm()
    members = db.session.scalars(
        select(Member).where(Member.status.in_(("active", "in_grace")), Member.id != lab.lead_member_id).order_by(Member.name)
    ).all()
    form.member_id.choices = choices([(0, _("Choose a member"))] + [(m.id, m.name) for m in members])
    if form.validate_on_submit():
        member = next((m for m in members if m.id == form.member_id.data), None)
        if not lab.editable:
            flash(_("Partners can be invited while the proposal is a draft or has changes requested."), "error")
        elif member is None:
            form.member_id.errors.append(_("Choose a member of the network in good standing"))
        else:
            try:
                proposals.invite_partner(lab, member, by=current_user, role=form.role.data or "")
            except proposals.Refused as refused:
                db.session.rollback()
                form.member_id.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("%(member)s has been invited.", member=member.name), "success")
                return redirect(url_for("proposals.show", lab_id=lab.id))
    return render_template("labs/partners.html", lab=lab, form=form)


@bp.route("/<int:lab_id>/partners/<int:partnership_id>", methods=["GET", "POST"])
@access(ANSWER_INVITATION)
def respond(lab_id, partnership_id):
    partnership = partnership_of({"partnership_id": partnership_id}) or abort(404)
    if partnership.lab_id != lab_id:
        abort(404)
    form = RespondForm()
    if form.validate_on_submit():
        proposals.respond(
            partnership, accept=form.answer.data == "accept", match_funding_pence=form.match_funding.data or 0,
            officer_days=form.officer_days.data or 0, by=current_user,
        )
        db.session.commit()
        flash(_("Thank you: your answer has been sent to the lead."), "success")
        return redirect(url_for("proposals.show", lab_id=lab_id))
    return render_template("labs/respond.html", partnership=partnership, lab=partnership.lab, form=form)


@bp.route("/<int:lab_id>/move/<action>", methods=["GET", "POST"])
@access(MOVE_PROPOSAL)
def move(lab_id, action):
    lab = load(lab_id)
    if action not in MOVES:
        abort(404)
    form = MoveForm()
    if form.validate_on_submit():
        try:
            proposals.move(lab, action, by=current_user, note=form.note.data or None, award_pence=form.award.data)
        except proposals.Refused as refused:
            db.session.rollback()
            field = form.award if action == "approve" else form.note
            field.errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("Done: the proposal is now %(state)s.", state=proposals.state_word(lab.status)), "success")
            return redirect(url_for("proposals.show", lab_id=lab.id))
    return render_template("labs/move.html", lab=lab, action=action, form=form)


@bp.route("/<int:lab_id>/reviewers", methods=["GET", "POST"])
@access(SECRETARIAT)
def reviewers(lab_id):
    lab = load(lab_id)
    form = ReviewerForm()
    people = db.session.scalars(
        select(Person).join(PersonRole).where(PersonRole.role == "reviewer", Person.deactivated_at.is_(None)).order_by(Person.name)
    ).all()
    form.reviewer_id.choices = choices([(0, _("Choose a reviewer"))] + [(p.id, p.name) for p in people])
    if form.validate_on_submit():
        person = next((p for p in people if p.id == form.reviewer_id.data), None)
        if person is None:
            form.reviewer_id.errors.append(_("Choose a reviewer"))
        else:
            try:
                reviews.assign(lab, person, by=current_user)
            except proposals.Refused as refused:
                db.session.rollback()
                form.reviewer_id.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("%(name)s will review the proposal.", name=person.name), "success")
                return redirect(url_for("proposals.show", lab_id=lab.id))
    return render_template("labs/reviewers.html", lab=lab, form=form)


@bp.route("/<int:lab_id>/review", methods=["GET", "POST"])
@access(REVIEW_PROPOSAL)
def review(lab_id):
    lab = load(lab_id, joinedload(Lab.round).selectinload(FundingRound.criteria))
    if lab.round is None:
        abort(404)
    assignment = db.session.scalar(
        select(ReviewAssignment).where(ReviewAssignment.lab_id == lab.id, ReviewAssignment.reviewer_id == current_user.id)
    )
    form = score_form(lab.round.criteria)
    if form.validate_on_submit():
        scores = {c.id: (int(getattr(form, f"c{c.id}").data), getattr(form, f"c{c.id}_comment").data or "") for c in lab.round.criteria}
        try:
            reviews.submit_scores(assignment, scores, form.comments.data or "", by=current_user)
        except proposals.Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(_("Your review has been saved."), "success")
            return redirect(url_for("proposals.show", lab_id=lab.id))
    return render_template("labs/review.html", lab=lab, form=form, criteria=lab.round.criteria)
