"""General meetings: the secretariat's meeting, motions and amendments from members' voting
representatives, seconds, rulings, and the votes made from the agenda."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _, ngettext
from flask_login import current_user
from sqlalchemy import select

from ...auth.access import access
from ...auth.forms import ConfirmForm
from ...db import utcnow
from ...extensions import db
from ..meeting_forms import AmendmentForm, MeetingForm, MeetingVotesForm, MotionForm, RulingForm
from ..models import GeneralMeeting
from ..permissions import (AMEND_MOTION, MANAGE_MEETINGS, MOVE_MOTION, SECOND_AMENDMENT, SECOND_MOTION, SEE_MEETINGS,
                           amendment_of, meeting_of, motion_of)
from ..rules import Refused, agenda, motions
from ..rules.wording import difference
from .ideas import bp


def _meeting(general_meeting_id):
    return meeting_of({"general_meeting_id": general_meeting_id}) or abort(404)


def _motion(motion_id):
    return motion_of({"motion_id": motion_id}) or abort(404)


def _amendment(amendment_id):
    return amendment_of({"amendment_id": amendment_id}) or abort(404)


def _lapse_if_due(meeting):
    """What has no seconder by its deadline lapses when the meeting's pages are next drawn."""
    if motions.lapse_due(meeting):
        motions.lapse_unseconded(meeting=meeting)
        db.session.commit()


def _refused(form, refused, default):
    db.session.rollback()
    getattr(form, refused.field or default).errors.append(str(refused.message))


@bp.get("/meetings")
@access(SEE_MEETINGS)
def meetings():
    found = db.session.scalars(select(GeneralMeeting).order_by(GeneralMeeting.meets_at.desc()).limit(50)).all()
    return render_template("programme/meetings.html", meetings=found, now=utcnow())


@bp.route("/meetings/new", methods=["GET", "POST"])
@access(MANAGE_MEETINGS)
def new_meeting():
    form = MeetingForm()
    if form.validate_on_submit():
        try:
            meeting = motions.create_meeting(
                by=current_user, kind=form.kind.data, title_en=form.title_en.data, title_cy=form.title_cy.data or "",
                venue=form.venue.data or "", meets_at=form.moment("meets"), motions_close_at=form.moment("motions"),
                amendments_close_at=form.moment("amendments"))
        except Refused as refused:
            _refused(form, refused, "kind")
        else:
            db.session.commit()
            flash(_("The general meeting has been made. Voting representatives can now put motions."), "success")
            return redirect(url_for(".meeting", general_meeting_id=meeting.id))
    return render_template("programme/meeting_form.html", form=form)


@bp.get("/meetings/<int:general_meeting_id>")
@access(SEE_MEETINGS)
def meeting(general_meeting_id):
    meeting = _meeting(general_meeting_id)
    _lapse_if_due(meeting)
    listed = agenda.motions_of(meeting)
    return render_template("programme/meeting.html", meeting=meeting, motions=listed, now=utcnow(), agenda=agenda,
                           may_move=motions.voting_member(current_user) is not None)


@bp.route("/meetings/<int:general_meeting_id>/motions/new", methods=["GET", "POST"])
@access(MOVE_MOTION & SEE_MEETINGS)
def new_motion(general_meeting_id):
    meeting = _meeting(general_meeting_id)
    if meeting.motions_close_at <= utcnow():
        flash(_("The deadline for motions has passed."), "error")
        return redirect(url_for(".meeting", general_meeting_id=meeting.id))
    form = MotionForm()
    if form.validate_on_submit():
        try:
            motion = motions.submit_motion(meeting, by=current_user, title_en=form.title_en.data, title_cy=form.title_cy.data or "",
                                           text_en=form.text_en.data, text_cy=form.text_cy.data or "")
        except Refused as refused:
            _refused(form, refused, "title_en")
        else:
            db.session.commit()
            flash(_("Your motion has been submitted. It needs a seconder from another member before the deadline for motions."),
                  "success")
            return redirect(url_for(".motion", motion_id=motion.id))
    return render_template("programme/meeting_motion_form.html", form=form, meeting=meeting,
                           member=motions.voting_member(current_user))


