"""Base form and field helpers shared by every area."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class Form(FlaskForm):
    """A form whose text answers are trimmed, so '  ' counts as empty. Passwords are kept as typed."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field_class = unbound_field.field_class
            if issubclass(field_class, (StringField, TextAreaField)) and not issubclass(field_class, PasswordField):
                filters = (_strip, *unbound_field.kwargs.get("filters", ()))
                return unbound_field.bind(form=form, filters=filters, **options)
            return unbound_field.bind(form=form, **options)


class NoControlCharacters:
    """Refuse text with control characters other than new lines and tabs."""

    def __init__(self, message=None):
        self.message = message or _l("Remove the unusual characters from this answer")

    def __call__(self, form, field):
        value = field.data if isinstance(field.data, str) else ""
        if any((ord(char) < 32 and char not in "\r\n\t") or ord(char) == 127 for char in value):
            raise ValidationError(self.message)


def choices(pairs):
    """WTForms choices from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]
