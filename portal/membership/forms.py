"""Fields of the membership forms: applying, profiles, people, tiers and money."""

import re
from decimal import Decimal
import secrets

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, SelectField, SelectMultipleField
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..auth.forms import email_field, name_field
from ..core import widgets
from ..core.forms import Answered, DayMonthYearField, Form, NoControlCharacters, PoundsField, choices
from ..core.inputs import form_id
from .models import MEMBER_KINDS

KIND_LABELS = {
    "council": _l("Council"),
    "combined_authority": _l("Combined authority"),
    "cooperative": _l("Co-operative"),
    "community_organisation": _l("Community organisation"),
    "university": _l("University"),
    "other": _l("Other organisation"),
    "individual": _l("Individual"),
}
STATUS_LABELS = {
    "applicant": _l("Applicant"),
    "active": _l("Active"),
    "in_grace": _l("In grace"),
    "lapsed": _l("Lapsed"),
    "suspended": _l("Suspended"),
    "resigned": _l("Resigned"),
}
REGIONS = {
    "north_east": _l("North East"),
    "north_west": _l("North West"),
    "yorkshire": _l("Yorkshire and the Humber"),
    "east_midlands": _l("East Midlands"),
    "west_midlands": _l("West Midlands"),
    "east": _l("East of England"),
    "london": _l("London"),
    "south_east": _l("South East"),
    "south_west": _l("South West"),
    "wales": _l("Wales"),
    "scotland": _l("Scotland"),
    "northern_ireland": _l("Northern Ireland"),
}
METHOD_LABELS = {
    "bank_transfer": _l("Bank transfer"),
    "card": _l("Card"),
    "cheque": _l("Cheque"),
    "direct_debit": _l("Direct Debit"),
    "other": _l("Other"),
}
ADJUSTMENT_LABELS = {"credit_note": _l("Credit note"), "waiver": _l("Waiver")}


def text(label, *, max_length, required=None, description=None, widget=None):
    validators = [DataRequired(required)] if required else [Optional()]
    validators += [
        Length(max=max_length, message=_l("This must be %(count)d characters or fewer", count=max_length)),
        NoControlCharacters(lines=widget is not None),  # a one-line answer may hold no line break
    ]
    return StringField(label, description=description, validators=validators, widget=widget or widgets.TextInput())


class Website:
    def __call__(self, form, field):
        if field.data and not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", field.data):
            raise ValidationError(_l("Enter a web address starting with https://"))


def website_field():
    field = text(_l("Website (optional)"), max_length=300)
    field.kwargs["validators"].append(Website())
    field.kwargs["render_kw"] = {"spellcheck": "false", "autocomplete": "url"}
    return field


def region_field(required=False):
    return SelectField(
        _l("Region or nation"),
        choices=choices([("", _l("Choose a region or nation"))] + list(REGIONS.items())),
        validators=[InputRequired(_l("Choose a region or nation"))] if required else [Optional()],
        widget=widgets.Select(),
    )


def population_field():
    return IntegerField(
        _l("Population of the area (councils only)"),
        description=_l("The fee of some tiers depends on it. Use the latest ONS mid-year estimate."),
        validators=[Optional(), NumberRange(min=0, max=20_000_000, message=_l("Enter a population between 0 and 20,000,000"))],
        widget=widgets.TextInput(),
    )


class ApplicationForm(Form):
    kind = RadioField(
        _l("What kind of member would you be?"),
        choices=choices(KIND_LABELS.items()),
        validators=[InputRequired(_l("Choose what kind of member you would be"))],
        widget=widgets.RadioInput(),
    )
    name = text(
        _l("Name of the organisation, or your name if you apply as an individual"),
        max_length=200,
        required=_l("Enter the name of the organisation, or your name"),
    )
    region = region_field(required=True)
    local_authority_area = text(_l("Local authority area (optional)"), max_length=120)
    website = website_field()
    registration_number = text(
        _l("Registration number (optional)"),
        max_length=40,
        description=_l("For a council its ONS code (like E07000178); for a society its FCA number; for a company its Companies House number."),
    )
    population = population_field()
    tier_id = RadioField(
        _l("Which membership are you applying for?"),
        coerce=form_id,
        validators=[InputRequired(_l("Choose a membership tier"))],
        widget=widgets.RadioInput(),
    )
    contact_name = text(_l("Your full name"), max_length=200, required=_l("Enter your full name"))
    contact_email = email_field(_l("Your email address"))
    statement = TextAreaField(
        _l("Why do you want to join? (optional)"),
        validators=[Optional(), Length(max=3000, message=_l("This must be %(count)d characters or fewer", count=3000)), NoControlCharacters()],
        widget=widgets.TextArea(),
    )
    agreed_to_values = BooleanField(
        _l("I have read the network's values and principles and my organisation is committed to putting them into action"),
        validators=[DataRequired(_l("Confirm that you share the network's values and principles"))],
        widget=widgets.CheckboxInput(),
    )


