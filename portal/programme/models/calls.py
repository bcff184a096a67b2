"""Calls for ideas for a membership year's work programme, members' ideas and their supports."""

from datetime import datetime

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...decisions.models import Decision  # noqa: F401 - mapped before the relationships name it
from ...extensions import db

# draft: its author's member only; submitted: visible to members, supportable while the call is
# open; shortlisted / not_taken_forward: the secretariat's published outcome; merged: folded into
# another idea (its supports and authors carried over); withdrawn: by its author before the close.
IDEA_STATES = ("draft", "submitted", "shortlisted", "not_taken_forward", "merged", "withdrawn")
VISIBLE_STATES = ("submitted", "shortlisted", "not_taken_forward", "merged")
MEMBER_ROLES = ("lead", "take_part")


class IdeaCall(db.Model):
    """The secretariat's call for ideas for one membership year, open for a window."""

    __tablename__ = "idea_call"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(index=True)  # the membership year, named by the year it starts
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    guidance_en: Mapped[str] = mapped_column(Text, default="")
    guidance_cy: Mapped[str] = mapped_column(Text, default="")
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The programme vote made from the shortlist, and when its result was adopted.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))
    adopted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    themes: Mapped[list["CallTheme"]] = relationship(back_populates="call", order_by="CallTheme.position",
                                                     cascade="all, delete-orphan")
    decision = relationship("Decision")

    def title(self, language):
        return self.title_cy if language == "cy" and self.title_cy else self.title_en

    def guidance(self, language):
        return self.guidance_cy if language == "cy" and self.guidance_cy else self.guidance_en

    def state(self, now):
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class CallTheme(db.Model):
    """A theme ideas may be filed under, named in both languages."""

    __tablename__ = "call_theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("idea_call.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name_en: Mapped[str] = mapped_column(String(100))
    name_cy: Mapped[str] = mapped_column(String(100), default="")

    call: Mapped[IdeaCall] = relationship(back_populates="themes")

    def name(self, language):
        return self.name_cy if language == "cy" and self.name_cy else self.name_en


idea_theme = Table(
    "idea_theme",
    db.metadata,
    Column("idea_id", ForeignKey("idea.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("call_theme.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Idea(db.Model):
    """A member's idea for the work programme, written in English, Welsh or both."""

    __tablename__ = "idea"
    __table_args__ = (Index("ix_idea_call_status", "call_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("idea_call.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    problem_en: Mapped[str] = mapped_column(Text, default="")
    problem_cy: Mapped[str] = mapped_column(Text, default="")
    activity_en: Mapped[str] = mapped_column(Text, default="")
    activity_cy: Mapped[str] = mapped_column(Text, default="")
    benefit_en: Mapped[str] = mapped_column(Text, default="")
    benefit_cy: Mapped[str] = mapped_column(Text, default="")
    member_role: Mapped[str] = mapped_column(String(10), default="take_part")
    costs_pence: Mapped[int | None] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # The secretariat's reason, published with a "shortlisted" or "not taken forward" outcome.
    outcome_reason_en: Mapped[str] = mapped_column(Text, default="")
    outcome_reason_cy: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id"))
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The idea's option in the programme vote made from the shortlist.
    option_id: Mapped[int | None] = mapped_column(ForeignKey("option.id"))

    call: Mapped[IdeaCall] = relationship()
    member = relationship("Member")
    author = relationship("Person")
    themes: Mapped[list[CallTheme]] = relationship(secondary=idea_theme, order_by=CallTheme.position)
    merged_into = relationship("Idea", remote_side=[id])

    def text(self, field, language):
        """One of the idea's texts in the reader's language, else in the other one it has."""
        english, welsh = getattr(self, f"{field}_en"), getattr(self, f"{field}_cy")
        return (welsh or english) if language == "cy" else (english or welsh)

    def title(self, language):
        return self.text("title", language)


class IdeaSupport(db.Model):
    """A member's support for an idea: one per member, whichever of its people gave it."""

    __tablename__ = "idea_support"
    __table_args__ = (UniqueConstraint("idea_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    member = relationship("Member")


class IdeaVersion(db.Model):
    """An idea's texts as they stood before an edit: what the author wrote, then each edit."""

    __tablename__ = "idea_version"
    __table_args__ = (UniqueConstraint("idea_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column()
    texts: Mapped[dict] = mapped_column(JSON)
    edited_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    edited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")

    edited_by = relationship("Person")


class IdeaCredit(db.Model):
    """An author credited on an idea besides its own: the authors of ideas merged into it."""

    __tablename__ = "idea_credit"
    __table_args__ = (UniqueConstraint("idea_id", "from_idea_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id", ondelete="CASCADE"), index=True)
    from_idea_id: Mapped[int] = mapped_column(ForeignKey("idea.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    member = relationship("Member")
    person = relationship("Person")
