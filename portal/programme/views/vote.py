"""The secretariat puts a call's shortlist to the members' vote, and adopts the programme it chose."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ...auth.access import access
from ...auth.forms import ConfirmForm
from ...extensions import db
from ..forms import VoteForm
from ..permissions import MANAGE_IDEAS
from ..rules import Refused, vote
from .ideas import _call, bp


@bp.route("/calls/<int:call_id>/vote", methods=["GET", "POST"])
@access(MANAGE_IDEAS)
def make_vote(call_id):
    call = _call(call_id)
    form = VoteForm()
    if form.validate_on_submit():
        opens, closes = form.moments()
        try:
            decision = vote.make_vote(call, by=current_user, method=form.method.data, opens_at=opens, closes_at=closes,
                                      seats=form.seats.data, max_choices=form.max_choices.data or 1,
                                      points=form.points.data or 0, points_per_option=form.points_per_option.data or 0)
        except Refused as refused:
            db.session.rollback()
            getattr(form, refused.field or "method").errors.append(str(refused.message))
        else:
            db.session.commit()
            flash(_("The programme vote has been made and scheduled. Members vote on the shortlist when it opens."), "success")
            return redirect(url_for("decisions.show", decision_id=decision.id))
    return render_template("programme/vote.html", call=call, form=form, shortlist=vote.shortlist(call))


@bp.post("/calls/<int:call_id>/adopt")
@access(MANAGE_IDEAS)
def adopt(call_id):
    call = _call(call_id)
    if ConfirmForm().validate_on_submit():
        try:
            items = vote.adopt(call, by=current_user)
        except Refused as refused:
            db.session.rollback()
            flash(str(refused.message), "error")
        else:
            db.session.commit()
            flash(_("The programme has been adopted: %(count)d items.", count=len(items)), "success")
    return redirect(url_for(".call", call_id=call.id))
