"""Subscriptions, invoices, payments and adjustments. Money is always integer pence."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db

PAYMENT_METHODS = ("bank_transfer", "card", "cheque", "direct_debit", "other")
ADJUSTMENT_KINDS = ("credit_note", "waiver")


class Subscription(db.Model):
    """What a member owes for one membership year (2027 = April 2027 to March 2028)."""

    __tablename__ = "subscription"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    year: Mapped[int]
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("tier.id"))
    fee_pence: Mapped[int]
    # Set when the fee is pro-rated (a first year joined part-way through): months charged of 12.
    months_charged: Mapped[int | None]
    raised_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    member = relationship("Member")
    tier = relationship("Tier")
    invoices: Mapped[list["Invoice"]] = relationship(back_populates="subscription", order_by="Invoice.id")


class DocumentCounter(db.Model):
    """The last number used for invoices (or credit notes) of one year. Numbers are taken by
    updating this row, which holds a lock until commit: none is skipped, none used twice."""

    __tablename__ = "document_counter"

    series: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Invoice(db.Model):
    """A numbered demand for a subscription, with its due date. Its number is never reused."""

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("year", "sequence"),
        CheckConstraint("total_pence >= 0", name="total_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscription.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    year: Mapped[int]
    sequence: Mapped[int]
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    net_pence: Mapped[int]
    vat_rate_basis_points: Mapped[int] = mapped_column(default=0)
    vat_pence: Mapped[int] = mapped_column(default=0)
    total_pence: Mapped[int]
    paid_pence: Mapped[int] = mapped_column(default=0)
    adjusted_pence: Mapped[int] = mapped_column(default=0)
    # The member's purchase-order number, which its accounts-payable team matches the invoice to.
    purchase_order: Mapped[str | None] = mapped_column(String(60))

    subscription: Mapped[Subscription] = relationship(back_populates="invoices")
    member = relationship("Member")
    payments: Mapped[list["Payment"]] = relationship(back_populates="invoice", order_by="Payment.received_on")
    adjustments: Mapped[list["Adjustment"]] = relationship(back_populates="invoice", order_by="Adjustment.id")
    credits_used = relationship("CreditEntry", order_by="CreditEntry.id", viewonly=True,
                                primaryjoin="and_(CreditEntry.invoice_id == Invoice.id, CreditEntry.kind == 'applied')")

    @property
    def vat_rate_text(self):
        """The VAT rate as people write it: '0', '20', '17.5'."""
        whole, part = divmod(self.vat_rate_basis_points, 100)
        return str(whole) if not part else f"{whole}.{part:02d}".rstrip("0")

    @property
    def outstanding_pence(self):
        return self.total_pence - self.paid_pence - self.adjusted_pence

    @property
    def settled(self):
        return self.outstanding_pence <= 0

    def overdue_on(self, day):
        return not self.settled and self.due_on < day

    def lacks_purchase_order(self, billing):
        """Whether the member's ``billing`` settings ask for a PO that this unpaid invoice lacks."""
        return bool(billing and billing.po_required and not self.purchase_order and not self.settled)


class Payment(db.Model):
    """Money received against an invoice. Each recording form carries a key, unique here,
    so pressing the button twice (or two people recording the same payment) counts once.
    Of ``amount_pence`` received, ``to_credit_pence`` (more than the invoice asked for) went
    to the member's credit; the rest paid the invoice."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint("amount_pence > 0", name="amount_positive"),
        CheckConstraint("to_credit_pence >= 0 AND to_credit_pence <= amount_pence", name="credit_within_amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    amount_pence: Mapped[int]
    to_credit_pence: Mapped[int] = mapped_column(default=0)
    received_on: Mapped[date] = mapped_column(Date)
    method: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(100), default="")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    invoice: Mapped[Invoice] = relationship(back_populates="payments")
    recorded_by = relationship("Person")


class Adjustment(db.Model):
    """A credit note or a waiver: reduces what an invoice asks for, always with a reason."""

    __tablename__ = "adjustment"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    number: Mapped[str] = mapped_column(String(20), unique=True)
    amount_pence: Mapped[int]
    reason: Mapped[str] = mapped_column(String(500))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    invoice: Mapped[Invoice] = relationship(back_populates="adjustments")


class InvoiceReminder(db.Model):
    """That a reminder of one kind was sent for an invoice: the unique pair makes it once only."""

    __tablename__ = "invoice_reminder"
    __table_args__ = (UniqueConstraint("invoice_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
