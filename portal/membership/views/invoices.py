"""Invoices: the printable page, payments, credit notes and waivers."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import SECRETARIAT, access
from ...extensions import db
from ...i18n import format_money
from ..forms import AdjustmentForm, PaymentForm
from ..models import Invoice, Subscription
from ..permissions import SEE_INVOICE
from ..rules import money
from ..rules.dates import year_label

bp = Blueprint("invoices", __name__, url_prefix="/invoices", template_folder="../templates")


@bp.get("/<int:invoice_id>")
@access(SEE_INVOICE)
def show(invoice_id):
    invoice = db.first_or_404(
        select(Invoice)
        .where(Invoice.id == invoice_id)
        .options(
            joinedload(Invoice.member),
            joinedload(Invoice.subscription).joinedload(Subscription.tier),
            selectinload(Invoice.payments),
            selectinload(Invoice.adjustments),
        )
    )
    return render_template("membership/invoice.html", invoice=invoice, year_label=year_label(invoice.year))


@bp.route("/<int:invoice_id>/payments/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def record_payment(invoice_id):
    invoice = db.get_or_404(Invoice, invoice_id, options=[joinedload(Invoice.member)])
    form = PaymentForm()
    if form.validate_on_submit():
        done = _change(invoice, form, _("Payment recorded."), lambda: money.record_payment(
            invoice,
            amount_pence=form.amount.data,
            received_on=form.received_on.data,
            method=form.method.data,
            reference=form.reference.data,
            key=form.key.data,
            by=current_user,
        ))
        if done:
            return done
    return render_template("membership/payment.html", invoice=invoice, form=form)


@bp.route("/<int:invoice_id>/adjustments/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def adjust(invoice_id):
    invoice = db.get_or_404(Invoice, invoice_id, options=[joinedload(Invoice.member)])
    form = AdjustmentForm()
    if form.validate_on_submit():
        amount = form.amount.data or invoice.outstanding_pence
        if amount <= 0:
            form.amount.errors.append(_("Nothing is outstanding on this invoice"))
        else:
            done = _change(invoice, form, _("Saved."), lambda: money.add_adjustment(
                invoice, kind=form.kind.data, amount_pence=amount, reason=form.reason.data, key=form.key.data, by=current_user
            ))
            if done:
                return done
    return render_template("membership/adjustment.html", invoice=invoice, form=form)


def _change(invoice, form, success, change):
    """Make a money change and answer with a redirect; None (and a field error) if it is refused."""
    back = redirect(url_for("invoices.show", invoice_id=invoice.id))
    try:
        change()
    except money.AlreadyRecorded:
        db.session.rollback()
        flash(_("This was already recorded."), "success")
        return back
    except money.PaymentRefused:
        db.session.rollback()
        db.session.refresh(invoice)
        outstanding = format_money(invoice.outstanding_pence)
        form.amount.errors.append(_("This is more than the %(amount)s outstanding on the invoice", amount=outstanding))
        return None
    except money.PaymentDateRefused as refused:
        db.session.rollback()
        form.received_on.errors.append(str(refused.message))
        return None
    db.session.commit()
    flash(success, "success")
    return back
