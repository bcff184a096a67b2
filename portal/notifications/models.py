"""What each person has been told, how they want to be told, and the digests sent."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

# email: sent at once; digest: waiting for the daily email; digested: went in one; portal: never emailed.
DELIVERIES = ("email", "digest", "digested", "portal")


class Notification(db.Model):
    """One email the portal wrote to a person, as their Notifications page shows it."""

    __tablename__ = "notification"
    __table_args__ = (
        Index("ix_notification_person_id_id", "person_id", "id"),
        Index("ix_notification_person_id_read_at", "person_id", "read_at"),
        CheckConstraint("delivery IN ('email', 'digest', 'digested', 'portal')", name="delivery"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(300))
    # The email's words without greeting, sign-off or links; the link is a path on this site.
    text: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    delivery: Mapped[str] = mapped_column(String(10), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DeliveryChoice(db.Model):
    """How one person wants one category of messages: at once, in the daily digest, or on the
    portal only. No row means at once."""

    __tablename__ = "notification_choice"
    __table_args__ = (CheckConstraint("choice IN ('now', 'digest', 'portal')", name="choice"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    category: Mapped[str] = mapped_column(String(20), primary_key=True)
    choice: Mapped[str] = mapped_column(String(10))


class DigestSent(db.Model):
    """A person's digest of one day: its row is the claim that makes it one a day, however
    many runs of the command there are at once."""

    __tablename__ = "notification_digest"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    sent_on: Mapped[date] = mapped_column(Date, primary_key=True)
