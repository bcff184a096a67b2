"""A person's own account: details, language, password and email address."""

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from . import rules, security, throttle
from .access import ANYONE, SIGNED_IN, access
from .forms import ChangeEmailForm, ChangePasswordForm, ConfirmForm, PreferencesForm
from .models import Person, Token

bp = Blueprint("account", __name__, url_prefix="/account", template_folder="templates")


@bp.get("/")
@access(SIGNED_IN)
def show():
    from .second_factor import factor_of

    return render_template("auth/account.html", person=current_user, second_factor_on=factor_of(current_user) is not None)


@bp.route("/details", methods=["GET", "POST"])
@access(SIGNED_IN)
def details():
    form = PreferencesForm(obj=current_user)
    if form.locale.data not in ("en", "cy"):
        form.locale.data = current_user.locale or session.get("locale") or "en"
    if form.validate_on_submit():
        changed = {
            field: getattr(form, field).data
            for field in ("name", "locale")
            if getattr(form, field).data != getattr(current_user, field)
        }
        if changed:
            current_user.name, current_user.locale = form.name.data, form.locale.data
            session["locale"] = form.locale.data
            audit.record("person.details_changed", current_user, detail={"fields": sorted(changed)})
            db.session.commit()
        flash(_("Your details have been saved."), "success")
        return redirect(url_for("account.show"))
    return render_template("auth/details.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@access(SIGNED_IN)
def change_password():
    form = ChangePasswordForm()
    form.person_email = current_user.email
    if form.validate_on_submit():
        person = current_user._get_current_object()
        try:
            right = security.confirms_password(person, form.current_password.data)
        except throttle.Throttled as refusal:
            return security.too_many_attempts(refusal, "auth/change_password.html", form, form.current_password, person=person)
        if right:
            rules.change_password(person, form.password.data)
            security.renew_session(person, "password_changed")
            security.record("password_changed", person)
            db.session.commit()
            flash(_("Your password has been changed. You have been signed out everywhere else."), "success")
            return redirect(url_for("account.show"))
        form.current_password.errors.append(_("Your current password is not right"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/email", methods=["GET", "POST"])
@access(SIGNED_IN)
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            right = security.confirms_password(current_user._get_current_object(), form.current_password.data)
        except throttle.Throttled as refusal:
            return security.too_many_attempts(refusal, "auth/change_email.html", form, form.current_password, person=current_user)
        if not right:
            form.current_password.errors.append(_("Your current password is not right"))
        elif Person.normalise_email(form.email.data) == current_user.email:
            form.email.errors.append(_("This is already your email address"))
        else:
            rules.request_email_change(current_user, form.email.data)
            db.session.commit()
            return render_template("auth/email_sent.html", email=form.email.data)
    return render_template("auth/change_email.html", form=form)


@bp.route("/email/confirm/<secret>", methods=["GET", "POST"])
@access(ANYONE)
def confirm_email(secret):
    # A button, not the link itself, makes the change: mail scanners follow links.
    token = Token.find_usable(secret, "email_change")
    restart = url_for("account.change_email")
    if token is None:
        return render_template("auth/link_expired.html", restart=restart), 404
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            confirmed = rules.confirm_email_change(token)
        except rules.EmailInUse:
            db.session.rollback()
            message = _("Another account now uses this email address, so it cannot be moved to yours.")
            return render_template("auth/link_expired.html", restart=restart, message=message), 409
        if not confirmed:
            return render_template("auth/link_expired.html", restart=restart), 404
        db.session.commit()
        flash(_("Your email address has been changed."), "success")
        return redirect(url_for("account.show") if current_user.is_authenticated else url_for("auth.sign_in"))
    return render_template("auth/confirm_email.html", form=form, token=token)
