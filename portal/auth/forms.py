"""Fields of the sign-in, password, invitation and account forms."""

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, PasswordField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, Email, InputRequired, Length, ValidationError

from ..core import widgets
from ..core.forms import Form, NoControlCharacters, choices
from ..core.inputs import form_id
from .passwords import problems

ROLE_LABELS = {
    "admin": _l("Administrator"),
    "secretariat": _l("Secretariat"),
    "moderator": _l("Forum moderator"),
    "reviewer": _l("Proposal reviewer"),
}


def email_is_valid(value):
    """True for an address in the right form (no network lookup)."""
    try:
        validate_email(value or "", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def email_field(label=None):
    return EmailField(
        label or _l("Email address"),
        validators=[
            DataRequired(_l("Enter an email address")),
            Length(max=254, message=_l("Email address must be 254 characters or fewer")),
            Email(_l("Enter an email address in the correct format, like name@example.org")),
        ],
        widget=widgets.EmailInput(),
        render_kw={"autocomplete": "email", "spellcheck": "false"},
    )


def name_field():
    return StringField(
        _l("Full name"),
        validators=[
            DataRequired(_l("Enter a full name")),
            Length(max=200, message=_l("Full name must be 200 characters or fewer")),
            NoControlCharacters(lines=False),
        ],
        widget=widgets.TextInput(),
        render_kw={"autocomplete": "name", "spellcheck": "false"},
    )


class NewPassword:
    """Apply the password policy, naming the person's own details it must not contain."""

    def __call__(self, form, field):
        email = getattr(getattr(form, "email", None), "data", None) or getattr(form, "person_email", None)
        name = getattr(getattr(form, "name", None), "data", None)
        for message in problems(field.data, email=email, name=name):
            raise ValidationError(message)


def new_password_field(label=None):
    return PasswordField(
        label or _l("New password"),
        description=_l("Use 10 characters or more. Three random words make a strong password."),
        validators=[InputRequired(_l("Enter a password")), NewPassword()],
        widget=widgets.PasswordInput(),
        render_kw={"autocomplete": "new-password"},
    )


class SignInForm(Form):
    email = email_field()
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(_l("Enter your password")), Length(max=1024)],
        widget=widgets.PasswordInput(),
        render_kw={"autocomplete": "current-password"},
    )


class ForgottenPasswordForm(Form):
    email = email_field()


class ResetPasswordForm(Form):
    password = new_password_field()


class AcceptInvitationForm(Form):
    name = name_field()
    password = new_password_field(_l("Create a password"))


class ChangePasswordForm(Form):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password")), Length(max=1024)],
        widget=widgets.PasswordInput(),
        render_kw={"autocomplete": "current-password"},
    )
    password = new_password_field()


class ChangeEmailForm(Form):
    email = email_field(_l("New email address"))
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(_l("Enter your current password")), Length(max=1024)],
        widget=widgets.PasswordInput(),
        render_kw={"autocomplete": "current-password"},
    )


class PreferencesForm(Form):
    name = name_field()
    locale = RadioField(
        _l("Language for pages and emails"),
        choices=choices([("en", "English"), ("cy", "Cymraeg")]),
        validators=[InputRequired(_l("Choose a language"))],
        widget=widgets.RadioInput(),
    )


class InvitePersonForm(Form):
    name = name_field()
    email = email_field()
    member_id = SelectField(
        _l("Member organisation"),
        description=_l("Leave as ‘None’ for people who do not act for a member, such as secretariat staff."),
        coerce=form_id,
        validators=[InputRequired(_l("Choose a member organisation, or none"))],
        widget=widgets.Select(),
    )
    is_member_admin = BooleanField(
        _l("Member admin: can keep the member's profile and people up to date"),
        widget=widgets.CheckboxInput(),
    )
    roles = SelectMultipleField(
        _l("Network roles"),
        description=_l("Select all that apply."),
        widget=widgets.CheckboxesInput(),
    )


class RolesForm(Form):
    roles = SelectMultipleField(
        _l("Network roles"),
        description=_l("Select all that apply."),
        widget=widgets.CheckboxesInput(),
    )


class ConfirmForm(Form):
    """A form with nothing but its CSRF token, for buttons that change something."""


def _password(label, required):
    return PasswordField(label, validators=[InputRequired(required), Length(max=1024)], widget=widgets.PasswordInput(),
                         render_kw={"autocomplete": "current-password"})


class CodeForm(Form):
    code = StringField(
        _l("Code"), description=_l("The 6-digit code from your authenticator app, or one of your recovery codes."),
        validators=[InputRequired(_l("Enter the code")), Length(max=20, message=_l("Enter the code"))],
        widget=widgets.TextInput(), render_kw={"autocomplete": "one-time-code", "spellcheck": "false"},
    )


class SetUpCodeForm(Form):
    """The first code, when setting up the app: there are no recovery codes yet."""

    code = StringField(
        _l("Code"), description=_l("The 6-digit code your authenticator app shows now."),
        validators=[InputRequired(_l("Enter the code")), Length(max=20, message=_l("Enter the code"))],
        widget=widgets.TextInput(), render_kw={"autocomplete": "one-time-code", "spellcheck": "false"},
    )


class ConfirmPasswordForm(Form):
    password = _password(_l("Your password"), _l("Enter your password"))


SECURITY_EVENT_LABELS = {
    "sign_in": _l("Signed in"),
    "sign_in_failed": _l("Sign-in failed"),
    "locked_out": _l("Too many attempts: locked out for a while"),
    "second_factor_failed": _l("Wrong code from the authenticator app"),
    "second_factor_added": _l("Authenticator app turned on"),
    "second_factor_removed": _l("Authenticator app removed"),
    "recovery_codes_made": _l("New recovery codes made"),
    "recovery_code_used": _l("Signed in with a recovery code"),
    "access_refused": _l("Refused a page"),
    "signed_out_everywhere": _l("Signed out everywhere else"),
    "session_expired": _l("Session ended"),
    "reauth_failed": _l("Wrong password when asked again"),
    "password_changed": _l("Password changed"),
    "password_reset": _l("Password changed with a reset link"),
    "signed_out": _l("Signed out"),
}
