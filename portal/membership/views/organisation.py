"""A member's own pages: its membership and money, its profile, its people."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...auth.access import access
from ...auth.forms import ConfirmForm
from ...auth.models import Person
from ...core.forms import choices
from ...extensions import db
from ..forms import InviteColleagueForm, ProfileForm, RepresentativesForm
from ..models import CreditEntry, Invoice, Member, Representative
from ..permissions import MANAGE_MEMBER
from ..rules import people

bp = Blueprint("organisation", __name__, url_prefix="/members/<int:member_id>", template_folder="../templates")


@bp.get("/account")
@access(MANAGE_MEMBER)
def account(member_id):
    member = db.first_or_404(
        select(Member).where(Member.id == member_id)
        .options(joinedload(Member.tier), joinedload(Member.billing), selectinload(Member.status_changes))
    )
    invoices = db.session.scalars(
        select(Invoice).where(Invoice.member_id == member.id).order_by(Invoice.issued_on.desc(), Invoice.id.desc())
    ).all()
    credits = db.session.scalars(select(CreditEntry).where(CreditEntry.member_id == member.id)
                                 .options(joinedload(CreditEntry.invoice)).order_by(CreditEntry.id)).all()
    return render_template("membership/account.html", member=member, invoices=invoices, credits=credits)


@bp.route("/profile", methods=["GET", "POST"])
@access(MANAGE_MEMBER)
def profile(member_id):
    member = db.get_or_404(Member, member_id)
    form = ProfileForm(obj=member)
    if form.validate_on_submit():
        changed = sorted(name for name in ("region", "local_authority_area", "website")
                         if (getattr(form, name).data or None) != getattr(member, name))
        for name in changed:
            setattr(member, name, getattr(form, name).data or None)
        if changed:
            audit.record("member.profile_changed", member, detail={"fields": changed})
        db.session.commit()
        flash(_("The profile has been saved."), "success")
        return redirect(url_for("organisation.account", member_id=member.id))
    return render_template("membership/profile.html", member=member, form=form)


@bp.get("/people")
@access(MANAGE_MEMBER)
def people_list(member_id):
    member = db.first_or_404(
        select(Member)
        .where(Member.id == member_id)
        .options(selectinload(Member.people), selectinload(Member.representatives).joinedload(Representative.person))
    )
    return render_template("membership/people.html", member=member, form=ConfirmForm())


@bp.route("/people/invite", methods=["GET", "POST"])
@access(MANAGE_MEMBER)
def invite(member_id):
    member = db.get_or_404(Member, member_id)
    form = InviteColleagueForm()
    if form.validate_on_submit():
        people.invite_colleague(
            member, name=form.name.data, email=form.email.data, is_member_admin=form.is_member_admin.data, by=current_user
        )
        db.session.commit()
        # The same words whether or not the address has an account: who holds one is not the inviter's to know.
        flash(_("We have emailed %(email)s with what to do next.", email=form.email.data.strip()), "success")
        return redirect(url_for("organisation.people_list", member_id=member.id))
    return render_template("membership/invite.html", member=member, form=form)


@bp.post("/people/<int:person_id>/remove")
@access(MANAGE_MEMBER)
def remove(member_id, person_id):
    member = db.get_or_404(Member, member_id)
    person = db.get_or_404(Person, person_id)
    if person.member_id != member.id:
        abort(404)
    if person.id == current_user.id:
        flash(_("You cannot remove yourself. Ask another member admin or the secretariat."), "error")
    elif ConfirmForm().validate_on_submit():
        people.remove_person(member, person, by=current_user)
        db.session.commit()
        flash(_("%(name)s no longer acts for %(member)s.", name=person.name, member=member.name), "success")
    return redirect(url_for("organisation.people_list", member_id=member.id))


@bp.route("/representatives", methods=["GET", "POST"])
@access(MANAGE_MEMBER)
def representatives(member_id):
    member = db.first_or_404(select(Member).where(Member.id == member_id).options(
        selectinload(Member.people), selectinload(Member.representatives).joinedload(Representative.person)))
    eligible = [person for person in member.people if person.is_active]
    form = RepresentativesForm(data={role: getattr(member.representative(role), "id", 0) for role in ("voting", "deputy", "contact")})
    people_choices = [(person.id, person.name) for person in eligible]
    form.voting.choices = choices([(0, _("Choose a person"))] + people_choices)
    form.deputy.choices = choices([(0, _("No deputy"))] + people_choices)
    form.contact.choices = choices([(0, _("Choose a person"))] + people_choices)
    if form.validate_on_submit():
        by_id = {person.id: person for person in eligible}
        unchosen = [field for field in (form.voting, form.contact) if field.data not in by_id]
        for field in unchosen:
            field.errors.append(_("Choose a person"))
        if not unchosen:
            people.name_representative(member, "voting", by_id[form.voting.data], by=current_user)
            people.name_representative(member, "deputy", by_id.get(form.deputy.data), by=current_user)
            people.name_representative(member, "contact", by_id[form.contact.data], by=current_user)
            db.session.commit()
            flash(_("Representatives saved."), "success")
            return redirect(url_for("organisation.people_list", member_id=member.id))
    return render_template("membership/representatives.html", member=member, form=form)

