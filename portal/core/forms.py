"""Base form and field helpers shared by every area."""

import re
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import Field, PasswordField, StringField, TextAreaField, ValidationError
from wtforms.validators import DataRequired, Length, Optional, StopValidation
from wtforms.fields.choices import SelectChoice

from ..i18n import london
from . import widgets
from .form_messages import MESSAGES_IN_WORDS
from .spreadsheets import unusual_characters


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

        def get_translations(self, form):
            """The portal's own words for WTForms' messages, not "Not a valid integer value."."""
            return MESSAGES_IN_WORDS


class NoControlCharacters:
    """Refuse text with control characters other than tabs, and line breaks unless ``lines``
    (a one-line answer, such as a name, can hold none: it may end up in an email's subject)."""

    def __init__(self, message=None, lines=True):
        self.message = message or _l("Remove the unusual characters from this answer")
        self.lines = lines

    def __call__(self, form, field):
        if unusual_characters(field.data if isinstance(field.data, str) else "", lines=self.lines):
            raise ValidationError(self.message)


def _length(max_length):
    return Length(max=max_length, message=_l("This must be %(count)d characters or fewer", count=max_length))


def text_field(label, max_length=200, required=None, description=None):
    """A one-line answer: ``required`` is the message when it is left empty (None: optional)."""
    validators = [DataRequired(required)] if required else [Optional()]
    return StringField(label, description=description, validators=[*validators, _length(max_length), NoControlCharacters(lines=False)],
                       widget=widgets.TextInput())


def long_text_field(label, required=None, description=None, max_length=10000):
    """A paragraph or more, such as a description or a post."""
    validators = [DataRequired(required)] if required else [Optional()]
    return TextAreaField(label, description=description, validators=[*validators, _length(max_length), NoControlCharacters()],
                         widget=widgets.TextArea())


def choices(pairs):
    """WTForms choices from ``(value, label)`` pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


class PoundsField(StringField):
    """An amount typed in pounds ('1,250', '£1250.50'), held as integer pence in ``data``."""

    def __init__(self, *args, minimum_pence=0, maximum_pence=10_000_000_00, **kwargs):
        super().__init__(*args, **kwargs)
        self.minimum_pence = minimum_pence
        self.maximum_pence = maximum_pence

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{Decimal(self.data) / 100:.2f}"

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not (valuelist[0] or "").strip():
            return
        text = valuelist[0].strip().replace(" ", "").removeprefix("£")
        # ASCII digits only (\d takes any script's), and commas only between thousands: "1,2,3" is no amount.
        if not re.fullmatch(r"(?a:\d{1,9}|\d{1,3}(,\d{3}){1,2})(\.\d{1,2})?", text):
            raise ValueError(_l("Enter an amount in pounds, like 150 or 150.50"))
        text = text.replace(",", "")
        try:
            pence = int(Decimal(text) * 100)
        except InvalidOperation as error:
            raise ValueError(_l("Enter an amount in pounds, like 150 or 150.50")) from error
        if pence < self.minimum_pence:
            raise ValueError(_l("Enter an amount of at least £%(amount)s", amount=f"{Decimal(self.minimum_pence) / 100:.2f}"))
        if pence > self.maximum_pence:
            raise ValueError(_l("Enter an amount no larger than £%(amount)s", amount=f"{Decimal(self.maximum_pence) / 100:,.2f}"))
        self.data = pence


class DayMonthYearField(Field):
    """A date typed in three boxes, with GOV.UK's messages when it is not a real date."""

    def _value(self):
        return ""

    def process_formdata(self, valuelist):
        self.data = None
        values = [(value or "").strip() for value in valuelist[:3]]
        if not any(values):
            return
        if len(values) != 3 or not all(value.isdigit() and len(value) <= 4 for value in values):
            raise ValueError(_l("Enter a real date, like 27 3 2027"))
        day, month, year = (int(value) for value in values)
        try:
            self.data = date(year, month, day)
        except ValueError as error:
            raise ValueError(_l("Enter a real date, like 27 3 2027")) from error
        if not 1900 <= year <= 2200:
            self.data = None
            raise ValueError(_l("Enter a year with four digits, like 2027"))


class Answered:
    """Required, without hiding a more precise message from the field itself (a date that
    is not real, an amount that is not money): only an empty answer gets ``message``."""

    field_flags = {"required": True}

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field):
        if not any((value or "").strip() for value in (field.raw_data or []) if isinstance(value, str)):
            field.errors[:] = []
            raise StopValidation(self.message)


class TimeOfDay:
    def __call__(self, form, field):
        if field.data and parse_time(field.data) is None:
            raise ValidationError(_l("Enter a time like 09:30 or 17:00"))


def parse_time(text):
    try:
        hours, minutes = (int(part) for part in (text or "").strip().replace(".", ":").split(":"))
        return time(hours, minutes)
    except (ValueError, TypeError):
        return None


class OpensAndCloses:
    """For a form with ``opens_on``/``opens_time`` and ``closes_on``/``closes_time`` (a voting
    window, a call's): the two moments in UK time, and ``closes_too_soon`` next to the closing
    time when it is not after the opening."""

    closes_too_soon = _l("Voting must close after it opens")

    def moments(self):
        return london_moment(self.opens_on.data, self.opens_time.data), london_moment(self.closes_on.data, self.closes_time.data)

    def validate_closes_time(self, field):
        if self.opens_on.data and self.closes_on.data and parse_time(self.opens_time.data) and parse_time(field.data):
            opens, closes = self.moments()
            if closes <= opens:
                raise ValidationError(self.closes_too_soon)


def london_moment(day, clock):
    """A UK date and time of day as an aware moment (summer time included)."""
    return datetime.combine(day, parse_time(clock), tzinfo=london())
