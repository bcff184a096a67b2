"""The secretariat's desk: the dashboard, members, money, imports and exports."""

import io

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...auth.access import SECRETARIAT, access
from ...core.forms import choices
from ...core.inputs import number_arg, page_number, text_arg
from ...core.search import contains
from ...extensions import db
from ...i18n import current_language
from ..billing_forms import raise_form
from ..forms import REGIONS, STATUS_LABELS, ImportForm, MemberForm, RaiseForm, StatusForm
from ..models import Application, Invoice, Member, Tier
from ..models.members import normalise_name
from ..rules import money, status, transfer
from ..rules.dates import membership_year, today, year_label

bp = Blueprint("secretariat", __name__, url_prefix="/secretariat", template_folder="../templates")

# Members the dashboard names under each heading, by name; the rest are a filtered list away.
NAMED_ON_DASHBOARD = 20
TO_CHASE = {"not_in_good_standing": ("lapsed", "suspended"), "in_grace": ("in_grace",)}


@bp.get("/")
@access(SECRETARIAT)
def dashboard():
    year = number_arg("year") or membership_year()
    counts = db.session.execute(
        select(Member.tier_id, Member.status, func.count()).group_by(Member.tier_id, Member.status)
    ).all()
    tiers = db.session.scalars(select(Tier).order_by(Tier.position, Tier.name_en)).all()
    by_tier = {(tier_id, state): count for tier_id, state, count in counts}
    totals = db.session.execute(
        select(
            func.coalesce(func.sum(Invoice.total_pence), 0),
            func.coalesce(func.sum(Invoice.paid_pence), 0),
            func.coalesce(func.sum(Invoice.adjusted_pence), 0),
            select(func.count()).select_from(Application).where(Application.status == "submitted").scalar_subquery(),
        ).where(Invoice.year == year)
    ).one()
    raised, paid, adjusted, waiting = totals
    money_rows = [
        ("raised", _("Invoiced"), raised),
        ("paid", _("Paid"), paid),
        ("adjusted", _("Credited or waived"), adjusted),
        ("outstanding", _("Outstanding"), raised - paid - adjusted),
    ]
    by_status = {}
    for _tier_id, state, count in counts:
        by_status[state] = by_status.get(state, 0) + count
    # The first few of each heading, in one statement: numbered by name within their heading.
    heading_of = {state: heading for heading, states in TO_CHASE.items() for state in states}
    numbered = select(
        Member.id, func.row_number().over(partition_by=Member.status.in_(TO_CHASE["in_grace"]),
                                          order_by=(Member.name, Member.id)).label("place"),
    ).where(Member.status.in_(heading_of)).subquery()
    first = db.session.execute(
        select(Member.id, Member.name, Member.status).join(numbered, numbered.c.id == Member.id)
        .where(numbered.c.place <= NAMED_ON_DASHBOARD).order_by(Member.name, Member.id)
    ).all()
    # Each part of the page is kept under a key of all it shows (rows of plain values), so
    # that it is drawn once for as long as the figures stand.
    to_chase = {
        heading: (
            tuple(tuple(member) for member in first if heading_of[member.status] == heading),
            sum(by_status.get(state, 0) for state in states),
            tuple((state, by_status[state]) for state in states if by_status.get(state)),
        )
        for heading, states in TO_CHASE.items()
    }
    statuses = tuple(STATUS_LABELS)
    language = current_language()
    tier_rows = tuple((tier.name(language), tuple(by_tier.get((tier.id, state), 0) for state in statuses)) for tier in tiers)
    return render_template(
        "membership/dashboard.html",
        year=year,
        year_label=year_label(year),
        tier_rows=tier_rows,
        statuses=statuses,
        money_rows=tuple(money_rows),
        to_chase=to_chase,
        waiting=waiting,
        raise_form=RaiseForm(year=membership_year()),
    )


@bp.get("/members")
@access(SECRETARIAT)
def members():
    query = text_arg("q")
    state = text_arg("status")
    statement = select(Member).options(joinedload(Member.tier)).order_by(Member.name)
    if query:
        statement = statement.where(Member.name.ilike(contains(query), escape="\\"))
    if state in STATUS_LABELS:
        statement = statement.where(Member.status == state)
    page = db.paginate(statement, page=page_number(), per_page=50, max_per_page=50, error_out=False)
    return render_template("membership/members.html", page=page, query=query, state=state)


