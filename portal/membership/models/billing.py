"""What invoices need beyond the money: the network's invoicing details, each member's billing
details and purchase orders, and credit held on a member's account."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db

CREDIT_KINDS = ("overpayment", "applied", "refund")


class InvoicingDetails(db.Model):
    """The network as a supplier: who invoices, where to pay and where to send remittance.
    One row (id 1), which the secretariat edits; every invoice and credit note shows it."""

    __tablename__ = "invoicing_details"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    vat_number: Mapped[str | None] = mapped_column(String(20))
    bank_name: Mapped[str] = mapped_column(String(100), default="")
    sort_code: Mapped[str] = mapped_column(String(6), default="")
    account_number: Mapped[str] = mapped_column(String(8), default="")
    payment_terms_days: Mapped[int] = mapped_column(default=30)
    remittance_email: Mapped[str] = mapped_column(String(254), default="")
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), onupdate=utcnow)

    @property
    def sort_code_text(self):
        """The sort code as banks print it: 08-92-99."""
        code = self.sort_code or ""
        return "-".join(code[i:i + 2] for i in range(0, len(code), 2))

    @property
    def has_bank_details(self):
        return bool(self.bank_name and self.sort_code and self.account_number)


class MemberBilling(db.Model):
    """A member's billing details: where its invoices go, whether its finance team needs a
    purchase order on them (and its standing one), and the credit held on its account.
    The credit is changed only by conditional updates, so it never goes below nothing."""

    __tablename__ = "member_billing"
    __table_args__ = (CheckConstraint("credit_pence >= 0", name="credit_not_negative"),)

    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), primary_key=True)
    address: Mapped[str] = mapped_column(Text, default="")
    po_required: Mapped[bool] = mapped_column(default=False)
    purchase_order: Mapped[str | None] = mapped_column(String(60))
    credit_pence: Mapped[int] = mapped_column(default=0)

    member = relationship("Member", back_populates="billing")


class CreditEntry(db.Model):
    """One movement of a member's credit: an overpayment kept (plus), credit used against an
    invoice or refunded (minus). Each form's key is unique here, so it counts once."""

    __tablename__ = "credit_entry"
    __table_args__ = (CheckConstraint("amount_pence <> 0", name="amount_not_zero"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    amount_pence: Mapped[int]
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"), index=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payment.id"))
    reason: Mapped[str] = mapped_column(String(500), default="")
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    invoice = relationship("Invoice")
    member = relationship("Member")
