"""Calls for ideas and ideas: proposing, supporting, editing, merging and the outcome."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import SIGNED_IN, access
from ...auth.forms import ConfirmForm
from ...core.forms import choices
from ...core.inputs import number_arg
from ...db import utcnow
from ...extensions import db
from ...i18n import current_language
from ...membership.rules.dates import membership_year, year_label
from ..forms import CallForm, EditNoteForm, IdeaForm, MergeForm, OutcomeForm
from ...decisions.models import Decision
from ..models import Idea, IdeaCall, IdeaCredit, IdeaSupport, IdeaVersion, ProgrammeItem
from ..permissions import (CHANGE_IDEA, IDEA_MEMBER_SIDE, MANAGE_IDEAS, PROPOSE_IDEA, SEE_CALL, SEE_IDEA, SUPPORT_IDEA,
                           call_of, idea_of, sees_idea)
from ..rules import Refused, ideas

bp = Blueprint("programme", __name__, url_prefix="/programme", template_folder="../templates")


def _call(call_id):
    return call_of({"call_id": call_id}) or abort(404)


def _idea(idea_id):
    idea = idea_of({"idea_id": idea_id})
    if idea is None or not sees_idea(current_user, idea):
        abort(404)  # another member's draft is as absent as an idea that never was
    return idea


@bp.get("/")
@access(SIGNED_IN)
def index():
    calls = db.session.scalars(select(IdeaCall).order_by(IdeaCall.opens_at.desc()).limit(50)).all()
    return render_template("programme/index.html", calls=calls, now=utcnow())


def _year_choices(form, current=None):
    this_year = membership_year()
    years = sorted({this_year, this_year + 1, *([current] if current else [])})
    form.year.choices = choices([(year, year_label(year)) for year in years])


@bp.route("/calls/new", methods=["GET", "POST"])
@access(MANAGE_IDEAS)
def new_call():
    form = CallForm(year=membership_year() + 1)
    _year_choices(form)
    if form.validate_on_submit():
        opens, closes = form.moments()
        call = ideas.open_call(by=current_user, year=form.year.data, title_en=form.title_en.data, title_cy=form.title_cy.data or "",
                               guidance_en=form.guidance_en.data or "", guidance_cy=form.guidance_cy.data or "",
                               opens_at=opens, closes_at=closes, themes=form.parsed_themes())
        db.session.commit()
        flash(_("The call for ideas has been made."), "success")
        return redirect(url_for(".call", call_id=call.id))
    return render_template("programme/call_form.html", form=form)


@bp.get("/calls/<int:call_id>")
@access(SEE_CALL)
def call(call_id):
    call = _call(call_id)
    theme_id = number_arg("theme", None)
    shown = (select(Idea).where(Idea.call_id == call.id, ideas.visible_ideas(current_user), Idea.status != "withdrawn")
             .options(joinedload(Idea.member), selectinload(Idea.themes)).order_by(Idea.submitted_at.desc().nulls_first(), Idea.id))
    if theme_id:
        shown = shown.where(Idea.themes.any(id=theme_id))
    found = db.session.scalars(shown).all()
    counts = ideas.counts_of_supports([idea.id for idea in found])
    supported = set()
    if current_user.member_id:
        supported = set(db.session.scalars(select(IdeaSupport.idea_id).where(
            IdeaSupport.member_id == current_user.member_id, IdeaSupport.idea_id.in_([idea.id for idea in found]))))
    drafts = [idea for idea in found if idea.status == "draft"]
    listed = [idea for idea in found if idea.status != "draft"]
    listed.sort(key=lambda idea: (idea.status == "merged", -counts.get(idea.id, 0)))
    items = db.session.scalars(select(ProgrammeItem).where(ProgrammeItem.call_id == call.id)
                               .order_by(ProgrammeItem.position)).all() if call.adopted_at else []
    decision = db.session.get(Decision, call.decision_id) if call.decision_id else None
    return render_template("programme/call.html", call=call, ideas=listed, drafts=drafts, counts=counts, supported=supported,
                           theme_id=theme_id, now=utcnow(), may_propose=ideas.may_propose(current_user), decision=decision,
                           items=items, confirm=ConfirmForm())


def _idea_form(call, idea=None, **data):
    form = IdeaForm(obj=idea, **data) if idea is None else IdeaForm(
        obj=idea, themes=[theme.id for theme in idea.themes], costs=idea.costs_pence, **data)
    form.themes.choices = choices([(theme.id, theme.name(current_language())) for theme in call.themes])
    return form


@bp.route("/calls/<int:call_id>/ideas/new", methods=["GET", "POST"])
@access(PROPOSE_IDEA & SEE_CALL)
def propose(call_id):
    call = _call(call_id)
    if call.state(utcnow()) != "open":
        flash(_("This call for ideas is not open."), "error")
        return redirect(url_for(".call", call_id=call.id))
    form = _idea_form(call)
    if form.validate_on_submit():
        try:
            idea = ideas.draft(call, by=current_user, themes=form.themes.data, **form.fields())
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(_("Your idea has been saved as a draft. Only your organisation's people can see it until you submit it."), "success")
            return redirect(url_for(".idea", idea_id=idea.id))
    return render_template("programme/idea_form.html", form=form, call=call, idea=None)


@bp.get("/ideas/<int:idea_id>")
@access(SEE_IDEA)
def idea(idea_id):
    idea = _idea(idea_id)
    backers = ideas.supporters([idea.id])[idea.id]
    credits = db.session.scalars(select(IdeaCredit).where(IdeaCredit.idea_id == idea.id)
                                 .options(joinedload(IdeaCredit.member), joinedload(IdeaCredit.person))).all()
    versions = db.session.scalar(select(IdeaVersion.id).where(IdeaVersion.idea_id == idea.id).limit(1)) is not None
    ours = current_user.member_id is not None and any(member.id == current_user.member_id for member in backers)
    return render_template("programme/idea.html", idea=idea, call=idea.call, backers=backers, credits=credits, has_versions=versions,
                           ours=ours, may_support=ideas.may_support(current_user, idea), now=utcnow(), confirm=ConfirmForm())


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@access(SEE_IDEA & CHANGE_IDEA)
def edit(idea_id):
    idea = _idea(idea_id)
    form = _idea_form(idea.call, idea)
    note = EditNoteForm(prefix="edit")
    if form.validate_on_submit() and note.validate():
        try:
            changed = ideas.change(idea, by=current_user, themes=form.themes.data, note=note.note.data or "", **form.fields())
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
            return redirect(url_for(".idea", idea_id=idea.id))
        db.session.commit()
        flash(_("The idea has been changed.") if changed else _("Nothing was changed."), "success")
        return redirect(url_for(".idea", idea_id=idea.id))
    return render_template("programme/idea_form.html", form=form, note=note, call=idea.call, idea=idea)


def _act(idea_id, act, done):
    idea = _idea(idea_id)
    if ConfirmForm().validate_on_submit():
        try:
            act(idea, by=current_user)
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(done, "success")
    return redirect(url_for(".idea", idea_id=idea.id))


@bp.post("/ideas/<int:idea_id>/submit")
@access(SEE_IDEA & IDEA_MEMBER_SIDE)
def submit(idea_id):
    return _act(idea_id, ideas.submit, _("Your idea has been submitted. Members can now see and support it."))


@bp.post("/ideas/<int:idea_id>/withdraw")
@access(SEE_IDEA & IDEA_MEMBER_SIDE)
def withdraw(idea_id):
    return _act(idea_id, ideas.withdraw, _("The idea has been withdrawn."))


@bp.post("/ideas/<int:idea_id>/support")
@access(SUPPORT_IDEA)
def support(idea_id):
    return _act(idea_id, ideas.support, _("Your organisation supports this idea."))


@bp.post("/ideas/<int:idea_id>/support/withdraw")
@access(SUPPORT_IDEA)
def withdraw_support(idea_id):
    return _act(idea_id, ideas.withdraw_support, _("Your organisation no longer supports this idea."))


@bp.get("/ideas/<int:idea_id>/versions")
@access(SEE_IDEA)
def versions(idea_id):
    idea = _idea(idea_id)
    kept = db.session.scalars(select(IdeaVersion).where(IdeaVersion.idea_id == idea.id)
                              .options(joinedload(IdeaVersion.edited_by)).order_by(IdeaVersion.number.desc())).all()
    return render_template("programme/versions.html", idea=idea, versions=kept)


@bp.route("/ideas/<int:idea_id>/merge", methods=["GET", "POST"])
@access(MANAGE_IDEAS)
def merge(idea_id):
    idea = _idea(idea_id)
    form = MergeForm()
    others = db.session.scalars(select(Idea).where(Idea.call_id == idea.call_id, Idea.id != idea.id,
                                                   Idea.status.in_(("submitted", "shortlisted"))).order_by(Idea.id)).all()
    form.into.choices = choices([("", _("Choose an idea"))] + [(other.id, other.title(current_language())) for other in others])
    if form.validate_on_submit():
        into = next((other for other in others if other.id == form.into.data), None)
        if into is None:
            form.into.errors.append(_("Choose the idea to merge into"))
        else:
            try:
                ideas.merge(idea, into, by=current_user, note=form.note.data or "")
            except Refused as refused:
                db.session.rollback()
                form.into.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("The ideas have been merged; both authors have been told."), "success")
                return redirect(url_for(".idea", idea_id=into.id))
    return render_template("programme/merge.html", idea=idea, form=form, others=others)


@bp.route("/ideas/<int:idea_id>/outcome", methods=["GET", "POST"])
@access(MANAGE_IDEAS)
def outcome(idea_id):
    idea = _idea(idea_id)
    form = OutcomeForm(data={"outcome": idea.status if idea.status in ideas.OUTCOMES else None,
                             "reason_en": idea.outcome_reason_en, "reason_cy": idea.outcome_reason_cy}
                       if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            ideas.decide(idea, form.outcome.data, by=current_user, reason_en=form.reason_en.data, reason_cy=form.reason_cy.data or "")
        except Refused as refused:
            db.session.rollback()
            getattr(form, refused.field or "outcome").errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("The outcome has been published; the author has been told."), "success")
            return redirect(url_for(".idea", idea_id=idea.id))
    return render_template("programme/outcome.html", idea=idea, form=form)
