"""Applying to join the network."""

from flask import Blueprint, render_template
from flask_babel import gettext as _
from sqlalchemy import select

from ...auth.access import ANYONE, access
from ...core.forms import choices
from ...extensions import db, limiter
from ...i18n import current_language
from ..forms import ApplicationForm
from ..models import Tier
from ..rules import applications

bp = Blueprint("join", __name__, template_folder="../templates")


def tier_choices():
    tiers = db.session.scalars(select(Tier).order_by(Tier.position, Tier.name_en)).all()
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
    return render_template("membership/apply.html", form=form, tiers=tiers)


def tier_not_open_message(tier):
    return _("The %(tier)s tier is not open to this kind of member", tier=tier.name(current_language()))


def duplicate_message(duplicate):
    if duplicate.by_registration_number:
        return _("%(name)s already has this registration number: it is a member or has applied", name=duplicate.name)
    return _("%(name)s is already a member or has applied. If that is you, contact the secretariat", name=duplicate.name)
