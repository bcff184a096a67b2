"""A group's plan: the timeline, tasks and their history, baselines, risks, import and export."""

import io
from typing import NamedTuple

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ... import audit
from ...auth.access import access, allowed
from ...auth.forms import ConfirmForm
from ...core.cache import kept, page_key
from ...core.forms import choices
from ...extensions import db
from ...i18n import format_date, formatting_locale
from ...membership.rules.dates import today
from ..forms import ImportForm, RiskForm, TaskForm
from ..models import Risk, Task, TaskChange, TaskDependency
from ..permissions import EDIT_PLAN, SEE_GROUP, group_of
from ..rules import gantt, plan, transfer
from .common import load_group, member_choices, owned, people_choices

bp = Blueprint("plan", __name__, url_prefix="/groups/<int:group_id>", template_folder="../templates")


@bp.get("/timeline")
@access(SEE_GROUP)
def timeline(group_id):
    group = group_of({"group_id": group_id}) or abort(404)
    day = today()
    # The rule for a task's page is the group's (EDIT_PLAN), so it is asked once, not for each task.
    may_edit_tasks = allowed("plan.task", group_id=group.id)
    key = page_key(group.id, group.plan_stamp, day, may_edit_tasks)
    drawn = kept("timelines", TIMELINES_KEPT).get(key, lambda: _draw_timeline(group, day, may_edit_tasks))
    return render_template("groups/timeline.html", group=group, drawn=drawn, confirm=ConfirmForm())


# Characters of drawn timelines each worker keeps: a 200-task plan is about 200,000.
TIMELINES_KEPT = 4_000_000


@bp.get("/timeline.svg")
@access(SEE_GROUP)
def timeline_svg(group_id):
    group = load_group(group_id)
    day = today()
    picture = _plan(group, day).picture
    title = _("Timeline of %(group)s on %(date)s", group=group.name, date=format_date(day))
    drawn = render_template("groups/_gantt.html", picture=picture, title=title)
    return Response('<?xml version="1.0" encoding="UTF-8"?>\n' + drawn, mimetype="image/svg+xml",
                    headers={"Content-Disposition": f'attachment; filename="timeline-{group.id}-{day.isoformat()}.svg"'})


class Plan(NamedTuple):
    tasks: list
    baseline: object
    slips: dict
    picture: gantt.Timeline


def _plan(group, day):
    """The group's tasks, latest baseline and slippage, and the chart of them on ``day``."""
    tasks = plan.tasks_of(group, details=True)
    baseline = plan.latest_baseline(group)
    slips = plan.slippage(group, tasks, baseline)
    dependencies = [(d.task_id, d.predecessor_id) for task in tasks for d in task.depends_on]
    words = {"done": _("Done"), "overdue": _("Overdue"), "not_started": _("Not started"), "progress": _("Progress"), "today": _("Today")}
    return Plan(tasks, baseline, slips, gantt.layout(tasks, slips, dependencies, day, formatting_locale(), words))


def _draw_timeline(group, day, may_edit_tasks):
    """The timeline's summary and plan (chart and table) as HTML, with whether there are tasks."""
    tasks, baseline, slips, picture = _plan(group, day)
    names = {task.id: task.title for task in tasks}
    summary = render_template("groups/_timeline_summary.html", summary=plan.summary(tasks, slips, day))
    drawn = render_template(
        "groups/_timeline_plan.html", group=group, tasks=tasks, slips=slips, picture=picture, names=names,
        today=day, baseline=baseline, may_edit_tasks=may_edit_tasks,
    )
    # render_template escaped what it drew; Markup only says so.
    return TimelineDrawn(Markup(summary), Markup(drawn), bool(tasks))  # nosec B704


class TimelineDrawn(NamedTuple):
    summary: Markup
    plan: Markup
    has_tasks: bool


def _task_form(group, tasks, task=None):
    form = TaskForm(data=None if task is None else {
        "title": task.title, "description": task.description, "phase": task.phase, "starts_on": task.starts_on,
        "ends_on": task.ends_on, "owner_member_id": task.owner_member_id or 0, "owner_person_id": task.owner_person_id or 0,
        "contributor_ids": [c.member_id for c in task.contributors], "status": task.status, "percent": task.percent,
        "milestone": task.milestone, "predecessor_ids": [d.predecessor_id for d in task.depends_on],
    })
    members = member_choices(group, _("No member"))
    form.owner_member_id.choices = members
    form.owner_person_id.choices = people_choices(group, _("Nobody named"))
    form.contributor_ids.choices = [c for c in members if c.value != 0][:40]
    form.predecessor_ids.choices = choices([(t.id, t.title) for t in tasks if task is None or t.id != task.id])
    return form


def _save(group, task, form):
    valid_members = {c.value for c in form.owner_member_id.choices}
    valid_people = {c.value for c in form.owner_person_id.choices}
    valid_tasks = {c.value for c in form.predecessor_ids.choices}
    try:
        knock_on = plan.save_task(
            task, by=current_user, title=form.title.data, description=form.description.data or "", phase=form.phase.data or "",
            starts_on=form.starts_on.data, ends_on=form.ends_on.data,
            owner_member_id=form.owner_member_id.data if form.owner_member_id.data in valid_members and form.owner_member_id.data else None,
            owner_person_id=form.owner_person_id.data if form.owner_person_id.data in valid_people and form.owner_person_id.data else None,
            contributor_ids=[m for m in (form.contributor_ids.data or []) if m in valid_members and m],
            status=form.status.data, percent=form.percent.data or 0, milestone=form.milestone.data,
            predecessor_ids=[t for t in (form.predecessor_ids.data or []) if t in valid_tasks],
        )
    except plan.PlanRefused as refused:
        db.session.rollback()
        getattr(form, refused.field or "title").errors.append(str(refused.message))
        return None
    db.session.commit()
    if knock_on:
        flash(_("The task has been saved. These tasks depend on it and now start before it ends: %(tasks)s", tasks=", ".join(t.title for t in knock_on)), "error")
    else:
        flash(_("The task has been saved."), "success")
    return redirect(url_for("plan.timeline", group_id=group.id))


