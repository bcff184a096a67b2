"""The second step of signing in, setting up the second factor, giving the password again,
recent sign-ins and signing out everywhere."""

import time

from flask import Blueprint, Response, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.inputs import text_arg
from ..core.urls import safe_next
from ..extensions import db
from . import second_factor, security, throttle
from .access import ANYONE, SIGNED_IN, access
from .forms import CodeForm, ConfirmForm, ConfirmPasswordForm, SetUpCodeForm
from .models import Person, SecurityEvent
from .session import end_sessions, is_current, open_sessions

bp = Blueprint("security", __name__, template_folder="templates")

PENDING_SECONDS = 300  # between the password and the code


def pending_person():
    """The person who gave the right password and now owes a code, if recent enough."""
    person_id, since = session.get("pending_person"), session.get("pending_at", 0)
    if not person_id or time.time() - since > PENDING_SECONDS:
        return None
    person = db.session.get(Person, person_id)
    return person if person is not None and person.is_active else None


def await_code(person, next_url):
    """After the password: remember who is signing in, and ask for their code."""
    locale = session.get("locale")
    session.clear()
    session.update(pending_person=person.id, pending_at=time.time(), pending_next=next_url)
    if locale:
        session["locale"] = locale
    return redirect(url_for("security.second_step"))


@bp.route("/sign-in/code", methods=["GET", "POST"])
@access(ANYONE)
def second_step():
    person = pending_person()
    if person is None:
        return render_template("auth/second_step_expired.html")
    form = CodeForm()
    if form.validate_on_submit():
        attempt = throttle.Attempt("code", person.email)
        try:
            attempt.count()
        except throttle.Throttled as refusal:
            return security.too_many_attempts(refusal, "auth/second_step.html", form, form.code, person=person)
        factor = second_factor.factor_of(person)
        code = form.code.data.strip()
        if factor is not None and second_factor.check_code(factor, code):
            used = "code"
        elif second_factor.use_recovery_code(person, code):
            used = "recovery code"
        else:
            used = None
        if used:
            attempt.succeeded()
            next_url = session.get("pending_next")
            security.start_session(person, second_factor_used=True)
            if used == "recovery code":
                security.record("recovery_code_used", person)
                flash(_("You used a recovery code. You have %(count)d left: make new ones from your account if you are running out.",
                        count=second_factor.recovery_codes_left(person)), "success")
            db.session.commit()
            return redirect(safe_next(next_url))
        attempt.failed(person)
        security.record("second_factor_failed", person, commit=True)
        form.code.errors.append(_("The code is not right, or it has been used. Try the next code from your app."))
    return render_template("auth/second_step.html", form=form)


@bp.route("/account/second-factor", methods=["GET", "POST"])
@access(SIGNED_IN)
@security.fresh_password
def set_up_second_factor():
    """Set up an authenticator app: start (a new secret), scan, and confirm with a first code."""
    confirmed = second_factor.factor_of(current_user)
    form = SetUpCodeForm()
    if confirmed is None and request.method == "POST":
        if request.form.get("start") is not None:
            if ConfirmForm().validate_on_submit():
                second_factor.begin(current_user)
                db.session.commit()
            return redirect(url_for("security.set_up_second_factor"))
        pending = second_factor.factor_of(current_user, confirmed=False)
        if pending is not None and form.validate_on_submit():
            codes = second_factor.confirm(current_user, pending, form.code.data)
            if codes is not None:
                security.record("second_factor_added", current_user)
                session["second_factor"] = True
                db.session.commit()
                return render_template("auth/recovery_codes.html", codes=codes, first=True)
            form.code.errors.append(_("The code is not right. Check the time on your phone is set automatically, and try the next code."))
    pending = None if confirmed else second_factor.factor_of(current_user, confirmed=False)
    qr = uri = None
    if pending is not None:
        uri = second_factor.provisioning_uri(current_user, pending)
        qr = second_factor.qr_svg(uri, _("QR code for your authenticator app"))
    return render_template(
        "auth/second_factor.html", confirmed=confirmed, pending=pending, qr=qr, form=form, confirm=ConfirmForm(),
        codes_left=second_factor.recovery_codes_left(current_user) if confirmed else None,
        required=security.must_use_second_factor(current_user),
    )


