"""Meetings: series that recur (monthly, every two months, or listed dates), attendance,
minutes, and action items that become tasks."""

import calendar
from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import audit
from ...extensions import db
from ..models import Attendance, Meeting, MeetingSeries, Task
from .plan import PlanRefused, sync_rows

STEP = {"monthly": 1, "bimonthly": 2}


def add_months(moment, months):
    """The same day and time ``months`` later, kept inside shorter months (31 Jan + 1 -> 28/29 Feb)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def occurrences(rule, first_at, count, dates=()):
    """When a series meets: ``count`` times from ``first_at`` by the rule, or the listed moments."""
    if rule == "dates":
        return sorted(dates)
    if rule not in STEP:
        raise ValueError(rule)
    return [add_months(first_at, STEP[rule] * n) for n in range(count)]


def schedule_series(group, *, title, rule, first_at, count=1, dates=(), minutes_long=60, location="", by):
    if rule != "dates" and not 1 <= count <= 60:
        raise PlanRefused(_l("A series has from 1 to 60 meetings"), "count")
    series = MeetingSeries(group_id=group.id, rule=rule, first_at=first_at, count=count,
                           dates=[d.isoformat() for d in dates])
    db.session.add(series)
    db.session.flush()
    meetings = [
        Meeting(group_id=group.id, series_id=series.id, title=title, starts_at=moment, minutes_long=minutes_long, location=location)
        for moment in occurrences(rule, first_at, count, dates)
    ]
    db.session.add_all(meetings)
    db.session.flush()
    audit.record("meetings.scheduled", group, actor=by, detail={"rule": rule, "meetings": len(meetings)})
    return meetings


def record(meeting, *, agenda, minutes, decisions_noted, attendance, by):
    """Save what happened: ``attendance`` maps person id to (status, deputy-for person id).
    Saving again, even at the same moment, updates the record: one row a person."""
    # Another save may have written the attendance since the view loaded it: wait for it
    # under the meeting's lock, then read what it left.
    db.session.execute(select(Meeting.id).where(Meeting.id == meeting.id).with_for_update())
    db.session.refresh(meeting, ["attendance"])
    meeting.agenda, meeting.minutes, meeting.decisions_noted = agenda, minutes, decisions_noted
    wanted = {person_id: (status, deputy_for if status == "deputy" else None)
              for person_id, (status, deputy_for) in attendance.items() if status}
    sync_rows(meeting.attendance, list(wanted), "person_id", lambda person_id: Attendance(person_id=person_id))
    for row in meeting.attendance:
        row.status, row.deputy_for_id = wanted[row.person_id]
    db.session.flush()
    audit.record("meeting.recorded", meeting, actor=by)


def add_action(meeting, *, title, owner_member_id, owner_person_id, due_on, by):
    """An action from a meeting becomes a task of the group, due on ``due_on``."""
    day = meeting.starts_at.date()
    task = Task(group_id=meeting.group_id, title=title, phase="", starts_on=min(day, due_on), ends_on=due_on,
                owner_member_id=owner_member_id, owner_person_id=owner_person_id, source_meeting_id=meeting.id,
                description=f"Action from the meeting of {day.isoformat()}")
    db.session.add(task)
    db.session.flush()
    audit.record("meeting.action_added", meeting, actor=by, detail={"task_id": task.id})
    return task


def next_meeting(group, now):
    return db.session.scalar(
        select(Meeting).where(Meeting.group_id == group.id, Meeting.starts_at >= now - timedelta(hours=1)).order_by(Meeting.starts_at).limit(1)
    )
