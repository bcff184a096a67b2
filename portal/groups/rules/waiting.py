"""What waits for a person in groups: tasks they own that are overdue or due within 14 days,
risks they own whose review is due, and the next meeting of each group they are in. Only in
groups they may see (``access.visible_groups``)."""

from datetime import timedelta

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import case, exists, func, select
from sqlalchemy.orm import aliased

from ...core import waiting
from ...membership.rules.dates import today
from ..models import Group, GroupMember, Meeting, Risk, Task
from .access import visible_groups

SECTION = "groups.index"
TASKS_DUE_WITHIN = timedelta(days=14)


def statements(person, now):
    day = today()
    in_group = exists().where(GroupMember.group_id == Group.id, GroupMember.person_id == person.id)
    edits = case((in_group, 1), else_=0) if not person.is_secretariat else case((Group.id.is_not(None), 1), else_=0)
    tasks = (select(*waiting.columns("groups.task", SECTION, ref=Task.id, ref2=Group.id, title=Task.title, name=Group.name,
                                     on=Task.ends_on, flag=edits))
             .join(Group, Group.id == Task.group_id)
             .where(Task.owner_person_id == person.id, Task.status != "done", Task.ends_on <= day + TASKS_DUE_WITHIN,
                    visible_groups(person)))
    risks = (select(*waiting.columns("groups.risk", SECTION, ref=Risk.id, ref2=Group.id, title=Risk.title, name=Group.name,
                                     on=Risk.review_on, flag=edits))
             .join(Group, Group.id == Risk.group_id)
             .where(Risk.owner_person_id == person.id, Risk.status == "open", Risk.review_on <= day, visible_groups(person)))
    later = aliased(Meeting)
    first = select(func.min(later.starts_at)).where(later.group_id == Meeting.group_id, later.starts_at >= now).scalar_subquery()
    meetings = (select(*waiting.columns("groups.meeting", SECTION, ref=Meeting.id, ref2=Group.id, title=Meeting.title,
                                        name=Group.name, at=Meeting.starts_at, number=waiting.not_counted()))
                .join(Group, Group.id == Meeting.group_id).join(GroupMember, GroupMember.group_id == Group.id)
                .where(GroupMember.person_id == person.id, Meeting.starts_at >= now, Meeting.starts_at == first))
    return [tasks, risks, meetings]


def _task(row):
    overdue = row.on < today()
    href = url_for("plan.task", group_id=row.ref2, task_id=row.ref) if row.flag else url_for("plan.timeline", group_id=row.ref2)
    return waiting.Item("groups.task", _("Your task in %(group)s: %(title)s", group=row.name, title=row.title), href,
                        due=row.on, status=_("overdue") if overdue else None, note=_("Due"), overdue=overdue)


def _risk(row):
    href = url_for("plan.risk", group_id=row.ref2, risk_id=row.ref) if row.flag else url_for("plan.risks", group_id=row.ref2)
    return waiting.Item("groups.risk", _("Review the risk in %(group)s: %(title)s", group=row.name, title=row.title), href,
                        due=row.on, note=_("Review due"))


def _meeting(row):
    return waiting.Item("groups.meeting", _("Next meeting of %(group)s: %(title)s", group=row.name, title=row.title),
                        url_for("meetings.show", group_id=row.ref2, meeting_id=row.ref), due=row.at, note=_("Starts"))


waiting.source(statements, {"groups.task": _task, "groups.risk": _risk, "groups.meeting": _meeting})
