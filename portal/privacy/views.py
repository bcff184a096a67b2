"""Download my data; asking for erasure; the secretariat's decisions; the privacy purge."""

import json

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from .. import mail
from ..auth.access import SECRETARIAT, SIGNED_IN, access
from ..auth.models import Person
from ..auth.security import end_session, fresh_password
from ..db import utcnow
from ..extensions import db
from . import rules
from .forms import ErasureDecisionForm, ErasureRequestForm
from .models import ErasureRequest

bp = Blueprint("privacy", __name__, template_folder="templates")


@bp.get("/account/my-data")
@access(SIGNED_IN)
def my_data():
    return render_template("privacy/my_data.html", data=rules.data_of(current_user))


@bp.get("/account/my-data.json")
@access(SIGNED_IN)
def my_data_json():
    body = json.dumps({"exported_at": utcnow().isoformat(), **rules.data_of(current_user)}, indent=2, ensure_ascii=False)
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"', "Cache-Control": "no-store"})


@bp.route("/account/delete", methods=["GET", "POST"])
@access(SIGNED_IN)
def request_erasure():
    form = ErasureRequestForm()
    waiting = db.session.scalar(select(ErasureRequest).where(ErasureRequest.person_id == current_user.id, ErasureRequest.status == "pending"))
    if waiting is None and form.validate_on_submit():
        made, new = rules.request_erasure(current_user, form.reason.data or "")
        if new:
            mail.enqueue(current_app.config["NETWORK_EMAIL"], lambda: _l("A request to erase an account"), "privacy/email/requested.txt",
                         kind="erasure_requested", locale="en", request=made, person=current_user)
        db.session.commit()
        flash(_("Your request has been sent to the secretariat."), "success")
        return redirect(url_for("privacy.request_erasure"))
    return render_template("privacy/request.html", form=form, waiting=waiting)


@bp.get("/people/erasure-requests")
@access(SECRETARIAT)
def requests():
    listed = db.session.scalars(
        select(ErasureRequest).options(joinedload(ErasureRequest.person)).order_by(ErasureRequest.status != "pending", ErasureRequest.requested_at.desc())
    ).all()
    return render_template("privacy/requests.html", requests=listed)


@bp.route("/people/erasure-requests/<int:request_id>", methods=["GET", "POST"])
@access(SECRETARIAT)
@fresh_password
def decide(request_id):
    request_ = db.get_or_404(ErasureRequest, request_id, options=[joinedload(ErasureRequest.person).joinedload(Person.roles)])
    form = ErasureDecisionForm()
    if request_.status == "pending" and form.validate_on_submit():
        if form.decision.data == "decline":
            rules.decline(request_, by=current_user, note=form.note.data)
            mail.enqueue(request_.person.email, lambda: _l("Your request to erase your account"), "privacy/email/declined.txt",
                         kind="erasure_declined", person=request_.person, request=request_)
            db.session.commit()
            flash(_("The request has been declined and the person told why."), "success")
            return redirect(url_for("privacy.requests"))
        try:
            erased_self = request_.person_id == current_user.id
            rules.approve(request_, by=current_user)
        except rules.CannotErase:
            db.session.rollback()
            form.decision.errors.append(_("This is the only administrator: make someone else an administrator first"))
        else:
            db.session.commit()
            if erased_self:
                end_session()
            flash(_("The account has been erased."), "success")
            return redirect(url_for("privacy.requests"))
    return render_template("privacy/decide.html", erasure=request_, form=form, data=rules.data_of(request_.person, for_them=False))
