"""Plans to and from CSV. The seed report's "Tasks and Timeline" table imports as it stands:
months like "Mar 21" or "June 21" become the month's first day (start) or last (end);
owners like "Oxford City Council to lead, partners contribute" become a lead owner and
the lab's partners as contributors; "Milestone 2: ..." marks a milestone."""

import calendar
import re
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import audit
from ...core.spreadsheets import RowProblem, read_table, write_table
from ...extensions import db
from ...membership.models import Member
from ..models import Task
from .plan import closing_loop, dependencies, loop_message, set_links, tasks_of

MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}
COLUMNS = ("task", "description", "phase", "start", "end", "owner", "contributors", "status", "percent", "milestone", "depends_on")
ALIASES = {"title": "task", "starts": "start", "ends": "end", "due": "end"}


@dataclass
class Plan:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)


def parse_day(text, *, end):
    """'2021-03-01', '01/03/2021', 'Mar 21', 'June 2021' -> a date; months give their first or last
    day. Years from 1900 to 2200, as the task form takes (a timeline cannot draw year 9999)."""
    day = _day(text, end=end)
    if not 1900 <= day.year <= 2200:
        raise ValueError(text)
    return day


def _day(text, *, end):
    text = (text or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    if match:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = re.fullmatch(r"([A-Za-z]+)\.?\s*'?(\d{2}|\d{4})", text)
    if match and match.group(1)[:3].lower() in MONTHS:
        year = int(match.group(2))
        year += 2000 if year < 100 else 0
        month = MONTHS[match.group(1)[:3].lower()]
        return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
    raise ValueError(text)


def _owners(text, members, partner_ids):
    """A lead owner member and contributors from words like 'Oxford/Torbay/ Stevenage partners'."""
    found = []
    lowered = (text or "").lower()
    for member in members:
        words = [member.name.lower(), member.name.split()[0].lower()]
        positions = [lowered.find(w) for w in words if len(w) > 3 and lowered.find(w) >= 0]
        if positions:
            found.append((min(positions), member.id))
    ordered = [member_id for _, member_id in sorted(found)]
    lead = ordered[0] if ordered else None
    contributors = ordered[1:]
    if "partners contribute" in lowered or "partners to contribute" in lowered:
        contributors += [pid for pid in partner_ids if pid != lead and pid not in contributors]
    return lead, contributors


def plan_import(group, data):
    """Check every row; return the rows to write, or the problems with their line numbers."""
    rows, problems = read_table(data, required=("task", "start", "end"), aliases=ALIASES, lines=("description",))
    if problems:
        return Plan(problems=problems)
    members = db.session.scalars(select(Member).order_by(Member.name)).all()
    partner_ids = [p.member_id for p in group.lab.partnerships if p.status == "accepted"] if group.lab else []
    plan, titles = Plan(), set()
    for line, row in rows:
        title = row.get("task", "")
        try:
            starts_on, ends_on = parse_day(row.get("start"), end=False), parse_day(row.get("end"), end=True)
        except ValueError as error:
            plan.problems.append(RowProblem(line, _l("not a date or month: '%(text)s'", text=str(error))))
            continue
        if not title or len(title) > 200:
            plan.problems.append(RowProblem(line, _l("the task needs a title of up to 200 characters")))
        elif title.lower() in titles:
            plan.problems.append(RowProblem(line, _l("'%(title)s' appears twice", title=title)))
        elif ends_on < starts_on:
            plan.problems.append(RowProblem(line, _l("the task ends before it starts")))
        else:
            percent = row.get("percent") or "0"
            if not percent.isdigit() or int(percent) > 100:
                plan.problems.append(RowProblem(line, _l("percent must be a whole number from 0 to 100")))
                continue
            titles.add(title.lower())
            lead, contributors = _owners(row.get("owner"), members, partner_ids)
            named = [m.id for m in members if m.name.lower() in [c.strip().lower() for c in row.get("contributors", "").split(";")]]
            plan.rows.append({
                "line": line, "title": title, "description": row.get("description", ""), "phase": row.get("phase", "")[:100],
                "starts_on": starts_on, "ends_on": ends_on, "owner_member_id": lead,
                "contributors": list(dict.fromkeys(contributors + named)),
                "status": row.get("status") if row.get("status") in ("not_started", "in_progress", "done", "blocked") else "not_started",
                "percent": int(percent),
                "milestone": row.get("milestone", "").lower() in ("yes", "true", "1") or title.lower().startswith("milestone"),
                "depends_on": [d.strip() for d in row.get("depends_on", "").split(";") if d.strip()],
            })
    tasks = tasks_of(group)
    known = titles | {t.title.lower() for t in tasks}
    for row in plan.rows:
        for name in row["depends_on"]:
            if name.lower() not in known:
                plan.problems.append(RowProblem(0, _l("'%(title)s' depends on '%(other)s', which is not in the plan", title=row["title"], other=name)))
    plan.problems += _loops(group, tasks, plan.rows)
    return plan


def _loops(group, tasks, rows):
    """A problem for each loop of dependencies the plan would have once the rows are written,
    at the first row in it, by the plan's own rule: tasks are named by title."""
    names = {task.id: task.title for task in tasks}
    edges = {names[task_id].lower(): [names[other].lower() for other in others] for task_id, others in dependencies(group.id).items()}
    shown = {title.lower(): title for title in names.values()}
    for row in rows:
        edges[row["title"].lower()] = [name.lower() for name in row["depends_on"]]
        shown[row["title"].lower()] = row["title"]
    problems, found = [], set()
    for row in rows:
        title = row["title"].lower()
        loop = closing_loop(edges, title, edges[title])
        if loop and frozenset(loop) not in found:
            found.add(frozenset(loop))
            problems.append(RowProblem(row["line"], loop_message(shown.get(name, name) for name in loop)))
    return problems


def apply_import(group, plan, *, by):
    """Write a checked plan: tasks with the same title are updated, others added."""
    assert not plan.problems
    existing = {task.title.lower(): task for task in tasks_of(group)}
    position = len(existing)
    for row in plan.rows:
        task = existing.get(row["title"].lower())
        if task is None:
            position += 1
            task = Task(group_id=group.id, position=position)
            db.session.add(task)
        for name in ("title", "description", "phase", "starts_on", "ends_on", "owner_member_id", "status", "percent", "milestone"):
            setattr(task, name, row[name])
        existing[row["title"].lower()] = task
    db.session.flush()
    for row in plan.rows:
        task = existing[row["title"].lower()]
        set_links(task, [existing[name.lower()].id for name in row["depends_on"]], row["contributors"])
    audit.record("plan.imported", group, actor=by, detail={"tasks": len(plan.rows)})
    return len(plan.rows)


def export(group, out):
    tasks = tasks_of(group, details=True)
    names = {task.id: task.title for task in tasks}
    write_table(out, COLUMNS, ([
        task.title, task.description, task.phase, task.starts_on.isoformat(), task.ends_on.isoformat(),
        task.owner_member.name if task.owner_member else "",
        ";".join(c.member.name for c in task.contributors), task.status, task.percent,
        "yes" if task.milestone else "no", ";".join(names[d.predecessor_id] for d in task.depends_on),
    ] for task in tasks))