@bp.get("/motions/<int:motion_id>")
@access(SEE_MEETINGS)
def motion(motion_id):
    motion = _motion(motion_id)
    _lapse_if_due(motion.meeting)
    motion = agenda.motions_of(motion.meeting, motion_id=motion.id)[0]
    return render_template("programme/meeting_motion.html", motion=motion, meeting=motion.meeting, now=utcnow(),
                           difference=difference, agenda=agenda, member=motions.voting_member(current_user), confirm=ConfirmForm())


def _act(act, moved, done, motion_id):
    if ConfirmForm().validate_on_submit():
        try:
            act(moved, by=current_user)
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(done, "success")
    return redirect(url_for(".motion", motion_id=motion_id))


@bp.post("/motions/<int:motion_id>/second")
@access(SECOND_MOTION)
def second_motion(motion_id):
    motion = _motion(motion_id)
    return _act(motions.second_motion, motion, _("Your organisation has seconded the motion. Its mover has been told."), motion.id)


@bp.post("/amendments/<int:amendment_id>/second")
@access(SECOND_AMENDMENT)
def second_amendment(amendment_id):
    amendment = _amendment(amendment_id)
    return _act(motions.second_amendment, amendment, _("Your organisation has seconded the amendment. Its mover has been told."),
                amendment.motion_id)


def _rule(moved, motion):
    form = RulingForm()
    if form.validate_on_submit():
        try:
            motions.rule(moved, form.admissible.data == "yes", by=current_user, reason_en=form.reason_en.data,
                         reason_cy=form.reason_cy.data or "")
        except Refused as refused:
            _refused(form, refused, "admissible")
        else:
            db.session.commit()
            flash(_("The ruling has been published; the mover and seconder have been told."), "success")
            return redirect(url_for(".motion", motion_id=motion.id))
    return render_template("programme/meeting_ruling.html", form=form, moved=moved, motion=motion, difference=difference)


@bp.route("/motions/<int:motion_id>/ruling", methods=["GET", "POST"])
@access(MANAGE_MEETINGS)
def rule_motion(motion_id):
    motion = _motion(motion_id)
    return _rule(motion, motion)


@bp.route("/amendments/<int:amendment_id>/ruling", methods=["GET", "POST"])
@access(MANAGE_MEETINGS)
def rule_amendment(amendment_id):
    amendment = _amendment(amendment_id)
    return _rule(amendment, amendment.motion)


@bp.route("/motions/<int:motion_id>/amendments/new", methods=["GET", "POST"])
@access(AMEND_MOTION)
def new_amendment(motion_id):
    motion = _motion(motion_id)
    if motion.meeting.amendments_close_at <= utcnow() or motion.status not in motions.OPEN_TO_AMENDMENT:
        flash(_("This motion can no longer be amended."), "error")
        return redirect(url_for(".motion", motion_id=motion.id))
    form = AmendmentForm(data={"amended_text_en": motion.text_en, "amended_text_cy": motion.text_cy})
    if form.validate_on_submit():
        try:
            motions.propose_amendment(motion, by=current_user, kind=form.kind.data, amended_text_en=form.amended_text_en.data,
                                      amended_text_cy=form.amended_text_cy.data or "", explanation=form.explanation.data or "")
        except Refused as refused:
            _refused(form, refused, "kind")
        else:
            db.session.commit()
            flash(_("Your amendment has been proposed. It needs a seconder from another member before the deadline for amendments."),
                  "success")
            return redirect(url_for(".motion", motion_id=motion.id))
    return render_template("programme/meeting_amendment_form.html", form=form, motion=motion,
                           member=motions.voting_member(current_user))


@bp.route("/meetings/<int:general_meeting_id>/votes", methods=["GET", "POST"])
@access(MANAGE_MEETINGS)
def meeting_votes(general_meeting_id):
    meeting = _meeting(general_meeting_id)
    form = MeetingVotesForm()
    if form.validate_on_submit():
        try:
            made = agenda.make_decisions(meeting, by=current_user, opens_at=form.moment("opens"), closes_at=form.moment("closes"))
        except Refused as refused:
            _refused(form, refused, "opens_on")
        else:
            db.session.commit()
            flash(ngettext("%(num)d vote has been made and scheduled.", "%(num)d votes have been made and scheduled.", len(made)),
                  "success")
            return redirect(url_for(".meeting", general_meeting_id=meeting.id))
    return render_template("programme/meeting_votes.html", form=form, meeting=meeting, motions=agenda.motions_of(meeting),
                           agenda=agenda, now=utcnow())
