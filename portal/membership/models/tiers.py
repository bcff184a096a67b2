"""Tiers of membership: data the secretariat edits, not code."""

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...extensions import db

FEE_RULES = ("flat", "band")


class Tier(db.Model):
    """A kind of membership: who may hold it, what it allows, and what it costs."""

    __tablename__ = "tier"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(String(60), unique=True)
    name_cy: Mapped[str] = mapped_column(String(60))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_cy: Mapped[str] = mapped_column(Text, default="")
    eligible_kinds: Mapped[list] = mapped_column(JSON, default=list)
    carries_vote: Mapped[bool] = mapped_column(default=False)
    may_lead_labs: Mapped[bool] = mapped_column(default=False)
    fee_rule: Mapped[str] = mapped_column(String(10), default="flat")
    flat_fee_pence: Mapped[int] = mapped_column(default=0)
    # A member's first subscription: the whole year's fee, or the months left of the year it joins in.
    prorate_first_year: Mapped[bool] = mapped_column(default=False)
    position: Mapped[int] = mapped_column(default=0)

    bands: Mapped[list["TierBand"]] = relationship(
        back_populates="tier", order_by="TierBand.min_population", cascade="all, delete-orphan"
    )

    def name(self, language):
        return self.name_cy if language == "cy" and self.name_cy else self.name_en

    def description(self, language):
        return self.description_cy if language == "cy" and self.description_cy else self.description_en

    def fee_for(self, member):
        """The yearly fee in pence for ``member``; by population band where the tier says so."""
        if self.fee_rule == "band" and self.bands:
            population = member.population or 0
            for band in self.bands:
                if band.max_population is None or population <= band.max_population:
                    if population >= band.min_population:
                        return band.fee_pence
            return self.bands[-1].fee_pence
        return self.flat_fee_pence


class TierBand(db.Model):
    """One population band of a banded fee, e.g. councils of 100,001 to 250,000 people."""

    __tablename__ = "tier_band"

    id: Mapped[int] = mapped_column(primary_key=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("tier.id", ondelete="CASCADE"), index=True)
    min_population: Mapped[int] = mapped_column(default=0)
    max_population: Mapped[int | None]
    fee_pence: Mapped[int]

    tier: Mapped[Tier] = relationship(back_populates="bands")
