"""Importing open data files: upload, map the columns, check, import; and the record of
every import with what it added, merged and skipped."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import defer, joinedload

from ...auth.access import access
from ...core import spreadsheets
from ...extensions import db
from ..forms import MappingForm, UploadForm
from ..models import Import
from ..permissions import IMPORT
from ..rules import imports

bp = Blueprint("directory_imports", __name__, url_prefix="/directory/imports", template_folder="../templates")

MOST_BYTES = 8 * 1024 * 1024


@bp.get("/")
@access(IMPORT)
def index():
    uploads = db.session.scalars(
        select(Import).options(defer(Import.content), joinedload(Import.uploaded_by)).order_by(Import.id.desc()).limit(50)
    ).all()
    return render_template("directory/imports.html", uploads=uploads)


@bp.route("/new", methods=["GET", "POST"])
@access(IMPORT)
def upload():
    form = UploadForm()
    if form.validate_on_submit():
        data = form.file.data.read(MOST_BYTES + 1)
        if len(data) > MOST_BYTES:
            form.file.errors.append(_("The file must be smaller than 8 MB"))
        else:
            content, problem = spreadsheets.decode(data)
            record = None
            if problem is None:
                record, problem = imports.upload(form.file.data.filename, content, by=current_user)
            if problem is not None:
                form.file.errors.append(str(problem.message))
            else:
                db.session.commit()
                return redirect(url_for("directory_imports.show", import_id=record.id))
    return render_template("directory/import_new.html", form=form)


@bp.route("/<int:import_id>", methods=["GET", "POST"])
@access(IMPORT)
def show(import_id):
    record = db.get_or_404(Import, import_id)
    if record.state == "done":
        return render_template("directory/import.html", record=record, form=None, plan=None)
    headers = imports.headers_of(record)
    form = MappingForm.for_headers(headers, record.mapping, formdata=request.form if request.method == "POST" else None)
    plan = None
    if form.validate_on_submit():
        record.mapping = form.mapping()
        plan = imports.plan(record.content, record.mapping)
        if plan.ok and form.mode.data == "import":
            report = imports.apply(plan, record, by=current_user)
            if report is None:
                db.session.rollback()
                flash(_("This file has already been imported."), "error")
            else:
                db.session.commit()
                flash(_("Imported: %(added)d added, %(merged)d merged, %(skipped)d skipped.", added=report["added"],
                        merged=report["merged"], skipped=report["skipped_count"] + report["unchanged"]), "success")
            return redirect(url_for("directory_imports.show", import_id=import_id))
        db.session.commit()  # keep the mapping chosen
    return render_template("directory/import.html", record=record, form=form, plan=plan)
