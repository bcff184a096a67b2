"""A member's proxies: appointing another member's representative, and revoking."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..auth.access import access
from ..auth.forms import ConfirmForm
from ..core.forms import choices
from ..extensions import db
from ..i18n import current_language
from ..membership.models import Member
from ..membership.permissions import MANAGE_MEMBER
from .forms import ProxyForm
from .models import Decision, Proxy
from .rules import proxies

bp = Blueprint("proxies", __name__, url_prefix="/members/<int:member_id>/proxies", template_folder="templates")


@bp.route("/", methods=["GET", "POST"])
@access(MANAGE_MEMBER)
def index(member_id):
    member = db.get_or_404(Member, member_id)
    form = ProxyForm()
    eligible = proxies.eligible_proxies(member)
    people = {person.id: person for person, _member in eligible}
    names = {member_id: name for member_id, name in db.session.execute(
        select(Member.id, Member.name).where(Member.id.in_({member_id for _person, member_id in eligible})))}
    form.proxy_person_id.choices = choices([(0, _("Choose a representative"))] + [
        (person.id, _("%(name)s (%(member)s)", name=person.name, member=names.get(member_id, ""))) for person, member_id in eligible])
    upcoming = db.session.scalars(
        select(Decision).where(Decision.status.in_(("scheduled", "open"))).order_by(Decision.closes_at)
    ).all()
    form.decision_id.choices = choices(
        [(0, _("Every decision (standing)"))] + [(d.id, d.title(current_language())) for d in upcoming]
    )
    if form.validate_on_submit():
        person = people.get(form.proxy_person_id.data)
        decision = next((d for d in upcoming if d.id == form.decision_id.data), None)
        if person is None:
            form.proxy_person_id.errors.append(_("Choose a proxy"))
        elif form.decision_id.data and decision is None:
            form.decision_id.errors.append(_("Choose a decision that is still to be voted on"))
        else:
            try:
                proxies.appoint(member, person, decision, by=current_user)
            except proxies.ProxyRefused as refused:
                db.session.rollback()
                form.proxy_person_id.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("%(name)s is now your proxy.", name=person.name), "success")
                return redirect(url_for("proxies.index", member_id=member.id))
    current = db.session.scalars(
        select(Proxy)
        .where(Proxy.member_id == member.id)
        .options(joinedload(Proxy.proxy_person), joinedload(Proxy.decision))
        .order_by(Proxy.appointed_at.desc())
    ).all()
    return render_template("decisions/proxies.html", member=member, form=form, current=current, confirm=ConfirmForm())


@bp.post("/<int:proxy_id>/revoke")
@access(MANAGE_MEMBER)
def revoke(member_id, proxy_id):
    proxy = db.get_or_404(Proxy, proxy_id)
    if proxy.member_id != member_id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        withdrawn = proxies.revoke(proxy, by=current_user)
        db.session.commit()
        if withdrawn:
            flash(_("The proxy has been revoked, and the ballots it cast for you where voting is still open are withdrawn: "
                    "your representative may vote now."), "success")
        else:
            flash(_("The proxy has been revoked."), "success")
    return redirect(url_for("proxies.index", member_id=member_id))

