"""The public directory of members."""

from flask import Blueprint, abort, render_template, request
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import ANYONE, access
from ...core.search import contains
from ...extensions import db
from ..forms import KIND_LABELS, REGIONS
from ..models import Member, Representative, Tier
from ..models.members import GOOD_STANDING
from ..permissions import sees_contacts

bp = Blueprint("members", __name__, url_prefix="/members", template_folder="../templates")

LISTED = GOOD_STANDING  # the directory shows members in good standing


@bp.get("/")
@access(ANYONE)
def index():
    query = request.args.get("q", "").strip()[:100]
    kind = request.args.get("kind", "")
    region = request.args.get("region", "")
    tier_id = request.args.get("tier", type=int)
    statement = select(Member).options(joinedload(Member.tier)).where(Member.status.in_(LISTED)).order_by(Member.name)
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
    page = db.paginate(statement, per_page=50, max_per_page=50, error_out=False)
    tiers = db.session.scalars(select(Tier).order_by(Tier.position, Tier.name_en)).all()
    filters = {"q": query, "kind": kind, "region": region, "tier": tier_id}
    return render_template("membership/directory.html", page=page, tiers=tiers, filters=filters)


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

