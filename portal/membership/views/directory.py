"""The public directory of members."""

from flask import Blueprint, abort, render_template
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import ANYONE, access
from ...core.inputs import number_arg, page_number, text_arg
from ...core.search import contains
from ...db import paginate_rows
from ...extensions import db
from ...i18n import current_language
from ..forms import KIND_LABELS, REGIONS
from ..models import Member, Representative, Tier
from ..models.members import GOOD_STANDING
from ..permissions import sees_contacts

bp = Blueprint("members", __name__, url_prefix="/members", template_folder="../templates")

LISTED = GOOD_STANDING  # the directory shows members in good standing


@bp.get("/")
@access(ANYONE)
def index():
    query = text_arg("q")
    kind = text_arg("kind")
    region = text_arg("region")
    tier_id = number_arg("tier")
    # The columns the list shows, not the members: a member's row is wide, and fifty of them
    # as objects were a third of the page.
    statement = select(Member.id, Member.name, Member.kind, Member.tier_id, Member.region).where(
        Member.status.in_(LISTED)).order_by(Member.name)
    if query:
        statement = statement.where(
            or_(Member.name.ilike(contains(query), escape="\\"), Member.local_authority_area.ilike(contains(query), escape="\\"))
        )
    if kind in KIND_LABELS:
        statement = statement.where(Member.kind == kind)
    if region in REGIONS:
        statement = statement.where(Member.region == region)
    if tier_id:
        statement = statement.where(Member.tier_id == tier_id)
    page = paginate_rows(statement, page=page_number(), per_page=50, max_per_page=50, error_out=False)
    tiers = db.session.scalars(select(Tier).order_by(Tier.position, Tier.name_en)).all()
    language = current_language()
    tier_names = {tier.id: tier.name(language) for tier in tiers}
    # All that the table shows, its key, as the table is kept.
    rows = tuple((member.id, member.name, member.kind, tier_names.get(member.tier_id, ""), member.region) for member in page.items)
    filters = {"q": query, "kind": kind, "region": region, "tier": tier_id}
    return render_template("membership/directory.html", page=page, rows=rows, tiers=tiers, filters=filters)


@bp.get("/<int:member_id>")
@access(ANYONE)
def show(member_id):
    member = db.first_or_404(
        select(Member)
        .where(Member.id == member_id)
        .options(joinedload(Member.tier), selectinload(Member.representatives).joinedload(Representative.person))
    )
    if member.status not in LISTED and not current_user.is_secretariat and current_user.member_id != member.id:
        abort(404)  # lapsed, resigned or never approved: not listed
    return render_template("membership/member.html", member=member, show_contacts=sees_contacts(current_user))

