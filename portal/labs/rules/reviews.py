"""Reviewers and their scores; conflicts of interest are refused."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit, mail
from ...db import utcnow
from ...extensions import db
from ..models import Partnership, ReviewAssignment, Score
from .proposals import Refused, add_once


def conflicted(person, lab):
    """A reviewer from the lead or a partner member may not review the proposal."""
    if person.member_id is None:
        return False
    partners = set(db.session.scalars(select(Partnership.member_id).where(Partnership.lab_id == lab.id)))
    return person.member_id == lab.lead_member_id or person.member_id in partners


def assign(lab, reviewer, *, by):
    if not reviewer.has_role("reviewer"):
        raise Refused(_l("%(name)s is not a reviewer", name=reviewer.name))
    if conflicted(reviewer, lab):
        raise Refused(_l("%(name)s acts for the lead or a partner of this proposal and cannot review it", name=reviewer.name))
    assignment = add_once(ReviewAssignment(lab_id=lab.id, reviewer_id=reviewer.id),
                          _l("%(name)s already reviews this proposal", name=reviewer.name))
    audit.record("proposal.reviewer_assigned", lab, actor=by, detail={"reviewer_id": reviewer.id})
    mail.enqueue(reviewer.email, _l("Please review: %(title)s", title=lab.title), "labs/email/review_assigned.txt",
                 kind="lab_review_assigned", person=reviewer, lab=lab)
    return assignment


def submit_scores(assignment, scores, comments, *, by):
    """Record a score from 1 to 5 (and a comment) for every criterion of the round."""
    if conflicted(by, assignment.lab):
        raise Refused(_l("You act for the lead or a partner of this proposal and cannot review it"))
    existing = {score.criterion_id: score for score in assignment.scores}
    for criterion_id, (value, comment) in scores.items():
        score = existing.get(criterion_id) or Score(criterion_id=criterion_id)
        score.value, score.comment = value, comment
        if criterion_id not in existing:
            assignment.scores.append(score)
    assignment.comments = comments
    assignment.submitted_at = utcnow()
    db.session.flush()
    audit.record("proposal.reviewed", assignment.lab, actor=by)


def weighted_totals(round_, labs):
    """For each lab, each reviewer's weighted score and the average, as {lab_id: {...}}."""
    weights = {criterion.id: criterion.weight for criterion in round_.criteria}
    most = 5 * sum(weights.values()) or 1
    assignments = db.session.scalars(
        select(ReviewAssignment).where(ReviewAssignment.lab_id.in_([lab.id for lab in labs]), ReviewAssignment.submitted_at.is_not(None))
        .options(selectinload(ReviewAssignment.scores), joinedload(ReviewAssignment.reviewer))
    ).all()
    table = {lab.id: {"reviews": [], "average": None} for lab in labs}
    for assignment in assignments:
        total = sum(weights.get(score.criterion_id, 0) * score.value for score in assignment.scores)
        table[assignment.lab_id]["reviews"].append((assignment.reviewer.name, total, round(100 * total / most)))
    for row in table.values():
        if row["reviews"]:
            row["average"] = round(sum(percent for _, _, percent in row["reviews"]) / len(row["reviews"]))
    return table, most
