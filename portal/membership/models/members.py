"""Members, the people who represent them, and the history of their status."""

import re
import unicodedata
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db

MEMBER_KINDS = (
    "council",
    "combined_authority",
    "cooperative",
    "community_organisation",
    "university",
    "other",
    "individual",
)
MEMBER_STATUSES = ("applicant", "active", "in_grace", "lapsed", "suspended", "resigned")
GOOD_STANDING = ("active", "in_grace")
# The people a member names: its voting representative, their deputy, and its primary contact.
REPRESENTATIVE_ROLES = ("voting", "deputy", "contact")

# Words that do not tell two members apart: "Oxford City Council" is "Oxford Council".
_FILLER_WORDS = {
    "council", "borough", "city", "the", "of", "and", "limited", "ltd",
    "cyngor", "bwrdeistref", "dinas",
}


def normalise_name(name):
    """The name with case, accents, punctuation and filler words folded away, for finding duplicates."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = text.replace("&", " and ")
    text = re.sub(r"[^a-z0-9\s]", "", text)
    words = [word for word in text.split() if word not in _FILLER_WORDS]
    return " ".join(words) or text.strip()


class Member(db.Model):
    """The body that holds a membership and casts one vote."""

    __tablename__ = "member"
    __table_args__ = (Index("ix_member_status_tier", "status", "tier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    normalised_name: Mapped[str] = mapped_column(String(200), index=True, default="")
    kind: Mapped[str] = mapped_column(String(30))
    region: Mapped[str | None] = mapped_column(String(60))
    local_authority_area: Mapped[str | None] = mapped_column(String(120))
    website: Mapped[str | None] = mapped_column(String(300))
    registration_number: Mapped[str | None] = mapped_column(String(40), unique=True)
    population: Mapped[int | None]
    joined_on: Mapped[date | None] = mapped_column(Date)
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("tier.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="applicant")
    suspended_reason: Mapped[str | None] = mapped_column(String(500))
    resigned_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    tier = relationship("Tier")
    people = relationship("Person", back_populates="member", order_by="Person.name")
    representatives: Mapped[list["Representative"]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )
    status_changes: Mapped[list["StatusChange"]] = relationship(
        back_populates="member", order_by="StatusChange.at", cascade="all, delete-orphan"
    )
    billing = relationship("MemberBilling", back_populates="member", uselist=False, cascade="all, delete-orphan")

    @property
    def in_good_standing(self):
        return self.status in GOOD_STANDING

    def representative(self, role):
        """The person holding ``role`` ('voting', 'deputy' or 'contact') for this member, or None."""
        return next((rep.person for rep in self.representatives if rep.role == role), None)


class Representative(db.Model):
    """A person a member names for a role: who casts its vote, their deputy, its primary
    contact. At most one of each per member."""

    __tablename__ = "representative"
    __table_args__ = (UniqueConstraint("member_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))

    member: Mapped[Member] = relationship(back_populates="representatives")
    person = relationship("Person")


class StatusChange(db.Model):
    """One step in a member's history: from when it held which status, and why."""

    __tablename__ = "member_status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    reason: Mapped[str | None] = mapped_column(String(500))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    member: Mapped[Member] = relationship(back_populates="status_changes")
