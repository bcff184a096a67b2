"""Calendar feeds (iCalendar) for a group or a person: milestones, task deadlines, meetings."""

from datetime import timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ...auth.models import Person
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ..models import CalendarToken, Group, GroupMember, Meeting, Task, new_secret
from .access import can_see


def token_for(person):
    """The person's calendar secret, made if they have none (safe when two requests race)."""
    insert_ignoring_duplicates(CalendarToken, {"person_id": person.id, "secret": new_secret()})
    return db.session.get(CalendarToken, person.id, populate_existing=True)


def reset_token(person):
    """Give the person a new secret, so that the old addresses stop working; True when they had one."""
    changed = db.session.execute(
        update(CalendarToken).where(CalendarToken.person_id == person.id).values(secret=new_secret())
    ).rowcount
    token_for(person)
    return bool(changed)


def person_for(secret):
    """The person whose calendar secret this is, or None; with their roles, which decide what
    the feed may show."""
    return db.session.scalar(select(Person).join(CalendarToken, CalendarToken.person_id == Person.id)
                             .where(CalendarToken.secret == secret).options(selectinload(Person.roles)))


def _calendar(name, groups, domain):
    cal = Calendar()
    cal.add("prodid", "-//Co-operative Councils Network//portal//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = utcnow()  # DTSTAMP is a UTC date and time: when this copy was made
    ids = [group.id for group in groups]
    names = {group.id: group.name for group in groups}
    for task in db.session.scalars(select(Task).where(Task.group_id.in_(ids)).order_by(Task.ends_on)):
        event = Event()
        event.add("uid", f"task-{task.id}@{domain}")
        label = _("Milestone: %(title)s", title=task.title) if task.milestone else _("Due: %(title)s", title=task.title)
        event.add("summary", f"{label} ({names[task.group_id]})")
        event.add("dtstart", task.ends_on)
        event.add("dtend", task.ends_on + timedelta(days=1))
        event.add("dtstamp", stamp)
        cal.add_component(event)
    for meeting in db.session.scalars(select(Meeting).where(Meeting.group_id.in_(ids)).order_by(Meeting.starts_at)):
        event = Event()
        event.add("uid", f"meeting-{meeting.id}@{domain}")
        event.add("summary", f"{meeting.title} ({names[meeting.group_id]})")
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.minutes_long))
        event.add("dtstamp", stamp)
        if meeting.location:
            event.add("location", meeting.location)
        cal.add_component(event)
    return cal.to_ical()


def group_feed(group, domain, person):
    with force_locale(person.locale or "en"):
        return _calendar(group.name, [group], domain)


def person_feed(person, domain):
    """Every group the person is in, and may still see."""
    with force_locale(person.locale or "en"):
        return _calendar(person.name, _feed_groups(person), domain)


def _feed_groups(person):
    groups = db.session.scalars(
        select(Group).join(GroupMember, GroupMember.group_id == Group.id).where(GroupMember.person_id == person.id).order_by(Group.name)
    ).all()
    return [group for group in groups if can_see(person, group)]
