"""Raising subscriptions and invoices, recording payments and adjustments, reminders."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ... import audit, mail
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...i18n import format_date
from ..models import Adjustment, DocumentCounter, Invoice, InvoiceReminder, Member, Payment, Subscription
from .dates import today, year_label, year_start
from .status import refresh_status

RAISABLE_STATUSES = ("active", "in_grace", "lapsed")


class PaymentRefused(Exception):
    """The payment or adjustment would take the invoice below nothing."""


class PaymentDateRefused(Exception):
    """The money cannot have been received on that date; ``message`` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class AlreadyRecorded(Exception):
    """This form was already recorded (the button was pressed twice)."""


def take_number(series, year):
    """The next number of ``series`` in ``year``: gap-free, never reused, safe under concurrency."""
    insert_ignoring_duplicates(DocumentCounter, {"series": series, "year": year, "last_number": 0})
    return db.session.execute(
        update(DocumentCounter)
        .where(DocumentCounter.series == series, DocumentCounter.year == year)
        .values(last_number=DocumentCounter.last_number + 1)
        .returning(DocumentCounter.last_number)
        .execution_options(synchronize_session=False)
    ).scalar_one()


def raise_subscription(member, year, *, by=None):
    """Raise ``member``'s subscription for ``year`` and its invoice, once; None if it exists."""
    if db.session.scalar(select(Subscription.id).where(Subscription.member_id == member.id, Subscription.year == year)):
        return None
    if member.tier is None:
        return None
    config = current_app.config
    fee = member.tier.fee_for(member)
    try:
        with db.session.begin_nested():
            subscription = Subscription(member=member, year=year, tier=member.tier, fee_pence=fee)
            db.session.add(subscription)
            db.session.flush()
    except IntegrityError:
        return None  # raised by another run at the same moment
    issued = max(today(), year_start(year))
    vat_rate = config["VAT_RATE_BASIS_POINTS"]
    vat = (fee * vat_rate + 5000) // 10000
    sequence = take_number("INV", year)
    invoice = Invoice(
        subscription=subscription,
        member_id=member.id,
        number=f"{config['INVOICE_PREFIX']}-{year}-{sequence:04d}",
        year=year,
        sequence=sequence,
        issued_on=issued,
        due_on=issued + timedelta(days=config["PAYMENT_TERMS_DAYS"]),
        net_pence=fee,
        vat_rate_basis_points=vat_rate,
        vat_pence=vat,
        total_pence=fee + vat,
    )
    db.session.add(invoice)
    db.session.flush()
    audit.record(
        "subscription.raised", subscription, actor=by, detail={"year": year, "fee_pence": fee, "invoice": invoice.number}
    )
    _tell_member(member, invoice, "invoice_raised", _l("Your membership invoice %(number)s", number=invoice.number))
    return subscription


def raise_for_year(year, *, by=None, progress=None):
    """Raise the year's subscription for every member that holds a membership; return how many."""
    members = db.session.scalars(
        select(Member).where(Member.status.in_(RAISABLE_STATUSES), Member.tier_id.is_not(None)).order_by(Member.id)
    ).all()
    raised = 0
    for member in progress(members) if progress else members:
        if raise_subscription(member, year, by=by) is not None:
            raised += 1
    return raised


def record_payment(invoice, *, amount_pence, received_on, method, reference, key, by):
    """Record money received. Refuses more than is outstanding, and a date in the future or
    before the invoice was issued; counts a form only once."""
    if received_on > today():
        raise PaymentDateRefused(_l("The date received must be today or in the past"))
    if received_on < invoice.issued_on:
        raise PaymentDateRefused(_l("The date received cannot be before %(day)s, when the invoice was issued",
                                    day=format_date(invoice.issued_on)))
    _refuse_repeat(Payment, key)
    _reduce_outstanding(invoice, Invoice.paid_pence, amount_pence)
    payment = Payment(
        invoice=invoice,
        amount_pence=amount_pence,
        received_on=received_on,
        method=method,
        reference=reference or "",
        idempotency_key=key,
        recorded_by=by,
    )
    _add_once(payment)
    audit.record(
        "payment.recorded",
        payment,
        actor=by,
        detail={"invoice": invoice.number, "amount_pence": amount_pence, "method": method},
    )
    refresh_status(invoice.member, reason=f"payment against {invoice.number}")
    return payment


