"""Tiers of membership, which the secretariat keeps."""

from decimal import Decimal

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ... import audit
from ...auth.access import SECRETARIAT, access
from ...extensions import db
from ..forms import TierForm
from ..models import Tier, TierBand

bp = Blueprint("tiers", __name__, url_prefix="/secretariat/tiers", template_folder="../templates")


@bp.get("/")
@access(SECRETARIAT)
def index():
    tiers = db.session.scalars(select(Tier).options(selectinload(Tier.bands)).order_by(Tier.position, Tier.name_en)).all()
    return render_template("membership/tiers.html", tiers=tiers)


@bp.route("/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new():
    return _edit(Tier(eligible_kinds=[], bands=[]), created=True)


@bp.route("/<int:tier_id>", methods=["GET", "POST"])
@access(SECRETARIAT)
def edit(tier_id):
    return _edit(db.get_or_404(Tier, tier_id, options=[selectinload(Tier.bands)]), created=False)


def _edit(tier, created):
    # Not obj=tier: its bands list would win over the text made here.
    form = TierForm(data={
        **{name: getattr(tier, name) for name in ("name_en", "name_cy", "description_en", "description_cy",
                                                  "eligible_kinds", "carries_vote", "may_lead_labs", "fee_rule")},
        "flat_fee": tier.flat_fee_pence, "bands": bands_text(tier),
        "prorate_first_year": "prorate" if tier.prorate_first_year else "full",
    })
    if form.validate_on_submit():
        clash = db.session.scalar(select(Tier.id).where(Tier.name_en == form.name_en.data, Tier.id != tier.id))
        if clash:
            form.name_en.errors.append(_("Another tier has this name"))
        else:
            for name in ("name_en", "name_cy", "eligible_kinds", "carries_vote", "may_lead_labs", "fee_rule"):
                setattr(tier, name, getattr(form, name).data)
            tier.description_en = form.description_en.data or ""
            tier.description_cy = form.description_cy.data or ""
            tier.flat_fee_pence = form.flat_fee.data or 0
            tier.prorate_first_year = form.prorate_first_year.data == "prorate"
            tier.bands = [
                TierBand(min_population=low, max_population=high, fee_pence=fee)
                for low, high, fee in (getattr(form, "parsed_bands", None) or [])
            ] if tier.fee_rule == "band" else []
            if created:
                db.session.add(tier)
            db.session.flush()
            audit.record("tier.created" if created else "tier.changed", tier, detail={
                "carries_vote": tier.carries_vote, "may_lead_labs": tier.may_lead_labs,
                "fee_rule": tier.fee_rule, "flat_fee_pence": tier.flat_fee_pence,
                "prorate_first_year": tier.prorate_first_year,
            })
            db.session.commit()
            flash(_("The %(tier)s tier has been saved.", tier=tier.name_en), "success")
            return redirect(url_for("tiers.index"))
    return render_template("membership/tier.html", form=form, tier=tier, created=created)


def bands_text(tier):
    lines = []
    for band in tier.bands:
        ceiling = "*" if band.max_population is None else str(band.max_population)
        lines.append(f"{ceiling} {Decimal(band.fee_pence) / 100:.2f}")
    return "\n".join(lines)
