"""The adopted programme in public: a page, a CSV and an annual report a year; an item's page
with its updates for members; its owners' progress reports and links, the secretariat's owner."""

import io

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ...auth.access import access
from ...auth.forms import ConfirmForm
from ...core.forms import choices
from ...core.inputs import number_arg, text_arg
from ...core.spreadsheets import write_table
from ...extensions import db
from ...groups.models import Group
from ...i18n import current_language, translated
from ...membership.models import Member
from ..forms import ItemUpdateForm, LinkForm, OwnerForm
from ..labels import ITEM_STATE_LABELS
from ..models import DeliveryLink
from ..permissions import MANAGE_ITEMS, SEE_PROGRAMME, UPDATE_ITEM, item_of
from ..rules import Refused, delivery
from .ideas import bp


def _item(item_id):
    return item_of({"item_id": item_id}) or abort(404)


def owner_name(item):
    if item.owner_kind == "member" and item.owner_member is not None:
        return item.owner_member.name
    if item.owner_kind == "group" and item.owner_group is not None:
        return item.owner_group.name
    return _("The network's secretariat")


@bp.get("/work/")
@access(SEE_PROGRAMME)
def years():
    return render_template("programme/programme_years.html", years=delivery.years())


def _filtered(year, with_updates=False):
    theme_id, owner = number_arg("theme", None), text_arg("owner", limit=30) or None
    return delivery.items_of(year, theme_id=theme_id, owner=owner, with_updates=with_updates), theme_id, owner


@bp.get("/work/<int:year>")
@access(SEE_PROGRAMME)
def programme(year):
    members = current_user.is_authenticated
    items, theme_id, owner = _filtered(year, with_updates=members)
    owners, themes = delivery.owners_of(year), delivery.themes_of(year)
    if not owners:
        abort(404)
    return render_template("programme/programme.html", year=year, items=items, theme_id=theme_id, owner=owner, owners=owners,
                           themes=themes, delivered=delivery.delivered_by(items, current_user), owner_name=owner_name,
                           members=members, filtered=bool(theme_id or owner),
                           filters={name: value for name, value in (("theme", theme_id), ("owner", owner)) if value})


@bp.get("/work/<int:year>.csv")
@access(SEE_PROGRAMME)
def programme_csv(year):
    if not delivery.owners_of(year):
        abort(404)  # no programme adopted for that year, as its page says
    items, _theme, _owner = _filtered(year)
    out = io.StringIO()
    write_table(out, [_("Number"), _("Item"), _("Status"), _("Progress (%)"), _("Owner"), _("Themes"), _("Why dropped"),
                      _("Last changed")],
                delivery.csv_rows(items, current_language(), owner_name, lambda state: str(translated(ITEM_STATE_LABELS[state]))))
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="work-programme-{year}.csv"', "Cache-Control": "no-store"})


@bp.get("/work/<int:year>/report")
@access(SEE_PROGRAMME)
def report(year):
    counts = delivery.annual_report(year)
    if not any(count for _stage, count in counts):
        abort(404)
    return render_template("programme/report.html", year=year, counts=counts)


@bp.get("/items/<int:item_id>")
@access(SEE_PROGRAMME)
def item(item_id):
    item = _item(item_id)
    members = current_user.is_authenticated
    if members:
        from sqlalchemy.orm import joinedload

        from ..models import ItemUpdate

        updates = db.session.scalars(select(ItemUpdate).where(ItemUpdate.item_id == item.id)
                                     .options(joinedload(ItemUpdate.written_by)).order_by(ItemUpdate.written_at.desc(), ItemUpdate.id.desc())).all()
    else:
        updates = []
    links = db.session.scalars(select(DeliveryLink).where(DeliveryLink.item_id == item.id)).all()
    return render_template("programme/item.html", item=item, updates=updates, members=members, owner_name=owner_name,
                           delivered=delivery.delivered_by([item], current_user, links={item.id: links})[item.id])


