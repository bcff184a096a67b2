"""The adopted programme's items, their progress and what delivers them."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ...db import UTCDateTime, utcnow
from ...extensions import db

ITEM_STATES = ("planned", "under_way", "done", "dropped")
OWNER_KINDS = ("group", "member", "secretariat")
LINK_KINDS = ("lab", "task", "event", "resource")


class ProgrammeItem(db.Model):
    """An item of a year's adopted work programme, from the idea the vote chose."""

    __tablename__ = "programme_item"
    __table_args__ = (CheckConstraint("progress >= 0 AND progress <= 100", name="progress_per_cent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("idea_call.id"), index=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("idea.id"), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    title_en: Mapped[str] = mapped_column(String(200))
    title_cy: Mapped[str] = mapped_column(String(200), default="")
    # The result the idea got in the programme vote, in words (e.g. "41 points, 1st of 9").
    result: Mapped[str] = mapped_column(String(200), default="")
    owner_kind: Mapped[str] = mapped_column(String(12), default="secretariat")
    owner_group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id"))
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    status: Mapped[str] = mapped_column(String(10), default="planned", index=True)
    dropped_reason: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[int] = mapped_column(default=0)  # per cent
    adopted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    call = relationship("IdeaCall")
    idea = relationship("Idea")
    owner_group = relationship("Group")
    owner_member = relationship("Member")
    updates: Mapped[list["ItemUpdate"]] = relationship(back_populates="item", order_by="ItemUpdate.written_at.desc()",
                                                           cascade="all, delete-orphan")
    links: Mapped[list["DeliveryLink"]] = relationship(back_populates="item", cascade="all, delete-orphan")

    def title(self, language):
        return self.title_cy if language == "cy" and self.title_cy else self.title_en


class ItemUpdate(db.Model):
    """A dated report of an item's progress, seen by members."""

    __tablename__ = "programme_update"
    __table_args__ = (CheckConstraint("progress >= 0 AND progress <= 100", name="progress_per_cent"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("programme_item.id", ondelete="CASCADE"), index=True)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    written_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    text_en: Mapped[str] = mapped_column(Text, default="")
    text_cy: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(10), default="under_way")

    item: Mapped[ProgrammeItem] = relationship(back_populates="updates")
    written_by = relationship("Person")

    def text(self, language):
        return (self.text_cy or self.text_en) if language == "cy" else (self.text_en or self.text_cy)


class DeliveryLink(db.Model):
    """Something that delivers an item: a lab, a group's task, an event or a toolkit output."""

    __tablename__ = "delivery_link"
    __table_args__ = (UniqueConstraint("item_id", "kind", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("programme_item.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[int] = mapped_column()

    item: Mapped[ProgrammeItem] = relationship(back_populates="links")