@bp.post("/account/second-factor/recovery-codes")
@access(SIGNED_IN)
@security.fresh_password
def recovery_codes():
    if second_factor.factor_of(current_user) is None or not ConfirmForm().validate_on_submit():
        return redirect(url_for("security.set_up_second_factor"))
    codes = second_factor.new_recovery_codes(current_user)
    security.record("recovery_codes_made", current_user)
    db.session.commit()
    return render_template("auth/recovery_codes.html", codes=codes, first=False)


@bp.post("/account/second-factor/recovery-codes.txt")
@access(SIGNED_IN)
def download_recovery_codes():
    """The recovery codes just shown, as a text file to keep: sent back by the page's form (only
    hashes are kept), and only those that are the person's own and unused go in the file."""
    codes = second_factor.unused_recovery_codes(current_user, request.form.getlist("code"))
    if not codes:
        flash(_("Those codes are no longer yours to download. Make new recovery codes if you need them."), "error")
        return redirect(url_for("security.set_up_second_factor"))
    text = render_template("auth/recovery_codes.txt", codes=codes, person=current_user)
    return Response(text, mimetype="text/plain", headers={
        "Content-Disposition": 'attachment; filename="recovery-codes.txt"', "Cache-Control": "no-store"})


@bp.post("/account/second-factor/remove")
@access(SIGNED_IN)
@security.fresh_password
def remove_second_factor():
    if ConfirmForm().validate_on_submit() and second_factor.factor_of(current_user, confirmed=False) is not None:
        second_factor.remove(current_user, by=current_user)
        security.record("second_factor_removed", current_user)
        session["second_factor"] = False
        db.session.commit()
        flash(_("Your authenticator app has been removed from your account."), "success")
    return redirect(url_for("security.set_up_second_factor"))


@bp.route("/account/confirm-password", methods=["GET", "POST"])
@access(SIGNED_IN)
def confirm_password():
    """Give the password again before a sensitive change."""
    form = ConfirmPasswordForm()
    if form.validate_on_submit():
        try:
            right = security.confirms_password(current_user._get_current_object(), form.password.data)
        except throttle.Throttled as refusal:
            return security.too_many_attempts(refusal, "auth/confirm_password.html", form, form.password, person=current_user)
        if right:
            session["reauth_at"] = time.time()
            return redirect(safe_next(text_arg("next", limit=2000)))
        form.password.errors.append(_("Your password is not right"))
    return render_template("auth/confirm_password.html", form=form)


@bp.get("/account/sign-ins")
@access(SIGNED_IN)
def sign_ins():
    """The person's own recent security events: where and when they signed in, and failures."""
    events = db.session.scalars(
        select(SecurityEvent).where(SecurityEvent.person_id == current_user.id).order_by(SecurityEvent.at.desc()).limit(50)
    ).all()
    person = current_user._get_current_object()
    sessions = [(row, is_current(row, person)) for row in open_sessions(person)]
    return render_template("auth/sign_ins.html", events=events, sessions=sessions, form=ConfirmForm())


@bp.post("/account/sign-out-everywhere")
@access(SIGNED_IN)
def sign_out_everywhere():
    if ConfirmForm().validate_on_submit():
        person = current_user._get_current_object()
        end_sessions(person, "signed_out_everywhere", keep_current=True)
        security.renew_session(person, "signed_out_everywhere")
        security.record("signed_out_everywhere", person)
        db.session.commit()
        flash(_("You have been signed out on every other device and browser."), "success")
    return redirect(url_for("security.sign_ins"))
