"""A group's meetings: the series, a meeting's agenda, attendance, minutes and actions."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import access
from ...extensions import db
from ...core.forms import london_moment
from ...core.inputs import form_id
from ..forms import ATTENDANCE_LABELS, ActionForm, MeetingForm, SeriesForm
from ..models import Attendance, Meeting, Task
from ..permissions import EDIT_PLAN, SEE_GROUP
from ..rules import meetings
from ..rules.plan import PlanRefused
from .common import load_group, member_choices, owned, people_choices

bp = Blueprint("meetings", __name__, url_prefix="/groups/<int:group_id>/meetings", template_folder="../templates")


@bp.get("/")
@access(SEE_GROUP)
def index(group_id):
    group = load_group(group_id)
    listed = db.session.scalars(select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.starts_at)).all()
    return render_template("groups/meetings.html", group=group, meetings=listed)


@bp.route("/new", methods=["GET", "POST"])
@access(EDIT_PLAN)
def new(group_id):
    group = load_group(group_id)
    form = SeriesForm()
    if form.validate_on_submit():
        first_at = london_moment(form.first_on.data, form.time.data)
        dates = [london_moment(day, form.time.data) for day in form.parsed_dates()] if form.rule.data == "dates" else []
        try:
            made = meetings.schedule_series(group, title=form.title.data, rule=form.rule.data, first_at=first_at,
                                            count=form.count.data or 1, dates=dates, location=form.location.data or "", by=current_user)
        except PlanRefused as refused:
            db.session.rollback()
            form.count.errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("%(count)d meetings scheduled.", count=len(made)), "success")
            return redirect(url_for("meetings.index", group_id=group.id))
    return render_template("groups/series_form.html", group=group, form=form)


def _meeting(group, meeting_id):
    owned(Meeting, meeting_id, group)
    return db.session.scalars(
        select(Meeting).where(Meeting.id == meeting_id).options(selectinload(Meeting.attendance).joinedload(Attendance.person))
    ).one()


@bp.get("/<int:meeting_id>")
@access(SEE_GROUP)
def show(group_id, meeting_id):
    group = load_group(group_id)
    meeting = _meeting(group, meeting_id)
    actions = db.session.scalars(select(Task).where(Task.source_meeting_id == meeting.id).options(joinedload(Task.owner_member))).all()
    return render_template("groups/meeting.html", group=group, meeting=meeting, actions=actions)


@bp.route("/<int:meeting_id>/record", methods=["GET", "POST"])
@access(EDIT_PLAN)
def record(group_id, meeting_id):
    group = load_group(group_id)
    meeting = _meeting(group, meeting_id)
    form = MeetingForm(data={"agenda": meeting.agenda, "minutes": meeting.minutes, "decisions_noted": meeting.decisions_noted})
    recorded = {a.person_id: a for a in meeting.attendance}
    people = sorted(group.memberships, key=lambda m: m.person.name)
    if form.validate_on_submit():
        attendance = {}
        for membership in people:
            status = request.form.get(f"attendance-{membership.person_id}", "")
            deputy_for = request.form.get(f"deputy-for-{membership.person_id}", type=form_id)
            if status in ATTENDANCE_LABELS:
                valid = deputy_for in {m.person_id for m in people}
                attendance[membership.person_id] = (status, deputy_for if valid else None)
        meetings.record(meeting, agenda=form.agenda.data or "", minutes=form.minutes.data or "",
                        decisions_noted=form.decisions_noted.data or "", attendance=attendance, by=current_user)
        db.session.commit()
        flash(_("The meeting's record has been saved."), "success")
        return redirect(url_for("meetings.show", group_id=group.id, meeting_id=meeting.id))
    action_form = ActionForm()
    action_form.owner_member_id.choices = member_choices(group, _("No member"))
    action_form.owner_person_id.choices = people_choices(group, _("Nobody named"))
    return render_template("groups/meeting_form.html", group=group, meeting=meeting, form=form, people=people,
                           recorded=recorded, action_form=action_form)


@bp.post("/<int:meeting_id>/actions")
@access(EDIT_PLAN)
def add_action(group_id, meeting_id):
    group = load_group(group_id)
    meeting = _meeting(group, meeting_id)
    form = ActionForm()
    form.owner_member_id.choices = member_choices(group, _("No member"))
    form.owner_person_id.choices = people_choices(group, _("Nobody named"))
    if form.validate_on_submit():
        members = {c.value for c in form.owner_member_id.choices}
        people = {c.value for c in form.owner_person_id.choices}
        meetings.add_action(
            meeting, title=form.title.data, due_on=form.due_on.data, by=current_user,
            owner_member_id=form.owner_member_id.data if form.owner_member_id.data in members and form.owner_member_id.data else None,
            owner_person_id=form.owner_person_id.data if form.owner_person_id.data in people and form.owner_person_id.data else None,
        )
        db.session.commit()
        flash(_("The action is now a task in the plan."), "success")
        return redirect(url_for("meetings.show", group_id=group.id, meeting_id=meeting.id))
    people_list = sorted(group.memberships, key=lambda m: m.person.name)
    meeting_form = MeetingForm(data={"agenda": meeting.agenda, "minutes": meeting.minutes, "decisions_noted": meeting.decisions_noted})
    return render_template("groups/meeting_form.html", group=group, meeting=meeting, form=meeting_form, people=people_list,
                           recorded={a.person_id: a for a in meeting.attendance}, action_form=form), 400

