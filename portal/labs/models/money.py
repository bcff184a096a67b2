"""Funding rounds, their assessment criteria, and payments of awards."""

from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db


class FundingRound(db.Model):
    """A call for Policy Lab proposals with a budget pot. ``awarded_pence`` only grows through
    one conditional update, so the awards can never add up to more than the pot."""

    __tablename__ = "funding_round"
    __table_args__ = (CheckConstraint("awarded_pence <= pot_pence", name="awards_within_pot"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    guidance: Mapped[str] = mapped_column(Text, default="")
    opens_on: Mapped[date] = mapped_column(Date)
    closes_on: Mapped[date] = mapped_column(Date)
    pot_pence: Mapped[int]
    max_award_pence: Mapped[int]
    awarded_pence: Mapped[int] = mapped_column(default=0)
    lead_tier_ids: Mapped[list] = mapped_column(JSON, default=list)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    criteria: Mapped[list["Criterion"]] = relationship(
        back_populates="round", order_by="Criterion.position", cascade="all, delete-orphan"
    )

    def is_open(self, day):
        return self.opens_on <= day <= self.closes_on

    @property
    def remaining_pence(self):
        return self.pot_pence - self.awarded_pence


class Criterion(db.Model):
    """What reviewers score a proposal on, 1 to 5, and how much it weighs."""

    __tablename__ = "criterion"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("funding_round.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(default=1)

    round: Mapped[FundingRound] = relationship(back_populates="criteria")


class AwardPayment(db.Model):
    """Part of a lab's award claimed by the lead, and paid (or not yet) by the secretariat."""

    __tablename__ = "award_payment"
    __table_args__ = (CheckConstraint("amount_pence > 0", name="amount_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"), index=True)
    amount_pence: Mapped[int]
    claimed_on: Mapped[date] = mapped_column(Date)
    paid_on: Mapped[date | None] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(100), default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
