"""Decisions as members and the public see them: the list, a decision, the ballot, the roll."""

import logging
import time

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import joinedload

from ..auth.access import ANYONE, SIGNED_IN, access
from ..auth.forms import ConfirmForm
from ..db import commit_keeping_loaded, end_reading, reads_first, writing
from ..extensions import db
from ..i18n import current_language
from ..membership.models import Member
from .forms import ballot_form, first_field, submitted_answers
from .models import Ballot, Decision, RollEntry
from .permissions import CAST_BALLOT, MEMBER_STATES, PUBLIC_STATES, SEE_DECISION
from .rules import casting, lifecycle, waiting

log = logging.getLogger(__name__)

bp = Blueprint("decisions", __name__, url_prefix="/decisions", template_folder="templates")


@bp.before_request
def open_and_close_what_is_due():
    """Voting opens and closes on time even if the cron job has not run yet. Each worker asks
    at most every DECISIONS_DUE_CHECK_SECONDS: in a vote, every ballot would ask again."""
    asked = current_app.extensions.setdefault("portal_decisions_due", {"next": 0.0})
    now = time.monotonic()
    if now < asked["next"]:
        return
    asked["next"] = now + current_app.config["DECISIONS_DUE_CHECK_SECONDS"]
    try:
        if lifecycle.due():
            lifecycle.tick()
            db.session.commit()
    except OperationalError:  # another request holds the write lock: it will do it
        db.session.rollback()
        log.info("decisions tick deferred: database busy")


def load(decision_id):
    decision = lifecycle.get(decision_id)
    if decision is None:
        abort(404)
    return decision


@bp.get("/")
@access(ANYONE)
def index():
    if current_user.is_secretariat:
        shown = select(Decision)
    elif current_user.is_authenticated:
        shown = select(Decision).where(Decision.status.in_(MEMBER_STATES))
    else:
        shown = select(Decision).where(Decision.status.in_(PUBLIC_STATES))
    decisions = db.session.scalars(shown.order_by(Decision.closes_at.desc().nulls_first(), Decision.id.desc()).limit(200)).all()
    return render_template("decisions/index.html", decisions=decisions, ballots=waiting.ballots_by_decision(current_user))


@bp.get("/<int:decision_id>")
@access(SEE_DECISION)
def show(decision_id):
    decision = load(decision_id)
    voting = casting.standings(current_user, decision) if decision.status in ("open", "scheduled") else []
    return render_template("decisions/show.html", decision=decision, voting=voting, confirm=ConfirmForm())


@bp.route("/<int:decision_id>/ballot/<int:member_id>", methods=["GET", "POST"])
@access(CAST_BALLOT)
@reads_first
def ballot(decision_id, member_id):
    decision = load(decision_id)
    member = db.get_or_404(Member, member_id)
    form = ballot_form(decision, current_language())
    # Whether this ballot may be taken is the cast's to say, under its lock.
    if decision.status == "open" and form.validate_on_submit():
        end_reading()  # on SQLite, only the cast holds the write lock
        try:
            with writing():
                cast = casting.cast(decision, member, current_user, submitted_answers(form, decision))
        except casting.InvalidAnswer as invalid:
            questions = {str(question.id): question for question in decision.questions}
            for key, message in invalid.errors.items():
                field = first_field(form, questions[key])
                field.errors = [*field.errors, str(message)]
        except casting.CastRefused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
            return redirect(url_for("decisions.show", decision_id=decision.id))
        else:
            commit_keeping_loaded()
            return render_template("decisions/receipt.html", decision=decision, member=member, receipt=cast.receipt, changed=cast.changes > 0)
    standing = next(s for s in casting.standings(current_user, decision) if s.member.id == member.id)
    return render_template("decisions/ballot.html", decision=decision, member=member, form=form, standing=standing)


@bp.get("/<int:decision_id>/roll")
@access(SIGNED_IN & SEE_DECISION)
def roll(decision_id):
    decision = load(decision_id)
    if decision.status in ("draft", "scheduled"):
        abort(404)
    entries = db.session.scalars(
        select(RollEntry)
        .where(RollEntry.decision_id == decision.id)
        .options(joinedload(RollEntry.member), joinedload(RollEntry.tier))
        .join(Member, RollEntry.member_id == Member.id)
        .order_by(Member.name)
    ).all()
    took_part = set()
    if decision.status in ("closed", "published") or not decision.secret:
        took_part = set(db.session.scalars(select(Ballot.member_id).where(Ballot.decision_id == decision.id)))
    show_participation = decision.status in ("closed", "published")
    return render_template("decisions/roll.html", decision=decision, entries=entries, took_part=took_part, show_participation=show_participation)
