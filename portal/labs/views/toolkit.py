"""The public toolkit: search, filter, read, download; the secretariat adds to it."""

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ...auth.access import ANYONE, SECRETARIAT, access
from ...core.inputs import number_arg, text_arg
from ...core.search import contains
from ...extensions import db
from ..forms import ResourceForm
from ..models import VALUES, Lab, Resource
from ..models.toolkit import FILE_KINDS
from ..rules import toolkit
from ..rules.proposals import Refused

bp = Blueprint("toolkit", __name__, url_prefix="/toolkit", template_folder="../templates")


@bp.get("/")
@access(ANYONE)
def index():
    query = text_arg("q")
    value = text_arg("value")
    lab_id = number_arg("lab")
    statement = select(Resource).options(joinedload(Resource.lab)).order_by(Resource.title)
    if query:
        statement = statement.where(or_(Resource.title.ilike(contains(query), escape="\\"), Resource.description.ilike(contains(query), escape="\\")))
    if lab_id:
        statement = statement.where(Resource.lab_id == lab_id)
    resources = db.session.scalars(statement).all()
    if value in VALUES:
        resources = [resource for resource in resources if value in (resource.values or [])]
    labs = db.session.scalars(select(Lab).where(Lab.id.in_(select(Resource.lab_id))).order_by(Lab.title)).all()
    return render_template("labs/toolkit.html", resources=resources, labs=labs, filters={"q": query, "value": value, "lab": lab_id})


@bp.get("/<int:resource_id>")
@access(ANYONE)
def show(resource_id):
    resource = db.first_or_404(select(Resource).where(Resource.id == resource_id).options(joinedload(Resource.lab)))
    return render_template("labs/resource.html", resource=resource)


@bp.get("/<int:resource_id>/file")
@access(ANYONE)
def download(resource_id):
    resource = db.get_or_404(Resource, resource_id)
    if not resource.stored_name:
        abort(404)
    path = toolkit.stored_path(resource)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=FILE_KINDS[resource.file_kind], as_attachment=True, download_name=resource.file_name)


def publish(form, lab=None):
    """Shared by the secretariat's toolkit page and a lab's outputs page; a response or None."""
    if not form.validate_on_submit():
        return None
    upload = form.file.data
    has_file = upload is not None and getattr(upload, "filename", "")
    if not form.url.data and not has_file:
        form.url.errors.append(_("Give a link or a document"))
        return None
    try:
        resource = toolkit.add_resource(
            by=current_user,
            title=form.title.data,
            description=form.description.data,
            url=form.url.data,
            upload=(upload.filename, upload.read(toolkit.MAX_BYTES + 1)) if has_file else None,
            lab=lab,
            values=form.values.data or [],
            themes=[theme.strip()[:40] for theme in (form.themes.data or "").split(",") if theme.strip()][:10],
        )
    except Refused as refused:
        db.session.rollback()
        form.file.errors.append(str(refused.message))
        return None
    db.session.commit()
    flash(_("Published to the toolkit."), "success")
    return redirect(url_for("toolkit.show", resource_id=resource.id))


@bp.route("/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new():
    form = ResourceForm()
    return publish(form) or render_template("labs/resource_form.html", form=form, lab=None)
