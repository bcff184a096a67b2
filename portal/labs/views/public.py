"""Public pages of approved labs and their case studies."""

from flask import Blueprint, abort, current_app, render_template
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ...auth.access import ANYONE, access
from ...core.cache import kept, page_key
from ...extensions import db
from ..models import CaseStudy, Lab, LabPhase, Partnership, ProgressUpdate, Resource
from ..models.labs import PUBLIC_STATES as PUBLIC

bp = Blueprint("labs", __name__, url_prefix="/labs", template_folder="../templates")


@bp.get("/")
@access(ANYONE)
def index():
    labs = db.session.scalars(
        select(Lab).where(Lab.status.in_(PUBLIC)).options(joinedload(Lab.lead_member)).order_by(Lab.starts_on.desc().nulls_last())
    ).all()
    return render_template("labs/index.html", labs=labs)


@bp.get("/<int:lab_id>")
@access(ANYONE)
def show(lab_id):
    # The partners are loaded with the lab: the rules of the links for the lab's members ask them.
    lab = db.first_or_404(select(Lab).where(Lab.id == lab_id).options(
        joinedload(Lab.lead_member), selectinload(Lab.partnerships).joinedload(Partnership.member)))
    if lab.status not in PUBLIC:
        abort(404)
    # What every reader sees alike is drawn once for each version of the lab and kept.
    drawn = kept("lab pages", LAB_PAGES_KEPT).get(page_key(lab.id, lab.page_stamp), lambda: _draw_lab(lab))
    return render_template("labs/lab.html", lab=lab, drawn=drawn, steering_group=steering_group_of(lab))


# Characters of drawn lab pages each worker keeps: a lab's is a few thousand.
LAB_PAGES_KEPT = 2_000_000


def _draw_lab(lab):
    phases = db.session.scalars(select(LabPhase).where(LabPhase.lab_id == lab.id).order_by(LabPhase.position)).all()
    partnerships = [partnership for partnership in lab.partnerships if partnership.status == "accepted"]
    updates = db.session.scalars(select(ProgressUpdate).where(ProgressUpdate.lab_id == lab.id).order_by(ProgressUpdate.created_at.desc())).all()
    outputs = db.session.scalars(select(Resource).where(Resource.lab_id == lab.id).order_by(Resource.title)).all()
    cases = db.session.scalars(select(CaseStudy).where(CaseStudy.lab_id == lab.id).order_by(CaseStudy.place)).all()
    # render_template escaped what it drew; Markup only says so.
    return Markup(render_template("labs/_lab_page.html", lab=lab, phases=phases, partnerships=partnerships,  # nosec B704
                                  updates=updates, outputs=outputs, cases=cases))


def steering_group_of(lab):
    # Labs know nothing of groups; the page asks through a hook groups provide.
    finder = current_app.extensions.get("steering_group_of")
    return finder(lab) if finder else None


@bp.get("/case-studies/<int:case_id>")
@access(ANYONE)
def case_study(case_id):
    case = db.first_or_404(select(CaseStudy).where(CaseStudy.id == case_id).options(joinedload(CaseStudy.lab)))
    if case.lab.status not in PUBLIC:
        abort(404)
    return render_template("labs/case_study.html", case=case)