def add_adjustment(invoice, *, kind, amount_pence, reason, key, by):
    """A credit note or a waiver against an invoice, numbered like invoices, with its reason."""
    _refuse_repeat(Adjustment, key)
    _reduce_outstanding(invoice, Invoice.adjusted_pence, amount_pence)
    config = current_app.config
    sequence = take_number("CN", invoice.year)
    adjustment = Adjustment(
        invoice=invoice,
        kind=kind,
        number=f"{config['CREDIT_NOTE_PREFIX']}-{invoice.year}-{sequence:04d}",
        amount_pence=amount_pence,
        reason=reason,
        idempotency_key=key,
        created_by_id=getattr(by, "id", None),
    )
    _add_once(adjustment)
    audit.record(
        f"invoice.{kind}",
        invoice,
        actor=by,
        detail={"number": adjustment.number, "amount_pence": amount_pence},
    )
    refresh_status(invoice.member, reason=f"{kind} on {invoice.number}")
    return adjustment


def _refuse_repeat(model, key):
    if db.session.scalar(select(model.id).where(model.idempotency_key == key)):
        raise AlreadyRecorded(key)


def _add_once(record):
    # The unique key is the last word: a twin form that passed _refuse_repeat at the
    # same moment as this one fails here, and its whole transaction is rolled back.
    db.session.add(record)
    try:
        db.session.flush()
    except IntegrityError as error:
        raise AlreadyRecorded(record.idempotency_key) from error


def _reduce_outstanding(invoice, column, amount_pence):
    # One conditional update: it both locks the invoice and refuses to go below nothing,
    # so two payments recorded at once can never overpay it together.
    changed = db.session.execute(
        update(Invoice)
        .where(
            Invoice.id == invoice.id,
            Invoice.total_pence - Invoice.paid_pence - Invoice.adjusted_pence >= amount_pence,
        )
        .values({column.key: column + amount_pence})
        .execution_options(synchronize_session=False)
    ).rowcount
    if not changed:
        raise PaymentRefused(invoice.number)
    db.session.refresh(invoice)


REMINDER_SUBJECTS = {
    "invoice_due": lambda number: _l("Your membership invoice %(number)s is due", number=number),
    "invoice_overdue": lambda number: _l("Your membership invoice %(number)s is overdue", number=number),
}


def send_reminders(day=None):
    """Email a reminder when an invoice falls due (within 7 days) and when it is overdue:
    one of each kind per invoice, however often and however many at once this runs."""
    day = day or today()
    sent = 0
    open_invoices = db.session.scalars(
        select(Invoice).where(Invoice.total_pence > Invoice.paid_pence + Invoice.adjusted_pence).order_by(Invoice.id)
    ).all()
    for invoice in open_invoices:
        if invoice.member.status in ("resigned", "suspended"):
            continue
        if invoice.due_on < day:
            kind = "invoice_overdue"
        elif invoice.due_on <= day + timedelta(days=7):
            kind = "invoice_due"
        else:
            continue
        if not insert_ignoring_duplicates(InvoiceReminder, {"invoice_id": invoice.id, "kind": kind, "sent_at": utcnow()}):
            continue
        _tell_member(invoice.member, invoice, kind, REMINDER_SUBJECTS[kind](invoice.number))
        sent += 1
    return sent


def _tell_member(member, invoice, kind, subject):
    """Email the member's primary contact (else its member admins) about an invoice."""
    recipients = [member.representative("contact")] if member.representative("contact") else [
        person for person in member.people if person.is_member_admin and person.is_active
    ]
    for person in recipients:
        mail.enqueue(
            person.email,
            subject,
            f"membership/email/{kind}.txt",
            kind=kind,
            person=person,
            invoice=invoice,
            member=member,
            year_label=year_label(invoice.year),
        )
    return bool(recipients)