def _tier_choices(form):
    tiers = db.session.scalars(select(Tier).order_by(Tier.position, Tier.name_en)).all()
    form.tier_id.choices = choices([(tier.id, tier.name(current_language())) for tier in tiers])


@bp.route("/members/<int:member_id>", methods=["GET", "POST"])
@access(SECRETARIAT)
def member(member_id):
    member = db.get_or_404(Member, member_id, options=[selectinload(Member.status_changes)])
    form = MemberForm(obj=member)
    _tier_choices(form)
    if form.validate_on_submit():
        number = (form.registration_number.data or "").strip().upper() or None
        clash = number and db.session.scalar(
            select(Member.id).where(Member.registration_number == number, Member.id != member.id)
        )
        if clash:
            form.registration_number.errors.append(_("Another member has this registration number"))
        else:
            _save_member(member, form, number)
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("secretariat.member", member_id=member.id))
    return render_template("membership/member_edit.html", member=member, form=form, status_form=StatusForm())


OPTIONAL_FIELDS = ("region", "local_authority_area", "website", "population", "notes")


def _save_member(member, form, registration_number):
    before = {"tier_id": member.tier_id, "kind": member.kind, "name": member.name}
    member.name, member.kind, member.tier_id = form.name.data, form.kind.data, form.tier_id.data
    for name in OPTIONAL_FIELDS:
        value = getattr(form, name).data
        setattr(member, name, None if value in ("", None) else value)
    member.registration_number = registration_number
    member.normalised_name = normalise_name(member.name)
    after = {"tier_id": member.tier_id, "kind": member.kind, "name": member.name}
    audit.record("member.changed", member, detail={"before": before, "after": after} if before != after else {})


@bp.post("/members/<int:member_id>/status")
@access(SECRETARIAT)
def change_status(member_id):
    member = db.get_or_404(Member, member_id)
    form = StatusForm()
    if form.validate_on_submit():
        action = {"suspend": status.suspend, "reinstate": status.reinstate}.get(form.action.data)
        if action:
            action(member, form.reason.data, by=current_user)
        else:
            status.resign(member, today(), form.reason.data, by=current_user)
        db.session.commit()
        flash(_("The membership is now: %(status)s.", status=STATUS_LABELS[member.status]), "success")
        return redirect(url_for("secretariat.member", member_id=member.id))
    member_form = MemberForm(obj=member)
    _tier_choices(member_form)
    return render_template("membership/member_edit.html", member=member, form=member_form, status_form=form), 400


@bp.route("/subscriptions/raise", methods=["GET", "POST"])
@access(SECRETARIAT)
def raise_subscriptions():
    # Members whose finance teams need a purchase order are asked for one here, before raising.
    asking = money.members_to_raise(po_required=True)
    form = raise_form(asking)(data={"year": number_arg("year") or membership_year(),
                                    **{field: member.billing.purchase_order for field, member in asking.items()}})
    if form.validate_on_submit():
        numbers = {member.id: getattr(form, field).data for field, member in asking.items()}
        raised = money.raise_for_year(form.year.data, by=current_user, purchase_orders=numbers)
        db.session.commit()
        flash(_("%(count)d subscriptions raised for %(year)s.", count=raised, year=year_label(form.year.data)), "success")
        return redirect(url_for("secretariat.dashboard"))
    return render_template("membership/raise.html", form=form, asking=asking)


def _csv_response(write, filename):
    out = io.StringIO()
    write(out)
    return Response(
        "\ufeff" + out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Cache-Control": "no-store"},
    )


@bp.get("/members.csv")
@access(SECRETARIAT)
def export_members():
    return _csv_response(transfer.export_members, f"members-{today().isoformat()}.csv")


@bp.get("/invoices.csv")
@access(SECRETARIAT)
def export_invoices():
    year = number_arg("year") or membership_year()
    return _csv_response(lambda out: transfer.export_money(out, year), f"invoices-{year}.csv")


@bp.route("/members/import", methods=["GET", "POST"])
@access(SECRETARIAT)
def import_members():
    form = ImportForm()
    plan = None
    if form.validate_on_submit():
        plan = transfer.plan_import(form.file.data.read(2 * 1024 * 1024 + 1))
        if plan.ok and form.mode.data == "import":
            added, updated = transfer.apply_import(plan, by=current_user)
            db.session.commit()
            flash(_("%(added)d members added and %(updated)d updated.", added=added, updated=updated), "success")
            return redirect(url_for("secretariat.members"))
    return render_template("membership/import.html", form=form, plan=plan, regions=REGIONS)

