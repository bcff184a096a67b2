"""The secretariat's screens for people: who has an account, invitations, roles."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from ...auth import rules
from ...auth.access import SECRETARIAT, access
from ...auth.forms import ROLE_LABELS, ConfirmForm, InvitePersonForm, RolesForm
from ...auth.models import NETWORK_ROLES, Person
from ...auth.permissions import MANAGE_PERSON
from ...auth.security import fresh_password
from ...core.forms import choices
from ...core.inputs import page_number, text_arg
from ...core.search import contains
from ...extensions import db
from ..models import Member

bp = Blueprint("people", __name__, url_prefix="/people", template_folder="../templates")

PER_PAGE = 50


def grantable_roles(person):
    """Admins may grant every role; the secretariat only moderator and reviewer."""
    if person.has_role("admin"):
        return NETWORK_ROLES
    return ("moderator", "reviewer")


def _role_choices():
    return choices([(name, ROLE_LABELS[name]) for name in grantable_roles(current_user)])


def _get_person(person_id):
    return db.get_or_404(Person, person_id, options=[selectinload(Person.roles)])


@bp.get("/")
@access(SECRETARIAT)
def index():
    query = text_arg("q")
    statement = select(Person).options(selectinload(Person.roles)).order_by(Person.name, Person.id)
    if query:
        pattern = contains(query)
        statement = statement.where(or_(Person.name.ilike(pattern, escape="\\"), Person.email.ilike(pattern, escape="\\")))
    page = db.paginate(statement, page=page_number(), per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)
    return render_template("people/people.html", page=page, query=query, role_labels=ROLE_LABELS)


@bp.route("/invite", methods=["GET", "POST"])
@access(SECRETARIAT)
def invite():
    form = InvitePersonForm()
    members = db.session.execute(select(Member.id, Member.name).order_by(Member.name)).all()
    form.member_id.choices = choices([(0, _l("None"))] + [(m.id, m.name) for m in members])
    form.roles.choices = _role_choices()
    if form.validate_on_submit():
        member = db.session.get(Member, form.member_id.data) if form.member_id.data else None
        try:
            person = rules.invite_person(
                name=form.name.data,
                email=form.email.data,
                member=member,
                is_member_admin=form.is_member_admin.data,
                roles=form.roles.data or (),
                invited_by=current_user,
            )
        except rules.EmailInUse:
            db.session.rollback()
            form.email.errors.append(_("A person with this email address already has an account"))
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=person.email), "success")
            return redirect(url_for("people.show", person_id=person.id))
    return render_template("people/invite.html", form=form)


@bp.get("/<int:person_id>")
@access(SECRETARIAT)
def show(person_id):
    person = _get_person(person_id)
    roles_form = RolesForm(data={"roles": sorted(person.role_names)})
    roles_form.roles.choices = _role_choices()
    return render_template(
        "people/person.html", person=person, roles_form=roles_form, form=ConfirmForm(), role_labels=ROLE_LABELS
    )


@bp.post("/<int:person_id>/roles")
@access(MANAGE_PERSON)
@fresh_password
def change_roles(person_id):
    person = _get_person(person_id)
    form = RolesForm()
    form.roles.choices = _role_choices()
    if form.validate_on_submit():
        # Roles this person may not grant are kept as they are, never dropped by omission.
        kept = person.role_names - set(grantable_roles(current_user))
        rules.set_roles(person, kept | set(form.roles.data or ()), by=current_user)
        db.session.commit()
        flash(_("Roles saved."), "success")
        return redirect(url_for("people.show", person_id=person.id))
    return render_template(
        "people/person.html", person=person, roles_form=form, form=ConfirmForm(), role_labels=ROLE_LABELS
    ), 400


@bp.post("/<int:person_id>/resend-invitation")
@access(SECRETARIAT)
def resend_invitation(person_id):
    person = _get_person(person_id)
    if person.status != "invited":
        abort(400)
    if ConfirmForm().validate_on_submit():
        rules.send_invitation(person, current_user)
        db.session.commit()
        flash(_("A new invitation has been sent. The earlier link no longer works."), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.post("/<int:person_id>/deactivate")
@access(MANAGE_PERSON)
@fresh_password
def deactivate(person_id):
    person = _get_person(person_id)
    if ConfirmForm().validate_on_submit():
        rules.deactivate(person, by=current_user)
        db.session.commit()
        flash(_("%(name)s can no longer sign in.", name=person.name), "success")
    return redirect(url_for("people.show", person_id=person.id))


@bp.post("/<int:person_id>/reactivate")
@access(MANAGE_PERSON)
def reactivate(person_id):
    person = _get_person(person_id)
    if ConfirmForm().validate_on_submit():
        rules.reactivate(person, by=current_user)
        db.session.commit()
        flash(_("%(name)s can sign in again.", name=person.name), "success")
    return redirect(url_for("people.show", person_id=person.id))
