"""The forum: categories, threads and posts; the moderation that keeps it civil; and what
each person follows and has read."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, new_stamp, utcnow
from ..extensions import db

# public: anyone reads, members write. members: people signed in read and write.
# group: one per group, for its people and the secretariat. announcements: the secretariat
# starts threads, people signed in read and reply.
CATEGORY_KINDS = ("public", "members", "group", "announcements")
# A thread may be the discussion of something else, shown on its page.
SUBJECT_KINDS = ("lab", "proposal", "decision", "idea")
POST_STATES = ("visible", "removed", "hidden")
FLAG_REASONS = ("spam", "abuse", "off_topic", "private", "other")
LEVELS = ("watching", "tracking", "normal", "muted")


class Category(db.Model):
    __tablename__ = "forum_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The categories the portal finds by name (e.g. "labs" for labs' discussions); None for others.
    slug: Mapped[str | None] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(15), default="members")
    group_id: Mapped[int | None] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_cy: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    description_cy: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=100)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    group = relationship("Group")

    def name_in(self, locale):
        return (self.name_cy if str(locale).startswith("cy") else "") or self.name

    def description_in(self, locale):
        return (self.description_cy if str(locale).startswith("cy") else "") or self.description


class Thread(db.Model):
    __tablename__ = "forum_thread"
    __table_args__ = (
        UniqueConstraint("subject_kind", "subject_id"),
        Index("ix_forum_thread_listing", "category_id", "pinned", "last_post_at"),
        # Holds all the category list's totals ask of a thread, so that they are counted from
        # the index alone (SQLite: 4.3 to 2.6 ms for 5,000 threads).
        Index("ix_forum_thread_totals", "category_id", "merged_into_id", "subject_kind", "subject_id",
              "post_count", "last_post_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("forum_category.id"))
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_post_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The number the next post takes is post_count + 1, claimed by one UPDATE (rules/posting.py).
    post_count: Mapped[int] = mapped_column(default=0)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    subject_kind: Mapped[str | None] = mapped_column(String(10))
    subject_id: Mapped[int | None] = mapped_column()
    # A thread merged into another keeps its address and sends readers on.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("forum_thread.id"))
    # Renewed whenever what its pages of posts show changes (see stamps.py), so that a page of
    # posts, as loaded and drawn, can be kept.
    posts_stamp: Mapped[str] = mapped_column(String(32), default=new_stamp, server_default="before-stamps")

    category: Mapped[Category] = relationship()
    author = relationship("Person", foreign_keys=[author_id])


class Post(db.Model):
    __tablename__ = "forum_post"
    __table_args__ = (
        UniqueConstraint("thread_id", "number"),
        Index("ix_forum_post_author_time", "author_id", "created_at"),
        CheckConstraint("state IN ('visible', 'removed', 'hidden')", name="state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_thread.id"))
    number: Mapped[int] = mapped_column()  # 1 for the post that started the thread
    author_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    state: Mapped[str] = mapped_column(String(10), default="visible")
    hidden_because: Mapped[str | None] = mapped_column(String(10))  # "flags" or "moderator"

    thread: Mapped[Thread] = relationship()
    author = relationship("Person", foreign_keys=[author_id])


class Revision(db.Model):
    """A post's words before an edit, for its author and the moderators."""

    __tablename__ = "forum_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"), index=True)
    body: Mapped[str] = mapped_column(Text)
    replaced_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    replaced_by = relationship("Person")


class Flag(db.Model):
    __tablename__ = "forum_flag"
    __table_args__ = (UniqueConstraint("post_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    reason: Mapped[str] = mapped_column(String(10))
    note: Mapped[str] = mapped_column(String(500), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    outcome: Mapped[str | None] = mapped_column(String(10))  # "hidden" or "restored"

    person = relationship("Person", foreign_keys=[person_id])


class Suspension(db.Model):
    """A person may not post until ``ends_at`` (unless lifted)."""

    __tablename__ = "forum_suspension"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    reason: Mapped[str] = mapped_column(Text)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    by = relationship("Person", foreign_keys=[by_id])


class Watch(db.Model):
    """How closely a person follows one thread or one category."""

    __tablename__ = "forum_watch"
    __table_args__ = (
        UniqueConstraint("person_id", "thread_id"),
        UniqueConstraint("person_id", "category_id"),
        CheckConstraint("(thread_id IS NULL) <> (category_id IS NULL)", name="one_thing"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("forum_thread.id", ondelete="CASCADE"), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("forum_category.id", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(10))


class ReadMark(db.Model):
    """The last post of a thread a person has seen."""

    __tablename__ = "forum_read"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("forum_thread.id", ondelete="CASCADE"), primary_key=True)
    last_number: Mapped[int] = mapped_column(default=0)


class Mention(db.Model):
    """A person named with @ in a post; told once, however often the post is edited."""

    __tablename__ = "forum_mention"

    post_id: Mapped[int] = mapped_column(ForeignKey("forum_post.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)

