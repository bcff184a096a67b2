"""Signing in and out, forgotten passwords, and accepting an invitation."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from ..core.inputs import text_arg
from ..core.urls import safe_next
from ..extensions import db, limiter
from . import rules, second_factor, security, throttle
from .access import ANYONE, SIGNED_IN, access
from .forms import AcceptInvitationForm, ConfirmForm, ForgottenPasswordForm, ResetPasswordForm, SignInForm
from .models import Person, Token
from .security_views import await_code

bp = Blueprint("auth", __name__, template_folder="templates")


@bp.route("/sign-in", methods=["GET", "POST"])
@access(ANYONE)
def sign_in():
    if current_user.is_authenticated:
        return redirect(safe_next(text_arg("next", limit=2000)))
    form = SignInForm()
    if form.validate_on_submit():
        attempt = throttle.Attempt("password", Person.normalise_email(form.email.data))
        try:
            attempt.count()
        except throttle.Throttled as refusal:
            return security.too_many_attempts(refusal, "auth/sign_in.html", form, form.email, email=form.email.data,
                                              person=rules.find_person(form.email.data))
        person = rules.authenticate(form.email.data, form.password.data)
        if person is not None:
            attempt.succeeded()
            if second_factor.factor_of(person) is not None:
                db.session.commit()
                return await_code(person, text_arg("next", limit=2000))
            security.start_session(person, second_factor_used=False)
            db.session.commit()
            return redirect(safe_next(text_arg("next", limit=2000)))
        someone = rules.find_person(form.email.data)
        attempt.failed(someone)
        security.record("sign_in_failed", someone, email=form.email.data, commit=True)
        form.email.errors.append(_("Enter a correct email address and password"))
    return render_template("auth/sign_in.html", form=form)


@bp.route("/sign-out", methods=["GET", "POST"])
@access(SIGNED_IN)
def sign_out():
    form = ConfirmForm()
    if form.validate_on_submit():
        person = current_user._get_current_object()
        security.end_session()
        security.record("signed_out", person)
        db.session.commit()
        flash(_("You have signed out."), "success")
        return redirect(url_for("core.home"))
    return render_template("auth/sign_out.html", form=form)


@bp.route("/password/forgotten", methods=["GET", "POST"])
@access(ANYONE)
@limiter.limit(lambda: current_app.config["SIGN_IN_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgotten_password():
    form = ForgottenPasswordForm()
    if form.validate_on_submit():
        rules.request_password_reset(form.email.data, locale=str(get_locale()))
        db.session.commit()
        return render_template("auth/reset_sent.html", email=form.email.data)
    return render_template("auth/forgotten_password.html", form=form)


@bp.route("/password/reset/<secret>", methods=["GET", "POST"])
@access(ANYONE)
def reset_password(secret):
    token = Token.find_usable(secret, "password_reset")
    if token is None:
        return render_template("auth/link_expired.html", restart=url_for("auth.forgotten_password")), 404
    form = ResetPasswordForm()
    form.person_email = token.person.email
    if form.validate_on_submit():
        if rules.reset_password(token, form.password.data):
            security.record("password_reset", token.person)
            db.session.commit()
            # The reset proved who they are from their inbox: waits earned here by wrong guesses end.
            throttle.Attempt("password", token.person.email).forgive()
            if current_user.is_authenticated:
                logout_user()
            flash(_("Your password has been changed. Sign in with your new password."), "success")
            return redirect(url_for("auth.sign_in"))
        return render_template("auth/link_expired.html", restart=url_for("auth.forgotten_password")), 404
    return render_template("auth/reset_password.html", form=form, email=token.person.email)


@bp.route("/invitation/<secret>", methods=["GET", "POST"])
@access(ANYONE)
def accept_invitation(secret):
    token = Token.find_usable(secret, "invitation")
    if token is None:
        return render_template("auth/link_expired.html", restart=None), 404
    form = AcceptInvitationForm(obj=token.person if request.method == "GET" else None)
    form.person_email = token.person.email
    if form.validate_on_submit():
        if rules.accept_invitation(token, name=form.name.data, password=form.password.data):
            security.start_session(token.person, second_factor_used=False)
            db.session.commit()
            flash(_("Welcome. Your account is ready."), "success")
            return redirect(url_for("core.home"))
        return render_template("auth/link_expired.html", restart=None), 404
    return render_template("auth/accept_invitation.html", form=form, person=token.person)
