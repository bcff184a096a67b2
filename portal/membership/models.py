"""Members and the people who represent them."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

MEMBER_KINDS = (
    "council",
    "combined_authority",
    "cooperative",
    "community_organisation",
    "university",
    "other",
    "individual",
)
REPRESENTATIVE_ROLES = ("voting", "deputy")


class Member(db.Model):
    """The body that holds a membership and casts one vote."""

    __tablename__ = "member"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(30))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    people = relationship("Person", back_populates="member", order_by="Person.name")
    representatives: Mapped[list["Representative"]] = relationship(
        back_populates="member", cascade="all, delete-orphan"
    )


class Representative(db.Model):
    """The person who casts a member's vote, or their deputy: at most one of each per member."""

    __tablename__ = "representative"
    __table_args__ = (UniqueConstraint("member_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))

    member: Mapped[Member] = relationship(back_populates="representatives")
    person = relationship("Person")
