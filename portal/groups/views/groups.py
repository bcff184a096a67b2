"""Groups: the list, a group's page, its people."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ... import audit
from ...auth.access import SECRETARIAT, SIGNED_IN, access
from ...auth.forms import ConfirmForm
from ...auth.models import Person
from ...core.forms import choices
from ...core.signals import group_created
from ...db import utcnow
from ...extensions import db
from ...membership.rules.dates import today
from ..forms import GroupForm, MembershipForm
from ..models import Group, GroupMember
from ..permissions import EDIT_PLAN, SEE_GROUP
from ..rules import access as group_access
from ..rules import meetings, plan
from .common import load_group, owned

bp = Blueprint("groups", __name__, url_prefix="/groups", template_folder="../templates")


@bp.get("/")
@access(SIGNED_IN)
def index():
    groups = db.session.scalars(
        select(Group).where(group_access.visible_groups(current_user)).options(joinedload(Group.lab)).order_by(Group.kind.desc(), Group.name)
    ).all()
    mine = set(db.session.scalars(select(GroupMember.group_id).where(GroupMember.person_id == current_user.id)))
    return render_template("groups/index.html", groups=groups, mine=mine)


@bp.route("/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new():
    form = GroupForm()
    if form.validate_on_submit():
        group = Group(name=form.name.data, description=form.description.data or "", private=form.private.data, kind="working")
        db.session.add(group)
        db.session.flush()
        group_created.send(None, group=group)
        audit.record("group.created", group)
        db.session.commit()
        flash(_("The group has been created. Add its people."), "success")
        return redirect(url_for("groups.people", group_id=group.id))
    return render_template("groups/group_form.html", form=form)


@bp.get("/<int:group_id>")
@access(SEE_GROUP)
def show(group_id):
    group = load_group(group_id)
    tasks = plan.tasks_of(group)
    slips = plan.slippage(group, tasks)
    return render_template(
        "groups/group.html", group=group, summary=plan.summary(tasks, slips, today()),
        next_meeting=meetings.next_meeting(group, utcnow()),
    )


@bp.route("/<int:group_id>/people", methods=["GET", "POST"])
@access(EDIT_PLAN)
def people(group_id):
    group = load_group(group_id)
    form = MembershipForm()
    in_group = {m.person_id for m in group.memberships}
    form.deputy_for_id.choices = choices([(0, _("Nobody"))] + [(m.person_id, m.person.name) for m in group.memberships])
    if form.validate_on_submit():
        person = db.session.scalar(select(Person).where(Person.email == Person.normalise_email(form.email.data)))
        if person is None or not person.is_active:
            form.email.errors.append(_("Nobody with an account on the portal has this email address"))
        elif person.id in in_group:
            form.email.errors.append(_("%(name)s is already in the group", name=person.name))
        elif form.role.data == "deputy" and form.deputy_for_id.data not in in_group:
            form.deputy_for_id.errors.append(_("Choose whom the deputy stands in for"))
        else:
            group.memberships.append(GroupMember(
                person_id=person.id, role=form.role.data, role_note=form.role_note.data or "",
                deputy_for_id=form.deputy_for_id.data if form.role.data == "deputy" else None,
            ))
            db.session.flush()
            audit.record("group.person_added", group, detail={"person_id": person.id, "role": form.role.data})
            db.session.commit()
            flash(_("%(name)s is now in the group.", name=person.name), "success")
            return redirect(url_for("groups.people", group_id=group.id))
    return render_template("groups/people.html", group=group, form=form, confirm=ConfirmForm())


@bp.post("/<int:group_id>/people/<int:membership_id>/remove")
@access(EDIT_PLAN)
def remove_person(group_id, membership_id):
    group = load_group(group_id)
    membership = owned(GroupMember, membership_id, group)
    if ConfirmForm().validate_on_submit():
        for other in group.memberships:
            if other.deputy_for_id == membership.person_id:
                other.deputy_for_id = None
        group.memberships.remove(membership)
        audit.record("group.person_removed", group, detail={"person_id": membership.person_id})
        db.session.commit()
        flash(_("Removed from the group."), "success")
    return redirect(url_for("groups.people", group_id=group.id))
