"""General meetings (the AGM, or an extraordinary one), their motions and amendments."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...decisions.models import Decision  # noqa: F401 - mapped before the relationships name it
from ...extensions import db

MEETING_KINDS = ("agm", "egm")
# submitted: waiting for a seconder; seconded: waiting for the secretariat's ruling; lapsed: no
# seconder by the deadline; admissible / inadmissible: ruled, with a reason; withdrawn: by its mover.
MOTION_STATES = ("submitted", "seconded", "lapsed", "admissible", "inadmissible", "withdrawn")
AMENDMENT_KINDS = ("replace", "insert", "delete")


class GeneralMeeting(db.Model):
    """A general meeting of the network, with deadlines for motions and for amendments."""

    __tablename__ = "general_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(3), default="agm")
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    meets_at: Mapped[datetime] = mapped_column(UTCDateTime())
    motions_close_at: Mapped[datetime] = mapped_column(UTCDateTime())
    amendments_close_at: Mapped[datetime] = mapped_column(UTCDateTime())
    venue: Mapped[str] = mapped_column(String(300), default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    motions: Mapped[list["Motion"]] = relationship(back_populates="meeting", order_by="Motion.id")

    def title(self, language):
        return self.title_cy if language == "cy" and self.title_cy else self.title_en


class _Moved:
    """What motions and amendments share: who moved and seconded them, and the ruling."""

    status: Mapped[str] = mapped_column(String(12), default="submitted", index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # One second: set once, by a conditional update (see rules.motions.second).
    seconder_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    seconded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ruled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ruling_reason: Mapped[str] = mapped_column(Text, default="")
    ruling_reason_cy: Mapped[str] = mapped_column(Text, default="")
    # The decision that puts it to the vote, made from the meeting's agenda.
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"))

    def reason(self, language):
        return self.ruling_reason_cy if language == "cy" and self.ruling_reason_cy else self.ruling_reason


class Motion(_Moved, db.Model):
    """A motion a member's voting representative puts to a general meeting."""

    __tablename__ = "motion"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("general_meeting.id"), index=True)
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    text_en: Mapped[str] = mapped_column(Text)
    text_cy: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[GeneralMeeting] = relationship(back_populates="motions")
    member = relationship("Member", foreign_keys="Motion.member_id")
    seconder_member = relationship("Member", foreign_keys="Motion.seconder_member_id")
    proposer = relationship("Person", foreign_keys="Motion.proposer_id")
    seconder = relationship("Person", foreign_keys="Motion.seconder_id")
    amendments: Mapped[list["Amendment"]] = relationship(back_populates="motion", order_by="[Amendment.position, Amendment.id]")
    decision = relationship("Decision")

    def title(self, language):
        return self.title_cy if language == "cy" and self.title_cy else self.title_en

    def text(self, language):
        return self.text_cy if language == "cy" and self.text_cy else self.text_en


class Amendment(_Moved, db.Model):
    """Another member's change to a motion: the motion's words as they would read if it carried,
    shown as a difference against the motion."""

    __tablename__ = "amendment"

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)  # the voting order: amendments first, in this order
    kind: Mapped[str] = mapped_column(String(8))
    amended_text_en: Mapped[str] = mapped_column(Text)
    amended_text_cy: Mapped[str] = mapped_column(Text, default="")
    explanation: Mapped[str] = mapped_column(Text, default="")

    motion: Mapped[Motion] = relationship(back_populates="amendments")
    member = relationship("Member", foreign_keys="Amendment.member_id")
    seconder_member = relationship("Member", foreign_keys="Amendment.seconder_member_id")
    proposer = relationship("Person", foreign_keys="Amendment.proposer_id")
    seconder = relationship("Person", foreign_keys="Amendment.seconder_id")
    decision = relationship("Decision")

    def text(self, language):
        return self.amended_text_cy if language == "cy" and self.amended_text_cy else self.amended_text_en
