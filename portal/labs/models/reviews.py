"""Reviewers assigned to proposals, and their scores against the round's criteria."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db


class ReviewAssignment(db.Model):
    __tablename__ = "review_assignment"
    __table_args__ = (UniqueConstraint("lab_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lab_id: Mapped[int] = mapped_column(ForeignKey("lab.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    comments: Mapped[str] = mapped_column(Text, default="")

    lab = relationship("Lab")
    reviewer = relationship("Person")
    scores: Mapped[list["Score"]] = relationship(back_populates="assignment", cascade="all, delete-orphan")


class Score(db.Model):
    __tablename__ = "score"
    __table_args__ = (
        UniqueConstraint("assignment_id", "criterion_id"),
        CheckConstraint("value BETWEEN 1 AND 5", name="one_to_five"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(ForeignKey("review_assignment.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("criterion.id", ondelete="CASCADE"))
    value: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    assignment: Mapped[ReviewAssignment] = relationship(back_populates="scores")