class ProfileForm(Form):
    region = region_field()
    local_authority_area = text(_l("Local authority area (optional)"), max_length=120)
    website = website_field()


class MemberForm(Form):
    name = text(_l("Name"), max_length=200, required=_l("Enter the member's name"))
    kind = SelectField(_l("Kind of member"), choices=choices(KIND_LABELS.items()), widget=widgets.Select())
    tier_id = SelectField(_l("Tier"), coerce=form_id, widget=widgets.Select())
    region = region_field()
    local_authority_area = text(_l("Local authority area (optional)"), max_length=120)
    website = website_field()
    registration_number = text(_l("Registration number (optional)"), max_length=40)
    population = population_field()
    notes = TextAreaField(
        _l("Notes (seen only by the secretariat)"),
        validators=[Optional(), Length(max=5000, message=_l("This must be %(count)d characters or fewer", count=5000)), NoControlCharacters()],
        widget=widgets.TextArea(),
    )


class StatusForm(Form):
    action = RadioField(
        _l("What do you want to do?"),
        choices=choices([
            ("suspend", _l("Suspend the membership")),
            ("resign", _l("Record that the member has resigned")),
            ("reinstate", _l("Reinstate the membership")),
        ]),
        validators=[InputRequired(_l("Choose what to do"))],
        widget=widgets.RadioInput(),
    )
    reason = text(_l("Reason"), max_length=500, required=_l("Enter the reason"))


class DeclineForm(Form):
    reason = TextAreaField(
        _l("Reason for declining"),
        description=_l("The applicant is emailed this reason."),
        validators=[DataRequired(_l("Enter the reason for declining")), Length(max=3000), NoControlCharacters()],
        widget=widgets.TextArea(),
    )


class InviteColleagueForm(Form):
    name = name_field()
    email = email_field()
    is_member_admin = BooleanField(
        _l("Member admin: can keep the member's profile and people up to date"), widget=widgets.CheckboxInput()
    )


class RepresentativesForm(Form):
    voting = SelectField(_l("Voting representative"), coerce=form_id, widget=widgets.Select(),
                         description=_l("Casts the member's single vote on each decision."))
    deputy = SelectField(_l("Deputy (optional)"), coerce=form_id, widget=widgets.Select(),
                         description=_l("Votes when the representative cannot."))
    contact = SelectField(_l("Primary contact"), coerce=form_id, widget=widgets.Select(),
                          description=_l("Receives invoices and reminders."))

    def validate_deputy(self, field):
        if field.data and field.data == self.voting.data:
            raise ValidationError(_l("The deputy must be someone other than the voting representative"))


def new_key():
    return secrets.token_urlsafe(24)


class PaymentForm(Form):
    key = HiddenField(default=new_key)
    amount = PoundsField(_l("Amount received"), minimum_pence=1, validators=[Answered(_l("Enter the amount received"))],
                         widget=widgets.TextInput())
    received_on = DayMonthYearField(_l("Date received"), description=_l("On or after the day the invoice was issued."),
                                    validators=[Answered(_l("Enter the date the money was received"))],
                                    widget=widgets.DateInput())
    method = SelectField(_l("How it was paid"), choices=choices(METHOD_LABELS.items()), widget=widgets.Select())
    reference = text(_l("Reference (optional)"), max_length=100, description=_l("For example the bank's reference or the cheque number."))
    excess_to_credit = BooleanField(_l("If this is more than is outstanding, keep the difference as credit on the member's account"),
                                    widget=widgets.CheckboxInput())

    def validate_key(self, field):
        if not field.data or len(field.data) > 64:
            raise ValidationError(_l("Reload the page and try again"))


