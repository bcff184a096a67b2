"""Messages waiting in, or delivered from, the outbox."""

from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

STATUSES = ("pending", "sending", "sent", "failed", "handled")  # handled: a request turned into its emails


class OutboxMessage(db.Model):
    """An email written in the same transaction as the change that caused it."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    # Why the message was sent (e.g. "password_reset"), for tests and troubleshooting.
    kind: Mapped[str] = mapped_column(String(60), index=True)
    person_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(500))

    attachments: Mapped[list["OutboxAttachment"]] = relationship(
        order_by="OutboxAttachment.id", cascade="all, delete-orphan", passive_deletes=True
    )


class OutboxAttachment(db.Model):
    """A file sent with a message (an invoice's PDF), stored with it until it is purged. One
    made when the message is delivered names its ``maker`` and the ``maker_key`` it is made
    from, in the recipient's ``locale``, until then."""

    __tablename__ = "outbox_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("outbox_message.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    mimetype: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    maker: Mapped[str | None] = mapped_column(String(60))
    maker_key: Mapped[int | None]
    locale: Mapped[str | None] = mapped_column(String(10))