@bp.route("/items/<int:item_id>/update", methods=["GET", "POST"])
@access(UPDATE_ITEM)
def update_item(item_id):
    item = _item(item_id)
    form = ItemUpdateForm(data={"status": item.status, "progress": str(item.progress)} if request.method == "GET" else None)
    if form.validate_on_submit():
        try:
            delivery.report(item, by=current_user, progress=form.percent(), status=form.status.data, text_en=form.text_en.data or "",
                            text_cy=form.text_cy.data or "", dropped_reason=form.dropped_reason.data or "")
        except Refused as refused:
            db.session.rollback()
            getattr(form, refused.field or "text_en").errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("The progress has been reported; the owners and the idea's author have been told."), "success")
            return redirect(url_for(".item", item_id=item.id))
    return render_template("programme/item_update.html", item=item, form=form)


def _owner_choices(form):
    members = db.session.execute(select(Member.id, Member.name).where(Member.status.not_in(("applicant", "resigned"))).order_by(Member.name)).all()
    groups = db.session.execute(select(Group.id, Group.name).order_by(Group.name)).all()
    form.owner.choices = choices([("", _("Choose an owner")), ("secretariat", _("The network's secretariat"))]
                                 + [(f"group-{id_}", _("Group: %(name)s", name=name)) for id_, name in groups]
                                 + [(f"member-{id_}", _("Member: %(name)s", name=name)) for id_, name in members])


@bp.route("/items/<int:item_id>/owner", methods=["GET", "POST"])
@access(MANAGE_ITEMS)
def item_owner(item_id):
    item = _item(item_id)
    form = OwnerForm(data={"owner": delivery.owner_key(item)} if request.method == "GET" else None)
    _owner_choices(form)
    if form.validate_on_submit():
        kind, _dash, number = form.owner.data.partition("-")
        try:
            changed = delivery.change_owner(item, by=current_user, kind=kind, group_id=int(number) if kind == "group" else None,
                                            member_id=int(number) if kind == "member" else None)
        except Refused as refused:
            db.session.rollback()
            form.owner.errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("The item has a new owner, who has been told.") if changed else _("Nothing was changed."), "success")
            return redirect(url_for(".item", item_id=item.id))
    return render_template("programme/item_owner.html", item=item, form=form)


def _link_forms(linkable, kind=None):
    forms = {}
    for each in delivery.LINKABLE:
        form = LinkForm(prefix=each, formdata=None if each != kind else request.form)
        form.target.choices = choices([(0, _("Choose one"))] + list(linkable[each]))
        forms[each] = form
    return forms


@bp.get("/items/<int:item_id>/links")
@access(UPDATE_ITEM)
def item_links(item_id):
    item = _item(item_id)
    return _links_page(item, _link_forms(delivery.linkable(current_user)))


def _links_page(item, forms, form=None):
    links = db.session.scalars(select(DeliveryLink).where(DeliveryLink.item_id == item.id)).all()
    return render_template("programme/item_links.html", item=item, forms=forms, form=form, confirm=ConfirmForm(),
                           delivered=delivery.delivered_by([item], current_user, links={item.id: links})[item.id])


@bp.post("/items/<int:item_id>/links/<kind>")
@access(UPDATE_ITEM)
def add_link(item_id, kind):
    item = _item(item_id)
    if kind not in delivery.LINKABLE:
        abort(404)
    forms = _link_forms(delivery.linkable(current_user), kind)
    form = forms[kind]
    if form.validate_on_submit():
        try:
            delivery.link(item, by=current_user, kind=kind, target_id=form.target.data)
        except Refused as refused:
            db.session.rollback()
            form.target.errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("The link has been added."), "success")
            return redirect(url_for(".item_links", item_id=item.id))
    return _links_page(item, forms, form)


@bp.post("/items/<int:item_id>/links/<int:link_id>/remove")
@access(UPDATE_ITEM)
def remove_link(item_id, link_id):
    item = _item(item_id)
    found = db.session.get(DeliveryLink, link_id)
    if found is None or found.item_id != item.id:
        abort(404)
    if ConfirmForm().validate_on_submit():
        try:
            delivery.unlink(item, found, by=current_user)
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(_("The link has been taken off."), "success")
    return redirect(url_for(".item_links", item_id=item.id))
