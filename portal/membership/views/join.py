"""Applying to join the network."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from babel.numbers import format_decimal
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ...auth.access import ANYONE, access
from ...core.forms import choices
from ...extensions import db, limiter
from ...i18n import current_language, format_money, formatting_locale
from ..forms import ApplicationForm
from ..models import Tier
from ..rules import applications

bp = Blueprint("join", __name__, template_folder="../templates")


def tier_choices():
    tiers = db.session.scalars(select(Tier).options(selectinload(Tier.bands)).order_by(Tier.position, Tier.name_en)).all()
    language = current_language()
    return tiers, choices([(tier.id, tier.name(language)) for tier in tiers])


@bp.route("/join", methods=["GET", "POST"])
@access(ANYONE)
@limiter.limit("10 per hour", methods=["POST"])
def apply():
    form = ApplicationForm()
    tiers, form.tier_id.choices = tier_choices()
    if form.validate_on_submit():
        tier = db.session.get(Tier, form.tier_id.data)
        if tier.eligible_kinds and form.kind.data not in tier.eligible_kinds:
            form.tier_id.errors.append(tier_not_open_message(tier))
        else:
            answers = {name: getattr(form, name).data for name in (
                "kind", "name", "region", "local_authority_area", "website", "registration_number",
                "population", "contact_name", "contact_email", "statement", "agreed_to_values",
            )}
            answers["contact_email"] = answers["contact_email"].lower()
            try:
                application = applications.submit_application(
                    requested_tier=tier, locale=current_language(), **answers
                )
            except applications.Duplicate as duplicate:
                field = form.registration_number if duplicate.by_registration_number else form.name
                field.errors.append(duplicate_message(duplicate))
            else:
                db.session.commit()
                return render_template("membership/applied.html", application=application)
    return render_template("membership/apply.html", form=form, tiers=tiers, tier_cost=tier_cost)


def format_number(number):
    return format_decimal(number, locale=formatting_locale())


def tier_cost(tier):
    """What a tier costs a year, in words: a flat fee, or each population band's fee."""
    if tier.fee_rule == "band" and tier.bands:
        parts = []
        for band in tier.bands:
            fee = format_money(band.fee_pence)
            if band.max_population is None:
                parts.append(_("%(fee)s for more than %(low)s people", fee=fee, low=format_number(max(band.min_population - 1, 0))))
            elif band.min_population <= 0:
                parts.append(_("%(fee)s for up to %(high)s people", fee=fee, high=format_number(band.max_population)))
            else:
                parts.append(_("%(fee)s for %(low)s to %(high)s people", fee=fee, low=format_number(band.min_population),
                               high=format_number(band.max_population)))
        cost = _("A year, by population: %(bands)s.", bands="; ".join(parts))
    elif tier.flat_fee_pence:
        cost = _("%(fee)s a year.", fee=format_money(tier.flat_fee_pence))
    else:
        cost = _("No fee.")
    if tier.prorate_first_year and (tier.flat_fee_pence or tier.bands):
        cost += " " + _("The first year is charged from the month you join.")
    return cost


def tier_not_open_message(tier):
    return _("The %(tier)s tier is not open to this kind of member", tier=tier.name(current_language()))


def duplicate_message(duplicate):
    if duplicate.by_registration_number:
        return _("%(name)s already has this registration number: it is a member or has applied", name=duplicate.name)
    return _("%(name)s is already a member or has applied. If that is you, contact the secretariat", name=duplicate.name)