@bp.route("/tasks/new", methods=["GET", "POST"])
@access(EDIT_PLAN)
def new_task(group_id):
    group = load_group(group_id)
    form = _task_form(group, plan.tasks_of(group))
    if form.validate_on_submit():
        done = _save(group, Task(group_id=group.id, group=group), form)
        if done:
            return done
    return render_template("groups/task_form.html", group=group, form=form, task=None, history=[])


@bp.route("/tasks/<int:task_id>", methods=["GET", "POST"])
@access(EDIT_PLAN)
def task(group_id, task_id):
    group = load_group(group_id)
    tasks = plan.tasks_of(group, details=True)
    task = next((t for t in tasks if t.id == task_id), None) or abort(404)
    form = _task_form(group, tasks, task)
    if form.validate_on_submit():
        done = _save(group, task, form)
        if done:
            return done
    history = db.session.scalars(
        select(TaskChange).where(TaskChange.task_id == task.id).options(joinedload(TaskChange.changed_by)).order_by(TaskChange.changed_at.desc())
    ).all()
    dependants = db.session.scalars(select(Task).join(TaskDependency, TaskDependency.task_id == Task.id).where(TaskDependency.predecessor_id == task.id)).all()
    return render_template("groups/task_form.html", group=group, form=form, task=task, history=history, dependants=dependants)


@bp.post("/baseline")
@access(EDIT_PLAN)
def save_baseline(group_id):
    group = load_group(group_id)
    if ConfirmForm().validate_on_submit():
        plan.save_baseline(group, by=current_user)
        db.session.commit()
        flash(_("Baseline saved: slippage is now measured against the plan as it stands."), "success")
    return redirect(url_for("plan.timeline", group_id=group.id))


@bp.route("/import", methods=["GET", "POST"])
@access(EDIT_PLAN)
def import_plan(group_id):
    group = load_group(group_id)
    form = ImportForm()
    problems = None
    if form.validate_on_submit():
        checked = transfer.plan_import(group, form.file.data.read(2 * 1024 * 1024))
        problems = checked.problems
        if not problems:
            count = transfer.apply_import(group, checked, by=current_user)
            db.session.commit()
            flash(_("%(count)d tasks imported.", count=count), "success")
            return redirect(url_for("plan.timeline", group_id=group.id))
    return render_template("groups/import.html", group=group, form=form, problems=problems)


@bp.get("/plan.csv")
@access(SEE_GROUP)
def export_plan(group_id):
    group = load_group(group_id)
    out = io.StringIO()
    transfer.export(group, out)
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="plan-{group.id}.csv"'})


@bp.get("/risks")
@access(SEE_GROUP)
def risks(group_id):
    group = load_group(group_id)
    register = db.session.scalars(
        select(Risk).where(Risk.group_id == group.id).options(joinedload(Risk.owner_person)).order_by(Risk.status.desc(), Risk.id)
    ).all()
    heat = {}
    for risk in register:
        if risk.status == "open":
            heat[(risk.likelihood, risk.impact)] = heat.get((risk.likelihood, risk.impact), 0) + 1
    return render_template("groups/risks.html", group=group, risks=register, heat=heat, today=today())


@bp.route("/risks/new", methods=["GET", "POST"])
@access(EDIT_PLAN)
def new_risk(group_id):
    return _risk(load_group(group_id), None)


@bp.route("/risks/<int:risk_id>", methods=["GET", "POST"])
@access(EDIT_PLAN)
def risk(group_id, risk_id):
    group = load_group(group_id)
    return _risk(group, owned(Risk, risk_id, group))


def _risk(group, risk):
    form = RiskForm(data=None if risk is None else {
        "title": risk.title, "description": risk.description, "mitigation": risk.mitigation, "likelihood": str(risk.likelihood),
        "impact": str(risk.impact), "owner_person_id": risk.owner_person_id or 0, "status": risk.status, "review_on": risk.review_on,
    })
    form.owner_person_id.choices = people_choices(group, _("Nobody named"))
    if form.validate_on_submit():
        risk = risk or Risk(group_id=group.id)
        risk.title, risk.description, risk.mitigation = form.title.data, form.description.data or "", form.mitigation.data or ""
        risk.likelihood, risk.impact = int(form.likelihood.data), int(form.impact.data)
        valid_people = {c.value for c in form.owner_person_id.choices}
        risk.owner_person_id = form.owner_person_id.data if form.owner_person_id.data in valid_people and form.owner_person_id.data else None
        risk.status, risk.review_on = form.status.data, form.review_on.data
        db.session.add(risk)
        db.session.flush()
        audit.record("risk.saved", risk, detail={"group_id": group.id, "rating": risk.rating})
        db.session.commit()
        flash(_("The risk has been saved."), "success")
        return redirect(url_for("plan.risks", group_id=group.id))
    return render_template("groups/risk_form.html", group=group, form=form, risk=risk)
