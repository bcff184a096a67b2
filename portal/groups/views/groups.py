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
from ..permissions import MANAGE_PEOPLE, SEE_GROUP
from ..rules import access as group_access
from ..rules import meetings, plan
from ..rules import people as group_people
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


@bp.get("/<int:group_id>/people")
@access(SEE_GROUP)
def people(group_id):
    return _people_page(load_group(group_id), MembershipForm())


@bp.post("/<int:group_id>/people")
@access(MANAGE_PEOPLE)
def add_person(group_id):
    group = load_group(group_id)
    form = MembershipForm()
    _deputy_choices(form, group)
    if form.validate_on_submit():
        person = db.session.scalar(select(Person).where(Person.email == Person.normalise_email(form.email.data)))
        try:
            group_people.add_person(group, person, role=form.role.data, role_note=form.role_note.data,
                              deputy_for_id=form.deputy_for_id.data, by=current_user)
        except group_people.NotAdded as refusal:
            getattr(form, refusal.field).errors.append(refusal.message)
        else:
            db.session.commit()
            flash(_("%(name)s is now in the group.", name=person.name), "success")
            return redirect(url_for("groups.people", group_id=group.id))
    return _people_page(group, form)


def _deputy_choices(form, group):
    form.deputy_for_id.choices = choices([(0, _("Nobody"))] + [(m.person_id, m.person.name) for m in group.memberships])


def _people_page(group, form):
    _deputy_choices(form, group)
    return render_template("groups/people.html", group=group, form=form, confirm=ConfirmForm())


@bp.route("/<int:group_id>/people/<int:membership_id>/remove", methods=["GET", "POST"])
@access(MANAGE_PEOPLE)
def remove_person(group_id, membership_id):
    """Asks first: taking someone out of a private group ends their access to its pages."""
    group = load_group(group_id)
    membership = owned(GroupMember, membership_id, group)
    form = ConfirmForm()
    if form.validate_on_submit():
        name = membership.person.name
        if group_people.remove_person(group, membership, by=current_user):
            flash(_("%(name)s has been removed from the group and told.", name=name), "success")
        db.session.commit()
        return redirect(url_for("groups.people", group_id=group.id))
    return render_template("groups/remove_person.html", group=group, membership=membership, form=form)
