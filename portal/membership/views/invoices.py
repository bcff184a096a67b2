"""Invoices and credit notes: the pages, their PDFs, payments, credit, purchase orders."""

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import SECRETARIAT, access
from ...extensions import db
from ..billing_forms import PurchaseOrderForm, UseCreditForm
from ..forms import AdjustmentForm, PaymentForm
from ..models import Adjustment, Invoice, Member, Subscription
from ..permissions import ADD_PURCHASE_ORDER, SEE_CREDIT_NOTE, SEE_INVOICE
from ..rules import billing, credit, documents, money
from .recording import record_money

bp = Blueprint("invoices", __name__, url_prefix="/invoices", template_folder="../templates")


# All an invoice's document shows, loaded in a few statements whatever it holds.
INVOICE_PARTS = (
    joinedload(Invoice.member).joinedload(Member.billing),
    joinedload(Invoice.subscription).joinedload(Subscription.tier),
    selectinload(Invoice.payments),
    selectinload(Invoice.adjustments),
    selectinload(Invoice.credits_used),
)


def _invoice(invoice_id):
    return db.first_or_404(select(Invoice).where(Invoice.id == invoice_id).options(*INVOICE_PARTS))


def _adjustment(adjustment_id):
    return db.first_or_404(
        select(Adjustment).where(Adjustment.id == adjustment_id).options(joinedload(Adjustment.invoice).options(*INVOICE_PARTS))
    )


def _pdf(content, document):
    return Response(content, mimetype=documents.PDF, headers={
        "Content-Disposition": f'attachment; filename="{documents.pdf_filename(document)}"', "Cache-Control": "no-store"})


@bp.get("/<int:invoice_id>")
@access(SEE_INVOICE)
def show(invoice_id):
    return render_template("membership/invoice.html", **documents.invoice_document(_invoice(invoice_id)))


@bp.get("/<int:invoice_id>/pdf")
@access(SEE_INVOICE)
def pdf(invoice_id):
    invoice = _invoice(invoice_id)
    return _pdf(documents.invoice_pdf(invoice), invoice)


@bp.get("/credit-notes/<int:adjustment_id>")
@access(SEE_CREDIT_NOTE)
def credit_note(adjustment_id):
    return render_template("membership/credit_note.html", **documents.credit_note_document(_adjustment(adjustment_id)))


@bp.get("/credit-notes/<int:adjustment_id>/pdf")
@access(SEE_CREDIT_NOTE)
def credit_note_pdf(adjustment_id):
    adjustment = _adjustment(adjustment_id)
    return _pdf(documents.credit_note_pdf(adjustment), adjustment)


@bp.route("/<int:invoice_id>/purchase-order", methods=["GET", "POST"])
@access(ADD_PURCHASE_ORDER)
def purchase_order(invoice_id):
    invoice = db.get_or_404(Invoice, invoice_id, options=[joinedload(Invoice.member)])
    form = PurchaseOrderForm(data={"purchase_order": invoice.purchase_order})
    if form.validate_on_submit():
        try:
            billing.set_purchase_order(invoice, form.purchase_order.data, by=current_user)
        except billing.InvoicePaid:
            db.session.rollback()
            form.purchase_order.errors.append(_("This invoice is paid: ask the secretariat to correct its purchase order number"))
        else:
            db.session.commit()
            flash(_("The purchase order number has been saved."), "success")
            return redirect(url_for("invoices.show", invoice_id=invoice.id))
    return render_template("membership/purchase_order.html", invoice=invoice, form=form)


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
            excess_to_credit=form.excess_to_credit.data,
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


@bp.route("/<int:invoice_id>/credit", methods=["GET", "POST"])
@access(SECRETARIAT)
def use_credit(invoice_id):
    invoice = db.get_or_404(Invoice, invoice_id, options=[joinedload(Invoice.member).joinedload(Member.billing)])
    form = UseCreditForm()
    if form.validate_on_submit():
        if invoice.settled:
            form.amount.errors.append(_("Nothing is outstanding on this invoice"))
        else:
            done = _change(invoice, form, _("Credit used."), lambda: credit.use_credit(
                invoice, amount_pence=form.amount.data, key=form.key.data, by=current_user) or _nothing_to_use())
            if done:
                return done
    return render_template("membership/use_credit.html", invoice=invoice, form=form, billing=invoice.member.billing)


def _nothing_to_use():
    raise money.CreditRefused(None)


def _change(invoice, form, success, change):
    return record_money(form, change, success=success, back=url_for("invoices.show", invoice_id=invoice.id),
                        outstanding=lambda: invoice.outstanding_pence, member=invoice.member)
