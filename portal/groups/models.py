"""Groups (a lab's steering group, or a standing working group), their people, and the plan
they keep: tasks, dependencies, baselines, risks, meetings and calendar tokens."""

import secrets
from datetime import date, datetime

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, new_stamp, utcnow
from ..extensions import db

GROUP_ROLES = ("chair", "lead", "member", "advisory", "secretary", "deputy")
TASK_STATUSES = ("not_started", "in_progress", "done", "blocked")
RISK_STATUSES = ("open", "closed")
ATTENDANCE = ("present", "apologies", "deputy")


class Group(db.Model):
    __tablename__ = "work_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(10), default="working")  # "steering" or "working"
    lab_id: Mapped[int | None] = mapped_column(ForeignKey("lab.id", ondelete="SET NULL"), unique=True)
    private: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Renewed whenever the plan changes (see stamps.py), so a drawn timeline can be kept.
    plan_stamp: Mapped[str] = mapped_column(String(32), default=new_stamp, server_default="before-stamps")

    lab = relationship("Lab")
    memberships: Mapped[list["GroupMember"]] = relationship(back_populates="group", cascade="all, delete-orphan")


class GroupMember(db.Model):
    """A person in a group, with a role; a deputy stands in for a named person."""

    __tablename__ = "group_member"
    __table_args__ = (UniqueConstraint("group_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(10), default="member")
    role_note: Mapped[str] = mapped_column(String(200), default="")
    deputy_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    group: Mapped[Group] = relationship(back_populates="memberships")
    person = relationship("Person", foreign_keys=[person_id])
    deputy_for = relationship("Person", foreign_keys=[deputy_for_id])


class Task(db.Model):
    """A piece of the plan: dates, an owner member (and person), contributors, progress."""

    __tablename__ = "task"
    __table_args__ = (CheckConstraint("percent BETWEEN 0 AND 100", name="percent_range"),
                      CheckConstraint("ends_on >= starts_on", name="ends_after_start"))

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    phase: Mapped[str] = mapped_column(String(100), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date, index=True)
    owner_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="not_started")
    percent: Mapped[int] = mapped_column(default=0)
    milestone: Mapped[bool] = mapped_column(default=False)
    source_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id", ondelete="SET NULL"))

    group: Mapped[Group] = relationship()
    owner_member = relationship("Member", foreign_keys=[owner_member_id])
    owner_person = relationship("Person", foreign_keys=[owner_person_id])
    contributors: Mapped[list["TaskContributor"]] = relationship(cascade="all, delete-orphan")
    depends_on: Mapped[list["TaskDependency"]] = relationship(
        foreign_keys="TaskDependency.task_id", cascade="all, delete-orphan", back_populates="task"
    )

    def overdue_on(self, day):
        return self.status != "done" and self.ends_on < day


class TaskContributor(db.Model):
    __tablename__ = "task_contributor"
    __table_args__ = (UniqueConstraint("task_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))

    member = relationship("Member")


class TaskDependency(db.Model):
    """Finish-to-start: ``task`` starts after ``predecessor`` ends."""

    __tablename__ = "task_dependency"
    __table_args__ = (UniqueConstraint("task_id", "predecessor_id"), CheckConstraint("task_id <> predecessor_id", name="not_itself"))

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    predecessor_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)

    task: Mapped[Task] = relationship(foreign_keys=[task_id], back_populates="depends_on")
    predecessor: Mapped[Task] = relationship(foreign_keys=[predecessor_id])


class TaskChange(db.Model):
    """A change of a task's dates, kept as its history."""

    __tablename__ = "task_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    detail: Mapped[dict] = mapped_column(JSON, default=dict)

    changed_by = relationship("Person")


class Baseline(db.Model):
    """The plan as agreed at one moment, to measure slippage against."""

    __tablename__ = "baseline"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), index=True)
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    taken_by_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    note: Mapped[str] = mapped_column(String(200), default="")

    tasks: Mapped[list["BaselineTask"]] = relationship(cascade="all, delete-orphan")


class BaselineTask(db.Model):
    __tablename__ = "baseline_task"
    __table_args__ = (UniqueConstraint("baseline_id", "task_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    baseline_id: Mapped[int] = mapped_column(ForeignKey("baseline.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)


class Risk(db.Model):
    __tablename__ = "risk"
    __table_args__ = (CheckConstraint("likelihood BETWEEN 1 AND 5", name="likelihood_range"),
                      CheckConstraint("impact BETWEEN 1 AND 5", name="impact_range"))

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    mitigation: Mapped[str] = mapped_column(Text, default="")
    likelihood: Mapped[int] = mapped_column(default=3)
    impact: Mapped[int] = mapped_column(default=3)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(10), default="open")
    review_on: Mapped[date | None] = mapped_column(Date)

    owner_person = relationship("Person")

    @property
    def rating(self):
        return self.likelihood * self.impact


class MeetingSeries(db.Model):
    """Meetings that recur: monthly, every two months, or on listed dates."""

    __tablename__ = "meeting_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(10))  # "monthly", "bimonthly", "dates"
    first_at: Mapped[datetime] = mapped_column(UTCDateTime())
    count: Mapped[int] = mapped_column(default=1)
    dates: Mapped[list] = mapped_column(JSON, default=list)


class Meeting(db.Model):
    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("work_group.id", ondelete="CASCADE"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_series.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    minutes_long: Mapped[int] = mapped_column(default=60)
    location: Mapped[str] = mapped_column(String(200), default="")
    agenda: Mapped[str] = mapped_column(Text, default="")
    minutes: Mapped[str] = mapped_column(Text, default="")
    decisions_noted: Mapped[str] = mapped_column(Text, default="")

    group: Mapped[Group] = relationship()
    attendance: Mapped[list["Attendance"]] = relationship(cascade="all, delete-orphan")


class Attendance(db.Model):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    status: Mapped[str] = mapped_column(String(10))
    deputy_for_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))

    person = relationship("Person", foreign_keys=[person_id])
    deputy_for = relationship("Person", foreign_keys=[deputy_for_id])


def new_secret():
    return secrets.token_urlsafe(24)


class CalendarToken(db.Model):
    """The secret in a person's calendar feed addresses; resetting it stops the old ones."""

    __tablename__ = "calendar_token"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64), unique=True, default=new_secret)


class Reminder(db.Model):
    """That a reminder of one kind went about one task or risk for one date: once only."""

    __tablename__ = "plan_reminder"
    __table_args__ = (UniqueConstraint("object_type", "object_id", "kind", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    object_type: Mapped[str] = mapped_column(String(10))
    object_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    due_on: Mapped[date] = mapped_column(Date)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