class AdjustmentForm(Form):
    key = HiddenField(default=new_key)
    kind = RadioField(_l("Kind"), choices=choices(ADJUSTMENT_LABELS.items()), validators=[InputRequired(_l("Choose a credit note or a waiver"))],
                      widget=widgets.RadioInput())
    amount = PoundsField(_l("Amount"), minimum_pence=1, description=_l("A waiver may leave this empty to waive all that is outstanding."),
                         widget=widgets.TextInput())
    reason = text(_l("Reason"), max_length=500, required=_l("Enter the reason"))

    def validate_amount(self, field):
        if self.kind.data == "credit_note" and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the amount of the credit note"))

    validate_key = PaymentForm.validate_key


class TierForm(Form):
    name_en = text(_l("Name in English"), max_length=60, required=_l("Enter the name in English"))
    name_cy = text(_l("Name in Welsh"), max_length=60, required=_l("Enter the name in Welsh"))
    description_en = TextAreaField(_l("Description in English"), validators=[Optional(), Length(max=2000), NoControlCharacters()], widget=widgets.TextArea())
    description_cy = TextAreaField(_l("Description in Welsh"), validators=[Optional(), Length(max=2000), NoControlCharacters()], widget=widgets.TextArea())
    eligible_kinds = SelectMultipleField(
        _l("Who may hold it"), choices=choices(KIND_LABELS.items()),
        validators=[DataRequired(_l("Choose at least one kind of member"))], widget=widgets.CheckboxesInput()
    )
    carries_vote = BooleanField(_l("Members of this tier vote"), widget=widgets.CheckboxInput())
    may_lead_labs = BooleanField(_l("Members of this tier may lead a Policy Lab"), widget=widgets.CheckboxInput())
    fee_rule = RadioField(
        _l("How is the fee set?"),
        choices=choices([("flat", _l("The same fee for everyone")), ("band", _l("By population band"))]),
        validators=[InputRequired(_l("Choose how the fee is set"))],
        widget=widgets.RadioInput(),
    )
    flat_fee = PoundsField(_l("Yearly fee"), widget=widgets.TextInput())
    prorate_first_year = RadioField(
        _l("A new member's first subscription"),
        choices=choices([("full", _l("The whole year's fee, whenever it joins")),
                         ("prorate", _l("Pro-rated: the months left in the membership year from the month it joins"))]),
        default="full", validators=[Optional()], widget=widgets.RadioInput(),
    )
    bands = TextAreaField(
        _l("Population bands"),
        description=_l("One band a line: the largest population in the band, then the fee in pounds. Write * for the last band. For example: 100000 1500, then * 3500."),
        validators=[Optional(), Length(max=2000)],
        widget=widgets.TextArea(),
    )

    def validate_flat_fee(self, field):
        if self.fee_rule.data == "flat" and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the yearly fee"))

    def validate_bands(self, field):
        if self.fee_rule.data != "band":
            return
        self.parsed_bands = parse_bands(field.data or "")
        if self.parsed_bands is None:
            raise ValidationError(_l("Write each band as a population and a fee, like 100000 1500, ending with * and a fee"))


def parse_bands(text):
    """'100000 1500\\n* 3500' -> [(0, 100000, 150000), (100001, None, 350000)], or None if malformed."""
    bands, floor = [], 0
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for index, line in enumerate(lines):
        match = re.fullmatch(r"(\*|[\d,]+)\s+£?([\d,]+(?:\.\d{1,2})?)", line)
        if not match:
            return None
        ceiling = None if match.group(1) == "*" else int(match.group(1).replace(",", ""))
        if (ceiling is None) != (index == len(lines) - 1) or (ceiling is not None and ceiling < floor):
            return None
        fee = int(Decimal(match.group(2).replace(",", "")) * 100)
        bands.append((floor, ceiling, fee))
        floor = (ceiling or 0) + 1
    return bands or None


class ImportForm(Form):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file"))], widget=widgets.FileInput())
    mode = RadioField(
        _l("What should happen?"),
        choices=choices([("check", _l("Check the file and show what would change")), ("import", _l("Import it"))]),
        default="check",
        validators=[InputRequired(_l("Choose whether to check or import"))],
        widget=widgets.RadioInput(),
    )


class RaiseForm(Form):
    year = IntegerField(
        _l("Membership year"),
        validators=[InputRequired(_l("Enter the year")), NumberRange(min=2000, max=2100, message=_l("Enter a year like 2027"))],
        widget=widgets.TextInput(),
    )


def kind_choices():
    return [(kind, KIND_LABELS[kind]) for kind in MEMBER_KINDS]
