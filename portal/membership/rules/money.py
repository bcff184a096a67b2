"""Raising subscriptions and invoices, recording payments and adjustments, reminders."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from ... import audit, mail
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...i18n import format_date
from ..models import Adjustment, DocumentCounter, Invoice, InvoiceReminder, Member, MemberBilling, Payment, Subscription
from .billing import invoicing_details
from .credit import keep_overpayment, use_credit
from .dates import today, year_label, year_start
from .documents import credit_note_attachment, invoice_attachment
from .ledger import AlreadyRecorded, CreditRefused, PaymentRefused, add_once, locked_outstanding, reduce_outstanding, refuse_repeat
from .status import refresh_status

RAISABLE_STATUSES = ("active", "in_grace", "lapsed")
__all__ = ["AlreadyRecorded", "CreditRefused", "PaymentRefused"]


class PaymentDateRefused(Exception):
    """The money cannot have been received on that date; ``message`` says why."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


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


def months_charged(member, year):
    """The months of ``year`` a first subscription pays for when its tier pro-rates it: those
    left from the month ``member`` joined; None for a whole year."""
    if not (member.tier and member.tier.prorate_first_year and member.joined_on):
        return None
    start = year_start(year)
    elapsed = (member.joined_on.year - start.year) * 12 + member.joined_on.month - start.month
    if not 0 < elapsed < 12:
        return None
    if db.session.scalar(select(Subscription.id).where(Subscription.member_id == member.id).limit(1)):
        return None
    return 12 - elapsed


def raise_subscription(member, year, *, by=None, purchase_order=None):
    """Raise ``member``'s subscription for ``year`` and its invoice, once; None if it exists.
    The invoice carries ``purchase_order`` (else the member's standing one), is paid from any
    credit the member holds, and is emailed with its PDF."""
    if db.session.scalar(select(Subscription.id).where(Subscription.member_id == member.id, Subscription.year == year)):
        return None
    if member.tier is None:
        return None
    config = current_app.config
    months = months_charged(member, year)
    fee = member.tier.fee_for(member)
    if months:
        fee = (fee * months + 6) // 12  # to the nearest penny, halves up
    try:
        with db.session.begin_nested():
            subscription = Subscription(member=member, year=year, tier=member.tier, fee_pence=fee, months_charged=months)
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
        due_on=issued + timedelta(days=invoicing_details().payment_terms_days),
        net_pence=fee,
        vat_rate_basis_points=vat_rate,
        vat_pence=vat,
        total_pence=fee + vat,
        purchase_order=(purchase_order or "").strip() or getattr(member.billing, "purchase_order", None) or None,
    )
    db.session.add(invoice)
    db.session.flush()
    if member.billing is not None and member.billing.credit_pence > 0:
        # Before the audit log's head is locked: rules/ledger.py keeps one order of locks.
        use_credit(invoice, key=f"raised-{invoice.number}", by=by)
    audit.record(
        "subscription.raised", subscription, actor=by,
        detail={"year": year, "fee_pence": fee, "invoice": invoice.number, "months": months},
    )
    _tell_member(member, invoice, "invoice_raised", _l("Your membership invoice %(number)s", number=invoice.number),
                 attachments=[invoice_attachment(invoice)])
    return subscription


def members_to_raise(*, po_required=False):
    """The members that hold a membership (and so are raised a subscription each year), by name;
    only those whose finance teams need a purchase order, keyed by a form field's name, when
    ``po_required``."""
    statement = (select(Member).where(Member.status.in_(RAISABLE_STATUSES), Member.tier_id.is_not(None))
                 .options(joinedload(Member.billing), joinedload(Member.tier)).order_by(Member.name, Member.id))
    if po_required:
        statement = statement.join(MemberBilling).where(MemberBilling.po_required.is_(True))
        return {f"po_{member.id}": member for member in db.session.scalars(statement).unique()}
    return db.session.scalars(statement).unique().all()


def raise_for_year(year, *, by=None, progress=None, purchase_orders=None):
    """Raise the year's subscription for every member that holds a membership, each with its
    purchase order from ``purchase_orders`` (member id -> number) if given; return how many."""
    members = members_to_raise()
    raised = 0
    for member in progress(members) if progress else members:
        if raise_subscription(member, year, by=by, purchase_order=(purchase_orders or {}).get(member.id)) is not None:
            raised += 1
    return raised


def record_payment(invoice, *, amount_pence, received_on, method, reference, key, by, excess_to_credit=False):
    """Record money received. Refuses more than is outstanding (unless ``excess_to_credit``,
    when the rest is kept as credit on the member's account), and a date in the future or
    before the invoice was issued; counts a form only once."""
    if received_on > today():
        raise PaymentDateRefused(_l("The date received must be today or in the past"))
    if received_on < invoice.issued_on:
        raise PaymentDateRefused(_l("The date received cannot be before %(day)s, when the invoice was issued",
                                    day=format_date(invoice.issued_on)))
    refuse_repeat(Payment, key)
    to_credit = 0
    if excess_to_credit:
        to_credit = max(amount_pence - max(locked_outstanding(invoice), 0), 0)
    if amount_pence > to_credit:
        reduce_outstanding(invoice, Invoice.paid_pence, amount_pence - to_credit)
    payment = Payment(
        invoice=invoice,
        amount_pence=amount_pence,
        to_credit_pence=to_credit,
        received_on=received_on,
        method=method,
        reference=reference or "",
        idempotency_key=key,
        recorded_by=by,
    )
    add_once(payment)
    if to_credit:
        keep_overpayment(payment, by=by)
    audit.record(
        "payment.recorded",
        payment,
        actor=by,
        detail={"invoice": invoice.number, "amount_pence": amount_pence, "method": method, "to_credit_pence": to_credit},
    )
    refresh_status(invoice.member, reason=f"payment against {invoice.number}")
    return payment


def add_adjustment(invoice, *, kind, amount_pence, reason, key, by):
    """A credit note or a waiver against an invoice, numbered like invoices, with its reason."""
    refuse_repeat(Adjustment, key)
    reduce_outstanding(invoice, Invoice.adjusted_pence, amount_pence)
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
    add_once(adjustment)
    audit.record(
        f"invoice.{kind}",
        invoice,
        actor=by,
        detail={"number": adjustment.number, "amount_pence": amount_pence},
    )
    refresh_status(invoice.member, reason=f"{kind} on {invoice.number}")
    _tell_member(invoice.member, invoice, "credit_note_issued",
                 _l("Credit note %(number)s for invoice %(invoice)s", number=adjustment.number, invoice=invoice.number),
                 adjustment=adjustment, attachments=[credit_note_attachment(adjustment)])
    return adjustment


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


def _tell_member(member, invoice, kind, subject, **extra):
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
            **extra,
        )
    return bool(recipients)

