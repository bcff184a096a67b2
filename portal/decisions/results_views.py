"""Results, as pages and downloads, and the bulletin anyone can recount."""

import io
import json

from flask import Response, abort, render_template
from sqlalchemy import select

from ..auth.access import access
from ..core.spreadsheets import write_table
from ..extensions import db
from .models import Ballot
from .permissions import SEE_RESULTS
from .rules import lifecycle
from .views import bp, load

COUNTED = ("closed", "published")


def _counted(decision_id):
    decision = load(decision_id)
    if decision.status not in COUNTED or not decision.results:
        abort(404)
    return decision


@bp.get("/<int:decision_id>/results")
@access(SEE_RESULTS)
def results(decision_id):
    decision = _counted(decision_id)
    # Whether any member voted here (the page then links to who took part): asked, not counted.
    # Loading every ballot's member to count them was a third of the page on PostgreSQL.
    took_part = decision.imported_from is None and db.session.scalar(
        select(Ballot.id).where(Ballot.decision_id == decision.id).limit(1)) is not None
    # All that the questions' results show: the count, and the words of each question and option.
    counted = (json.dumps(decision.results, sort_keys=True), tuple(
        (question.id, question.text_en, question.text_cy, tuple((option.id, option.label_en, option.label_cy) for option in question.options))
        for question in decision.questions))
    return render_template("decisions/results.html", decision=decision, results=decision.results, took_part=took_part,
                           counted=counted)


def _download(body, mimetype, filename):
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:decision_id>/results.json")
@access(SEE_RESULTS)
def results_json(decision_id):
    decision = _counted(decision_id)
    body = json.dumps({"decision_id": decision.id, "title": decision.title_en, **decision.results}, indent=2, ensure_ascii=False)
    return _download(body, "application/json", f"decision-{decision.id}-results.json")


@bp.get("/<int:decision_id>/results.csv")
@access(SEE_RESULTS)
def results_csv(decision_id):
    decision = _counted(decision_id)
    out = io.StringIO()
    rows = []
    labels = {option.id: option.label_en for question in decision.questions for option in question.options}
    texts = {question.id: question.text_en for question in decision.questions}
    for result in decision.results["questions"]:
        text = texts.get(result["id"], "")
        if result["method"] == "motion":
            for answer, votes in result["counts"].items():
                rows.append([text, answer, votes, "carried" if result["carried"] else "not carried"])
        elif result["method"] in ("single", "approval", "cumulative"):
            chosen = result.get("chosen") or [result.get("winner")]
            for option_id, votes in result["counts"].items():
                rows.append([text, labels.get(int(option_id), option_id), votes, "chosen" if int(option_id) in chosen else ""])
        else:
            first = result["count"].get("stages", result["count"].get("rounds"))[0]
            for option_id, votes in first["totals"].items():
                rows.append([text, labels.get(int(option_id), option_id), votes, "elected" if int(option_id) in result["elected"] else ""])
    write_table(out, ["question", "answer", "votes", "outcome"], rows)
    return _download(out.getvalue(), "text/csv", f"decision-{decision.id}-results.csv")


@bp.get("/<int:decision_id>/bulletin.json")
@access(SEE_RESULTS)
def bulletin(decision_id):
    decision = _counted(decision_id)
    body = json.dumps(lifecycle.bulletin(decision), indent=2, ensure_ascii=False)
    return _download(body, "application/json", f"decision-{decision.id}-bulletin.json")
