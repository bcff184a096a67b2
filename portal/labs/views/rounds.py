"""Funding rounds: the call, the secretariat's set-up, proposing, and the scores side by side."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...auth.access import SECRETARIAT, SIGNED_IN, access
from ...core.forms import choices
from ...extensions import db
from ...i18n import current_language, format_money
from ...membership.models import Tier
from ...membership.rules.dates import today
from ..forms import ProposalForm, RoundForm, ShortlistForm
from ..models import Criterion, FundingRound, Lab, Partnership
from ..permissions import PROPOSE, may_lead
from ..rules import proposals, reviews
from .proposals import save_proposal

bp = Blueprint("rounds", __name__, url_prefix="/rounds", template_folder="../templates")


@bp.get("/")
@access(SIGNED_IN)
def index():
    rounds = db.session.scalars(select(FundingRound).order_by(FundingRound.closes_on.desc())).all()
    mine = []
    if current_user.member_id:
        partnered = select(Partnership.lab_id).where(Partnership.member_id == current_user.member_id)
        mine = db.session.scalars(
            select(Lab)
            .where(or_(Lab.lead_member_id == current_user.member_id, Lab.id.in_(partnered)))
            .options(joinedload(Lab.lead_member))
            .order_by(Lab.created_at.desc())
        ).all()
    return render_template("labs/rounds.html", rounds=rounds, mine=mine, today=today())


@bp.get("/<int:round_id>")
@access(SIGNED_IN)
def show(round_id):
    round_ = db.first_or_404(select(FundingRound).where(FundingRound.id == round_id).options(selectinload(FundingRound.criteria)))
    tiers = db.session.scalars(select(Tier).where(Tier.id.in_(round_.lead_tier_ids or []))).all()
    return render_template("labs/round.html", round=round_, tiers=tiers, can_propose=may_lead(current_user, round_), today=today())


def _tier_choices(form):
    tiers = db.session.scalars(select(Tier).where(Tier.may_lead_labs.is_(True)).order_by(Tier.position)).all()
    form.lead_tier_ids.choices = choices([(tier.id, tier.name(current_language())) for tier in tiers])


def _save_round(round_, form):
    round_.title, round_.guidance = form.title.data, form.guidance.data or ""
    round_.opens_on, round_.closes_on = form.opens_on.data, form.closes_on.data
    round_.pot_pence, round_.max_award_pence = form.pot.data, form.max_award.data
    round_.lead_tier_ids = form.lead_tier_ids.data
    round_.criteria = [Criterion(position=n, name=name, weight=weight) for n, (name, weight) in enumerate(form.parsed_criteria(), 1)]


@bp.route("/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new():
    form = RoundForm()
    _tier_choices(form)
    if form.validate_on_submit():
        round_ = FundingRound()
        _save_round(round_, form)
        db.session.add(round_)
        db.session.flush()
        audit.record("round.opened", round_, detail={"pot_pence": round_.pot_pence, "max_award_pence": round_.max_award_pence})
        db.session.commit()
        flash(_("The funding round has been created."), "success")
        return redirect(url_for("rounds.show", round_id=round_.id))
    return render_template("labs/round_form.html", form=form, round=None)


@bp.route("/<int:round_id>/edit", methods=["GET", "POST"])
@access(SECRETARIAT)
def edit(round_id):
    round_ = db.get_or_404(FundingRound, round_id, options=[selectinload(FundingRound.criteria)])
    # Not obj=round_: its criteria list would win over the text below.
    form = RoundForm(data={
        "title": round_.title, "guidance": round_.guidance, "opens_on": round_.opens_on, "closes_on": round_.closes_on,
        "pot": round_.pot_pence, "max_award": round_.max_award_pence, "lead_tier_ids": round_.lead_tier_ids,
        "criteria": "\n".join(f"{c.name} | {c.weight}" for c in round_.criteria),
    })
    _tier_choices(form)
    if form.validate_on_submit():
        if not proposals.set_pot(round_, form.pot.data):
            form.pot.errors.append(_("The pot cannot be less than %(amount)s, which is already awarded",
                                     amount=format_money(round_.awarded_pence)))
        else:
            _save_round(round_, form)
            audit.record("round.changed", round_, detail={"pot_pence": round_.pot_pence})
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("rounds.show", round_id=round_.id))
    return render_template("labs/round_form.html", form=form, round=round_)


@bp.route("/<int:round_id>/propose", methods=["GET", "POST"])
@access(PROPOSE)
def propose(round_id):
    round_ = db.get_or_404(FundingRound, round_id)
    if not round_.is_open(today()):
        abort(404)
    form = ProposalForm(largest_award_pence=round_.max_award_pence)
    if not form.is_submitted():
        form.phases.data = "\n".join(f"{name}: {text}" for name, text in proposals.DEFAULT_PHASES)
    if form.validate_on_submit():
        lab = proposals.create(round_, current_user.member, by=current_user, title=form.title.data)
        save_proposal(lab, form)
        db.session.commit()
        flash(_("Draft saved. Invite your partners, then submit it."), "success")
        return redirect(url_for("proposals.show", lab_id=lab.id))
    similar = proposals.similar(form.title.data, form.summary.data, viewer=current_user) if form.is_submitted() else []
    return render_template("labs/proposal_form.html", form=form, round=round_, lab=None, similar=similar)


def _reviewed(round_):
    return db.session.scalars(
        select(Lab).where(Lab.round_id == round_.id, Lab.status.not_in(("draft", "withdrawn"))).options(joinedload(Lab.lead_member)).order_by(Lab.title)
    ).all()


@bp.get("/<int:round_id>/scores")
@access(SECRETARIAT)
def scores(round_id):
    round_ = db.first_or_404(select(FundingRound).where(FundingRound.id == round_id).options(selectinload(FundingRound.criteria)))
    labs = _reviewed(round_)
    table, most = reviews.weighted_totals(round_, labs)
    form = ShortlistForm()
    form.lab_ids.choices = choices([(lab.id, lab.title) for lab in labs if lab.status == "under_review"])
    return render_template("labs/scores.html", round=round_, labs=labs, table=table, most=most, form=form)


@bp.post("/<int:round_id>/shortlist")
@access(SECRETARIAT)
def shortlist(round_id):
    """Put a shortlist to the members as a draft decision, linked to the round."""
    round_ = db.first_or_404(select(FundingRound).where(FundingRound.id == round_id).options(selectinload(FundingRound.criteria)))
    labs = {lab.id: lab for lab in _reviewed(round_) if lab.status == "under_review"}
    form = ShortlistForm()
    form.lab_ids.choices = choices([(lab.id, lab.title) for lab in labs.values()])
    if form.validate_on_submit():
        chosen = [labs[lab_id] for lab_id in form.lab_ids.data if lab_id in labs]
        if len(chosen) < 2:
            form.lab_ids.errors.append(_("Choose at least two proposals"))
        else:
            decision = proposals.put_to_members(round_, chosen, form.places.data, by=current_user)
            db.session.commit()
            flash(_("A draft decision has been made. Set when voting opens, then schedule it."), "success")
            return redirect(url_for("decisions.show", decision_id=decision.id))
    table, most = reviews.weighted_totals(round_, list(labs.values()))
    return render_template("labs/scores.html", round=round_, labs=_reviewed(round_), table=table, most=most, form=form), 400
