"""The directory as the public sees it: the list, the map, each entry, the exports, and the
forms through which organisations are added, changed, contacted and kept up to date."""

import io

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ... import mail
from ...auth.access import ANYONE, access
from ...auth.forms import ConfirmForm
from ...core.inputs import page_number, query_args, text_arg
from ...core.web import allow_images_from
from ...extensions import db, limiter
from ...membership.rules.dates import today
from ..forms import ContactForm, OwnerForm, SubmitForm
from ..permissions import SEE_ENTRY, entry_of
from ..rules import access as directory_access
from ..rules import entries, listing

bp = Blueprint("directory", __name__, url_prefix="/directory", template_folder="../templates")


def filters_from_request():
    return listing.Filters.from_args(query_args(), may_see_everything=directory_access.is_moderator(current_user))


def _entry_url(entry):
    return url_for("directory.entry", entry_id=entry.id, _external=True)


def _filter_context(filters):
    return {"filters": filters, "areas": listing.areas_in_use(), "moderator": directory_access.is_moderator(current_user)}


@bp.get("/")
@access(ANYONE)
def index():
    filters = filters_from_request()
    page = listing.page(filters, page_number())
    return render_template("directory/index.html", page=page, freshness=directory_access.freshness, **_filter_context(filters))


@bp.get("/map")
@access(ANYONE)
def map_view():
    filters = filters_from_request()
    allow_images_from(current_app.config["DIRECTORY_TILE_URL"])
    return render_template("directory/map.html", tile_url=current_app.config["DIRECTORY_TILE_URL"],
                           tile_attribution=current_app.config["DIRECTORY_TILE_ATTRIBUTION"], **_filter_context(filters))


@bp.get("/entries.geojson")
@access(ANYONE)
def geojson():
    body = listing.geojson(filters_from_request(), _entry_url, lean=text_arg("view") == "map")
    return Response(body, mimetype="application/geo+json", headers={"Cache-Control": "no-store"})


@bp.get("/entries.csv")
@access(ANYONE)
def export_csv():
    out = io.StringIO()
    listing.write_csv(out, filters_from_request(), _entry_url)
    name = f"directory-{today().isoformat()}.csv"
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


@bp.get("/<int:entry_id>")
@access(SEE_ENTRY)
def entry(entry_id):
    item = entry_of({"entry_id": entry_id}) or abort(404)
    return render_template("directory/entry.html", entry=item, freshness=directory_access.freshness(item),
                           moderates=directory_access.may_moderate(current_user, item.area_code), form=ConfirmForm())


@bp.route("/<int:entry_id>/contact", methods=["GET", "POST"])
@access(SEE_ENTRY)
@limiter.limit("5 per hour", methods=["POST"])
def contact(entry_id):
    """A message to the organisation, sent to its contact without showing the address to anyone."""
    item = entry_of({"entry_id": entry_id}) or abort(404)
    if not item.contact_email or item.state != "live":
        abort(404)
    form = ContactForm()
    if form.validate_on_submit():
        mail.enqueue(item.contact_email, lambda: _l("A message through the co-operative directory"), "directory/email/contact.txt",
                     kind="directory_contact", entry=item, sender=form.name.data, sender_email=form.email.data.lower(),
                     organisation=form.organisation.data or "", message=form.message.data)
        db.session.commit()
        return render_template("directory/contacted.html", entry=item)
    return render_template("directory/contact.html", entry=item, form=form)


@bp.route("/add", methods=["GET", "POST"])
@access(ANYONE)
@limiter.limit("10 per hour", methods=["POST"])
def add():
    form = SubmitForm()
    if form.validate_on_submit():
        entries.submit("new", form.values(), submitter_name=form.submitter_name.data,
                       submitter_email=form.submitter_email.data, note=form.note.data)
        db.session.commit()
        return render_template("directory/submitted.html", kind="new")
    return render_template("directory/submit.html", form=form, entry=None)


@bp.route("/<int:entry_id>/suggest", methods=["GET", "POST"])
@access(SEE_ENTRY)
@limiter.limit("10 per hour", methods=["POST"])
def suggest(entry_id):
    item = entry_of({"entry_id": entry_id}) or abort(404)
    form = SubmitForm(data={**item.values(), "contact_email": ""} if request.method == "GET" else None)
    if form.validate_on_submit():
        submission = entries.submit("change", form.values(), entry=item, submitter_name=form.submitter_name.data,
                                    submitter_email=form.submitter_email.data, note=form.note.data)
        if submission is None:
            form.name.errors.append(_("You have not changed anything"))
        else:
            db.session.commit()
            return render_template("directory/submitted.html", kind="change", entry=item)
    return render_template("directory/submit.html", form=form, entry=item)


@bp.post("/<int:entry_id>/link")
@access(SEE_ENTRY)
@limiter.limit("3 per hour", methods=["POST"])
def request_link(entry_id):
    """Send the organisation's contact a fresh link to update its entry (only ever to that address)."""
    item = entry_of({"entry_id": entry_id}) or abort(404)
    if ConfirmForm().validate_on_submit() and item.state == "live" and entries.send_link(item, reason="requested"):
        db.session.commit()
    flash(_("If we hold a contact email for %(name)s, we have sent it a link to update the entry.", name=item.name), "success")
    return redirect(url_for("directory.entry", entry_id=item.id))


@bp.route("/update/<token>", methods=["GET", "POST"])
@access(ANYONE)
@limiter.limit("20 per hour", methods=["POST"])
def owner(token):
    """The organisation's own page, reached by the private link it was sent."""
    item = entries.read_owner_token(token)
    if item is None:
        return render_template("directory/link_invalid.html"), 404
    confirm_form = ConfirmForm(prefix="confirm")
    form = OwnerForm(data=item.values() if request.method == "GET" else None)
    if request.method == "POST" and request.form.get("action") == "confirm":
        if confirm_form.validate_on_submit():
            entries.confirm(item)
            db.session.commit()
            flash(_("Thank you: your entry is confirmed for another year."), "success")
            return redirect(url_for("directory.entry", entry_id=item.id))
    elif form.validate_on_submit():
        submission = entries.submit("owner", form.values(), entry=item, submitter_name=item.name,
                                    submitter_email=item.contact_email, note=form.note.data)
        if submission is None:
            form.name.errors.append(_("You have not changed anything: to say it is still right, use the button below"))
        else:
            db.session.commit()
            return render_template("directory/submitted.html", kind="owner", entry=item)
    return render_template("directory/owner.html", entry=item, form=form, confirm_form=confirm_form, token=token,
                           freshness=directory_access.freshness(item))
