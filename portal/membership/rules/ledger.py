"""The few statements every change of money goes through: each key counts once, and an
invoice or a member's credit is changed by a conditional update that also locks its row.

Rows are always locked in one order (the invoice, then the member's credit, then the audit
log's head), so two changes of money never wait on each other in a circle."""

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ...db import insert_ignoring_duplicates
from ...extensions import db
from ..models import Invoice, MemberBilling


class PaymentRefused(Exception):
    """The payment or adjustment would take the invoice below nothing."""


class CreditRefused(Exception):
    """The member's account holds less credit than this would use."""


class AlreadyRecorded(Exception):
    """This form was already recorded (the button was pressed twice)."""


def refuse_repeat(model, key):
    if db.session.scalar(select(model.id).where(model.idempotency_key == key)):
        raise AlreadyRecorded(key)


def add_once(record):
    # The unique key is the last word: a twin form that passed refuse_repeat at the
    # same moment as this one fails here, and its whole transaction is rolled back.
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError as error:
        raise AlreadyRecorded(record.idempotency_key) from error


def reduce_outstanding(invoice, column, amount_pence):
    # One conditional update: it both locks the invoice and refuses to go below nothing,
    # so two payments recorded at once can never overpay it together.
    changed = db.session.execute(
        update(Invoice)
        .where(Invoice.id == invoice.id, Invoice.total_pence - Invoice.paid_pence - Invoice.adjusted_pence >= amount_pence)
        .values({column.key: column + amount_pence})
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise PaymentRefused(invoice.number)
    db.session.refresh(invoice)


def locked_outstanding(invoice):
    """What ``invoice`` asks for now, read under a lock held until commit."""
    return db.session.execute(
        update(Invoice).where(Invoice.id == invoice.id).values(paid_pence=Invoice.paid_pence)
        .returning(Invoice.total_pence - Invoice.paid_pence - Invoice.adjusted_pence)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def locked_credit(member_id):
    """The credit ``member_id`` holds now, read under a lock held until commit."""
    _ensure_billing(member_id)
    return db.session.execute(
        update(MemberBilling).where(MemberBilling.member_id == member_id).values(credit_pence=MemberBilling.credit_pence)
        .returning(MemberBilling.credit_pence).execution_options(synchronize_session=False)
    ).scalar_one()


def change_credit(member_id, delta_pence):
    """Add ``delta_pence`` (less than nothing to use it) to the member's credit; refuses to
    take it below nothing, whatever else changes it at the same moment."""
    _ensure_billing(member_id)
    changed = db.session.execute(
        update(MemberBilling)
        .where(MemberBilling.member_id == member_id, MemberBilling.credit_pence + delta_pence >= 0)
        .values(credit_pence=MemberBilling.credit_pence + delta_pence)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise CreditRefused(member_id)
    billing = db.session.get(MemberBilling, member_id)
    if billing is not None:
        db.session.refresh(billing)


def _ensure_billing(member_id):
    insert_ignoring_duplicates(MemberBilling, {"member_id": member_id, "address": "", "po_required": False, "credit_pence": 0})
