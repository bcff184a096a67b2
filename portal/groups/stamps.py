"""Each group's plan stamp, renewed whenever what its timeline shows changes.

The timeline of a big plan is the most expensive page to draw, and it is read far more
often than the plan changes, so each worker keeps the drawn page under the group's stamp
(see views/plan.py). Every flush that adds, changes or removes a task, a task's
contributors or dependencies, a baseline or a baseline's dates gives its group a new
stamp; renaming an organisation or a person (erasure does) renews every group's, as the
plan names owners. The stamp is random rather than counted, so a change that was rolled
back, or a backup put back, can never meet a kept copy drawn from other data.
"""

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..auth.models import Person
from ..db import flushed, renamed, renew_stamps
from ..membership.models import Member
from .models import Baseline, BaselineTask, Group, Task, TaskContributor, TaskDependency

_BY_GROUP = (Task, Baseline)
_BY_TASK = (TaskContributor, TaskDependency, BaselineTask)
_NAMED = (Person, Member)


def _changed(session):
    """(group ids, task ids, whether a name that plans show changed) for this flush."""
    groups, tasks, names = set(), set(), False
    for thing in flushed(session):
        if isinstance(thing, _BY_GROUP):
            groups.add(thing.group_id)
        elif isinstance(thing, _BY_TASK):
            tasks.add(thing.task_id)
        elif isinstance(thing, _NAMED) and renamed(session, thing):
            names = True
    return groups - {None}, tasks - {None}, names


def _renew(session, _flush_context):
    groups, tasks, names = _changed(session)
    if not (groups or tasks or names):
        return
    table = Group.__table__
    where = None
    if not names:
        by_task = select(Task.__table__.c.group_id).where(Task.__table__.c.id.in_(tasks))
        where = table.c.id.in_(groups) | table.c.id.in_(by_task)
    renew_stamps(session, table.c.plan_stamp, where)


def connect():
    if not event.contains(Session, "after_flush", _renew):
        event.listen(Session, "after_flush", _renew)
