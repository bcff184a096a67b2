"""The network's invoicing details, members' billing details, and purchase orders."""

from flask import current_app
from sqlalchemy import select

from ... import audit
from ...extensions import db
from ..models import InvoicingDetails, MemberBilling

DETAIL_FIELDS = ("legal_name", "address", "vat_number", "bank_name", "sort_code", "account_number",
                 "payment_terms_days", "remittance_email")
BILLING_FIELDS = ("address", "po_required", "purchase_order")


def invoicing_details():
    """The network's invoicing details as saved, or (before the secretariat saves any) the
    configured payment terms and address with nothing else filled in; never added to the session."""
    saved = db.session.scalar(select(InvoicingDetails).where(InvoicingDetails.id == 1))
    if saved is not None:
        return saved
    config = current_app.config
    return InvoicingDetails(legal_name="", address="", vat_number=None, bank_name="", sort_code="", account_number="",
                            payment_terms_days=config["PAYMENT_TERMS_DAYS"], remittance_email=config["NETWORK_EMAIL"])


def save_invoicing_details(*, by, **values):
    """Save the network's invoicing details; the audit log names the fields that changed."""
    details = db.session.get(InvoicingDetails, 1)
    if details is None:
        details = invoicing_details()
        details.id = 1
        db.session.add(details)
    changed = _assign(details, DETAIL_FIELDS, values)
    db.session.flush()
    if changed:
        audit.record("invoicing.details_changed", details, actor=by, detail={"fields": changed})
    return changed


def billing_of(member):
    """``member``'s billing details, made (empty, added to the session) if it has none yet."""
    if member.billing is None:
        member.billing = MemberBilling(address="", po_required=False, purchase_order=None, credit_pence=0)
    return member.billing


def save_billing(member, *, by, **values):
    """Save where ``member``'s invoices go and whether they need a purchase order; audited."""
    changed = _assign(billing_of(member), BILLING_FIELDS, values)
    db.session.flush()
    if changed:
        audit.record("member.billing_changed", member, actor=by, detail={"fields": changed})
    return changed


class InvoicePaid(Exception):
    """A paid invoice's purchase order is the secretariat's to correct, not the member's."""


def set_purchase_order(invoice, number, *, by):
    """Put the member's purchase-order number on ``invoice``; a member admin may do so only
    while it is unpaid. Audited with the number before and after."""
    if invoice.settled and not by.is_secretariat:
        raise InvoicePaid(invoice.number)
    number = (number or "").strip() or None
    if number == invoice.purchase_order:
        return False
    audit.record("invoice.purchase_order_changed", invoice, actor=by,
                 detail={"number": invoice.number, "before": invoice.purchase_order, "after": number})
    invoice.purchase_order = number
    db.session.flush()
    return True


def _assign(thing, fields, values):
    changed = sorted(name for name in fields if name in values and getattr(thing, name) != values[name])
    for name in changed:
        setattr(thing, name, values[name])
    return changed
