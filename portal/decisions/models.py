"""Decisions, their questions and options, the frozen roll, ballots and proxies."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

STATES = ("draft", "scheduled", "open", "closed", "published", "annulled")
METHODS = ("motion", "single", "approval", "ranked", "cumulative")
THRESHOLDS = ("simple_majority", "two_thirds", "three_quarters")
QUORUM_KINDS = ("none", "percent", "members")
MOTION_ANSWERS = ("for", "against", "abstain")


class Decision(db.Model):
    """A matter put to the members: questions, a frozen roll, a voting window, results."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    explanation_en: Mapped[str] = mapped_column(Text, default="")
    explanation_cy: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    roll_date: Mapped[date | None] = mapped_column(Date)
    quorum_kind: Mapped[str] = mapped_column(String(10), default="none")
    quorum_value: Mapped[int] = mapped_column(default=0)
    secret: Mapped[bool] = mapped_column(default=True)
    changeable: Mapped[bool] = mapped_column(default=False)
    # Seeds every lot the count may need, so a recount from the bulletin draws the same.
    seed: Mapped[str] = mapped_column(String(64))
    results: Mapped[dict | None] = mapped_column(JSON)
    imported_from: Mapped[str | None] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    annulled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    annul_reason: Mapped[str | None] = mapped_column(Text)

    questions: Mapped[list["Question"]] = relationship(
        back_populates="decision", order_by="Question.position", cascade="all, delete-orphan"
    )

    def title(self, language):
        return self.title_cy if language == "cy" and self.title_cy else self.title_en

    def explanation(self, language):
        return self.explanation_cy if language == "cy" and self.explanation_cy else self.explanation_en


class Question(db.Model):
    """One question of a decision, and how it is counted."""

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    text_en: Mapped[str] = mapped_column(String(500))
    text_cy: Mapped[str] = mapped_column(String(500), default="")
    method: Mapped[str] = mapped_column(String(10))
    threshold: Mapped[str] = mapped_column(String(20), default="simple_majority")
    max_choices: Mapped[int] = mapped_column(default=1)  # approval: how many a ballot may approve
    seats: Mapped[int] = mapped_column(default=1)  # approval or cumulative winners, or ranked seats
    # cumulative ("dot") votes: the points each ballot spreads, and the most on any one option
    points: Mapped[int] = mapped_column(default=0, server_default="0")
    points_per_option: Mapped[int] = mapped_column(default=0, server_default="0")

    decision: Mapped[Decision] = relationship(back_populates="questions")
    options: Mapped[list["Option"]] = relationship(
        back_populates="question", order_by="Option.position", cascade="all, delete-orphan"
    )

    def text(self, language):
        return self.text_cy if language == "cy" and self.text_cy else self.text_en


class Option(db.Model):
    """An answer that may be chosen, approved or ranked (a motion needs none)."""

    __tablename__ = "option"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    label_en: Mapped[str] = mapped_column(String(200))
    label_cy: Mapped[str] = mapped_column(String(200), default="")

    question: Mapped[Question] = relationship(back_populates="options")

    def label(self, language):
        return self.label_cy if language == "cy" and self.label_cy else self.label_en


class RollEntry(db.Model):
    """A member entitled to vote, frozen when voting opens: later changes do not touch it."""

    __tablename__ = "roll_entry"
    __table_args__ = (UniqueConstraint("decision_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("tier.id"))
    region: Mapped[str | None] = mapped_column(String(60))

    member = relationship("Member")
    tier = relationship("Tier")


class Ballot(db.Model):
    """What one member cast on one decision. The unique pair is the rule: one member, one
    ballot. Imported elections (BLT) hold anonymous ballots with no member and a weight."""

    __tablename__ = "ballot"
    __table_args__ = (
        UniqueConstraint("decision_id", "member_id"),
        Index("ix_ballot_decision_cast_at", "decision_id", "cast_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    receipt: Mapped[str] = mapped_column(String(20), unique=True)
    answers: Mapped[dict] = mapped_column(JSON)
    weight: Mapped[int] = mapped_column(default=1)
    cast_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    by_proxy: Mapped[bool] = mapped_column(default=False)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changes: Mapped[int] = mapped_column(default=0)

    member = relationship("Member")


class Proxy(db.Model):
    """A member's appointment of another member's voting representative to cast its ballot,
    for one decision or standing (decision empty). Revocable at any time: see ``rules.proxies.revoke``."""

    __tablename__ = "proxy"
    __table_args__ = (Index("ix_proxy_member_decision", "member_id", "decision_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    proxy_person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    appointed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    appointed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    member = relationship("Member")
    proxy_person = relationship("Person", foreign_keys=[proxy_person_id])
    decision = relationship("Decision")

    @property
    def active(self):
        return self.revoked_at is None


class DecisionReminder(db.Model):
    """That a reminder of one kind went to one member about one decision: once only."""

    __tablename__ = "decision_reminder"
    __table_args__ = (UniqueConstraint("decision_id", "member_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    kind: Mapped[str] = mapped_column(String(20))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
