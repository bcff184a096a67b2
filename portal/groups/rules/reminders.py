"""Reminders to owners: tasks due within a week, overdue tasks, risk reviews due. One email
per task or risk, per kind, per due date, however often and however many at once this runs."""

from datetime import timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import mail
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ..models import Reminder, Risk, Task

SUBJECTS = {
    "task_due": lambda title: _l("Due within a week: %(title)s", title=title),
    "task_overdue": lambda title: _l("Overdue: %(title)s", title=title),
    "risk_review": lambda title: _l("Risk review due: %(title)s", title=title),
}


def send(day):
    sent = 0
    soon = day + timedelta(days=7)
    tasks = db.session.scalars(
        select(Task).where(Task.status != "done", Task.ends_on <= soon, Task.owner_person_id.is_not(None))
    ).all()
    for task in tasks:
        kind = "task_overdue" if task.ends_on < day else "task_due"
        sent += _remind("task", task, kind, task.ends_on, task.owner_person)
    risks = db.session.scalars(
        select(Risk).where(Risk.status == "open", Risk.review_on <= day, Risk.owner_person_id.is_not(None))
    ).all()
    for risk in risks:
        sent += _remind("risk", risk, "risk_review", risk.review_on, risk.owner_person)
    return sent


def _remind(object_type, thing, kind, due_on, person):
    if person is None or not person.is_active:
        return 0
    if not insert_ignoring_duplicates(
        Reminder,
        {"object_type": object_type, "object_id": thing.id, "kind": kind, "due_on": due_on, "sent_at": utcnow()},
    ):
        return 0
    mail.enqueue(person.email, SUBJECTS[kind](thing.title), f"groups/email/{kind}.txt", kind=kind, person=person, thing=thing)
    return 1
