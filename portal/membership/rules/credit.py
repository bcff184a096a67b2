"""Credit on a member's account: kept from an overpayment, used against an invoice, or refunded."""

from ... import audit
from ..models import CreditEntry, Invoice
from .ledger import add_once, change_credit, locked_credit, locked_outstanding, reduce_outstanding, refuse_repeat
from .status import refresh_status


def keep_overpayment(payment, *, by):
    """Put what ``payment`` brought beyond its invoice on the member's account, once."""
    invoice = payment.invoice
    change_credit(invoice.member_id, payment.to_credit_pence)
    entry = CreditEntry(member_id=invoice.member_id, kind="overpayment", amount_pence=payment.to_credit_pence,
                        invoice_id=invoice.id, payment_id=payment.id, idempotency_key=f"payment-{payment.id}",
                        created_by_id=getattr(by, "id", None))
    add_once(entry)
    audit.record("credit.received", invoice.member, actor=by,
                 detail={"invoice": invoice.number, "amount_pence": entry.amount_pence})
    return entry


def use_credit(invoice, *, key, by, amount_pence=None):
    """Pay ``invoice`` from the member's credit: ``amount_pence``, or as much as both the
    credit and the invoice allow (None, and nothing written, when that is nothing). Refuses
    more than either holds; counts each key once."""
    refuse_repeat(CreditEntry, key)
    if amount_pence is None:
        amount_pence = min(max(locked_outstanding(invoice), 0), locked_credit(invoice.member_id))
        if amount_pence <= 0:
            return None
    reduce_outstanding(invoice, Invoice.paid_pence, amount_pence)
    change_credit(invoice.member_id, -amount_pence)
    entry = CreditEntry(member_id=invoice.member_id, kind="applied", amount_pence=-amount_pence, invoice_id=invoice.id,
                        idempotency_key=key, created_by_id=getattr(by, "id", None))
    add_once(entry)
    audit.record("credit.used", invoice.member, actor=by, detail={"invoice": invoice.number, "amount_pence": amount_pence})
    refresh_status(invoice.member, reason=f"credit used against {invoice.number}")
    return entry


def refund_credit(member, *, amount_pence, reason, key, by):
    """Pay credit back to the member, with the reason; refuses more than it holds."""
    refuse_repeat(CreditEntry, key)
    change_credit(member.id, -amount_pence)
    entry = CreditEntry(member_id=member.id, kind="refund", amount_pence=-amount_pence, reason=reason,
                        idempotency_key=key, created_by_id=getattr(by, "id", None))
    add_once(entry)
    audit.record("credit.refunded", member, actor=by, detail={"amount_pence": amount_pence, "reason": reason})
    return entry
