"""The plan: tasks, their dependencies and history, baselines and slippage, the summary."""

import calendar
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...extensions import db
from ..models import Baseline, BaselineTask, Task, TaskChange, TaskContributor, TaskDependency


class PlanRefused(Exception):
    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message, self.field = message, field


def tasks_of(group, details=False):
    """The group's tasks in plan order; with ``details``, their owners, contributors and dependencies too."""
    statement = select(Task).where(Task.group_id == group.id).order_by(Task.position, Task.starts_on, Task.id)
    if details:
        statement = statement.options(
            joinedload(Task.owner_member), joinedload(Task.owner_person),
            selectinload(Task.contributors).joinedload(TaskContributor.member), selectinload(Task.depends_on),
        )
    return db.session.scalars(statement).all()


def save_task(task, *, by, title, description, phase, starts_on, ends_on, owner_member_id, owner_person_id,
              contributor_ids, status, percent, milestone, predecessor_ids):
    """Create or change a task. Refuses a dependency cycle, naming it; keeps date changes in
    the task's history; returns the tasks that depend on it and now start before it ends."""
    if ends_on < starts_on:
        raise PlanRefused(_l("The task must end on or after the day it starts"), "ends_on")
    before = (task.starts_on, task.ends_on) if task.id else None
    task.title, task.description, task.phase = title, description, phase
    task.starts_on, task.ends_on = starts_on, ends_on
    task.owner_member_id, task.owner_person_id = owner_member_id, owner_person_id
    task.status, task.percent, task.milestone = status, 100 if status == "done" else percent, milestone
    if task.id is None:
        task.position = len(tasks_of(task.group)) + 1
        db.session.add(task)
        db.session.flush()
    cycle = find_cycle(task, predecessor_ids)
    if cycle:
        raise PlanRefused(loop_message(t.title for t in cycle), "predecessor_ids")
    set_links(task, predecessor_ids, contributor_ids)
    if before and before != (starts_on, ends_on):
        db.session.add(TaskChange(task_id=task.id, changed_by_id=by.id, detail={
            "starts_on": [before[0].isoformat(), starts_on.isoformat()],
            "ends_on": [before[1].isoformat(), ends_on.isoformat()],
        }))
        audit.record("task.dates_changed", task, actor=by, detail={"group_id": task.group_id})
    elif not before:
        audit.record("task.created", task, actor=by, detail={"group_id": task.group_id})
    return knock_on(task)


def set_links(task, predecessor_ids, contributor_ids):
    """Make the task's dependencies and contributors exactly these, keeping rows that stay
    (replacing them would insert before deleting, against the unique pairs)."""
    sync_rows(task.depends_on, predecessor_ids, "predecessor_id", lambda pid: TaskDependency(predecessor_id=pid))
    sync_rows(task.contributors, contributor_ids, "member_id", lambda mid: TaskContributor(member_id=mid))
    db.session.flush()


def sync_rows(collection, wanted, key, make):
    """Make ``collection`` hold one row for each value of ``wanted`` in ``key``: rows that stay
    are kept, as replacing them would insert before deleting, against a unique pair."""
    wanted = list(dict.fromkeys(wanted))
    for link in [link for link in collection if getattr(link, key) not in wanted]:
        collection.remove(link)
    have = {getattr(link, key) for link in collection}
    collection.extend(make(value) for value in wanted if value not in have)


def find_cycle(task, predecessor_ids):
    """The loop that making ``task`` depend on these would close, as a list of tasks; or []."""
    ids = closing_loop(dependencies(task.group_id), task.id, predecessor_ids)
    by_id = {t.id: t for t in db.session.scalars(select(Task).where(Task.id.in_(ids)))} if ids else {}
    return [by_id[i] for i in ids]


def dependencies(group_id):
    """Each task of the group that depends on others, by id: the ids of those it depends on."""
    edges = {}
    for successor, predecessor in db.session.execute(
        select(TaskDependency.task_id, TaskDependency.predecessor_id).join(Task, Task.id == TaskDependency.task_id).where(Task.group_id == group_id)
    ):
        edges.setdefault(successor, []).append(predecessor)
    return edges


def closing_loop(edges, node, predecessors):
    """The loop that making ``node`` depend on ``predecessors`` (in place of what ``edges``, each
    node's predecessors, says it depends on) would close, from ``node`` round to it; or []."""
    if node in predecessors:
        return [node, node]
    edges = {**edges, node: list(predecessors)}
    # Walk back from each new predecessor: reaching the node itself closes a loop.
    for start in predecessors:
        path, stack, seen = {start: None}, [start], {start}
        while stack:
            current = stack.pop()
            for nxt in edges.get(current, []):
                if nxt == node:
                    chain = [current]
                    while path[chain[-1]] is not None:
                        chain.append(path[chain[-1]])
                    return [node, *chain, node]
                if nxt not in seen:
                    seen.add(nxt)
                    path[nxt] = current
                    stack.append(nxt)
    return []


def loop_message(names):
    return _l("That would make a loop of dependencies: %(cycle)s", cycle=" → ".join(names))


def knock_on(task):
    """Tasks that depend on ``task`` but start before it ends: moving it affects them."""
    return db.session.scalars(
        select(Task).join(TaskDependency, TaskDependency.task_id == Task.id)
        .where(TaskDependency.predecessor_id == task.id, Task.starts_on <= task.ends_on)
    ).all()


def save_baseline(group, *, by, note=""):
    """Keep the plan as it stands now, to measure slippage against."""
    baseline = Baseline(group_id=group.id, taken_by_id=by.id, note=note,
                        tasks=[BaselineTask(task_id=t.id, starts_on=t.starts_on, ends_on=t.ends_on) for t in tasks_of(group)])
    db.session.add(baseline)
    db.session.flush()
    audit.record("plan.baseline_saved", group, actor=by, detail={"tasks": len(baseline.tasks)})
    return baseline


def latest_baseline(group):
    return db.session.scalar(select(Baseline).where(Baseline.group_id == group.id).order_by(Baseline.taken_at.desc(), Baseline.id.desc()).limit(1))


@dataclass
class Slip:
    task: Task
    planned_start: date
    planned_end: date

    @property
    def start_days(self):
        return (self.task.starts_on - self.planned_start).days

    @property
    def end_days(self):
        return (self.task.ends_on - self.planned_end).days


def slippage(group, tasks=None, baseline=None):
    """Each task's slip against the latest baseline, by task id (tasks added since have none)."""
    baseline = baseline or latest_baseline(group)
    if baseline is None:
        return {}
    tasks = {t.id: t for t in (tasks if tasks is not None else tasks_of(group))}
    planned = db.session.execute(select(BaselineTask.task_id, BaselineTask.starts_on, BaselineTask.ends_on).where(BaselineTask.baseline_id == baseline.id))
    return {task_id: Slip(tasks[task_id], start, end) for task_id, start, end in planned if task_id in tasks}


def month_bounds(day):
    return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])


def summary(tasks, slips, day):
    """What a steering group asks first: due this month, overdue, slipped, next milestone."""
    first, last = month_bounds(day)
    return {
        "due_this_month": [t for t in tasks if t.status != "done" and first <= t.ends_on <= last],
        "overdue": [t for t in tasks if t.overdue_on(day)],
        "slipped": [s for s in slips.values() if s.end_days > 0],
        "next_milestone": min((t for t in tasks if t.milestone and t.status != "done" and t.ends_on >= day), key=lambda t: t.ends_on, default=None),
    }
