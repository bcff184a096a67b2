"""Billing: the network's invoicing details, a member's billing details, and its credit."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...auth.access import SECRETARIAT, access
from ...extensions import db
from ...i18n import format_money
from ..billing_forms import BillingForm, InvoicingDetailsForm, RefundForm
from ..models import CreditEntry, Member
from ..permissions import MANAGE_MEMBER
from ..rules import billing, credit
from ..rules.billing import BILLING_FIELDS, DETAIL_FIELDS
from .recording import record_money

bp = Blueprint("billing", __name__, template_folder="../templates")


@bp.route("/secretariat/invoicing", methods=["GET", "POST"])
@access(SECRETARIAT)
def settings():
    details = billing.invoicing_details()
    form = InvoicingDetailsForm(data={name: getattr(details, name) for name in DETAIL_FIELDS})
    if form.validate_on_submit():
        billing.save_invoicing_details(by=current_user, **{name: getattr(form, name).data for name in DETAIL_FIELDS})
        db.session.commit()
        flash(_("The invoicing details have been saved. Every invoice and credit note now shows them."), "success")
        return redirect(url_for("billing.settings"))
    return render_template("membership/invoicing.html", form=form)


def _member(member_id):
    return db.first_or_404(select(Member).where(Member.id == member_id).options(joinedload(Member.billing)))


@bp.route("/members/<int:member_id>/billing", methods=["GET", "POST"])
@access(MANAGE_MEMBER)
def member(member_id):
    member = _member(member_id)
    current = member.billing
    form = BillingForm(data={name: getattr(current, name) for name in BILLING_FIELDS} if current else None)
    if form.validate_on_submit():
        billing.save_billing(member, by=current_user, address=form.address.data or "", po_required=form.po_required.data,
                             purchase_order=form.purchase_order.data or None)
        db.session.commit()
        flash(_("The billing details have been saved."), "success")
        return redirect(url_for("organisation.account", member_id=member.id))
    return render_template("membership/billing.html", member=member, form=form)


@bp.route("/members/<int:member_id>/credit/refund", methods=["GET", "POST"])
@access(SECRETARIAT)
def refund(member_id):
    member = _member(member_id)
    held = member.billing.credit_pence if member.billing else 0
    form = RefundForm()
    if form.validate_on_submit():
        amount = form.amount.data or held
        if amount <= 0:
            form.amount.errors.append(_("The member holds no credit to refund"))
        else:
            done = record_money(form, lambda: credit.refund_credit(
                member, amount_pence=amount, reason=form.reason.data, key=form.key.data, by=current_user),
                success=_("A refund of %(amount)s has been recorded.", amount=format_money(amount)),
                back=url_for("organisation.account", member_id=member.id), member=member)
            if done:
                return done
    entries = db.session.scalars(select(CreditEntry).where(CreditEntry.member_id == member.id).order_by(CreditEntry.id)).all()
    return render_template("membership/refund.html", member=member, form=form, held=held, entries=entries)
