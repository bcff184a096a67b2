"""Fields of the labs' forms."""

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError

from ..core import widgets
from ..core.forms import Answered, DayMonthYearField, Form, PoundsField, choices, long_text_field, text_field
from ..core.inputs import form_id
from .models import VALUES


def _text(label, max_length=200, required=None, description=None):
    return text_field(label, max_length, required, description)


def _long(label, required=None, description=None, max_length=10000):
    return long_text_field(label, required, description, max_length)


class RoundForm(Form):
    title = _text(_l("Title"), required=_l("Enter a title"))
    guidance = _long(_l("Guidance for applicants"))
    opens_on = DayMonthYearField(_l("Opens for proposals on"), validators=[Answered(_l("Enter the date the round opens"))], widget=widgets.DateInput())
    closes_on = DayMonthYearField(_l("Closes for proposals on"), validators=[Answered(_l("Enter the date the round closes"))], widget=widgets.DateInput())
    pot = PoundsField(_l("Budget pot"), minimum_pence=100, validators=[Answered(_l("Enter the budget pot"))], widget=widgets.TextInput())
    max_award = PoundsField(_l("Largest award"), minimum_pence=100, validators=[Answered(_l("Enter the largest award"))], widget=widgets.TextInput())
    lead_tier_ids = SelectMultipleField(_l("Which tiers may lead a proposal"), coerce=form_id,
                                        validators=[DataRequired(_l("Choose at least one tier"))], widget=widgets.CheckboxesInput())
    criteria = _long(
        _l("Assessment criteria"),
        required=_l("Enter at least one criterion"),
        description=_l("One a line: the criterion, a vertical bar, then its weight, like: Fit with the network's values | 3"),
        max_length=5000,
    )

    def validate_closes_on(self, field):
        if self.opens_on.data and field.data and field.data < self.opens_on.data:
            raise ValidationError(_l("The round must close on or after the day it opens"))

    def validate_max_award(self, field):
        if field.data and self.pot.data and field.data > self.pot.data:
            raise ValidationError(_l("The largest award cannot be more than the pot"))

    def validate_criteria(self, field):
        if self.parsed_criteria() is None:
            raise ValidationError(_l("Write each criterion as a name, a vertical bar and a weight from 1 to 10"))

    def parsed_criteria(self):
        parsed = []
        for line in (self.criteria.data or "").splitlines():
            if not line.strip():
                continue
            name, _, weight = line.rpartition("|")
            if not name.strip() or not weight.strip().isdigit() or not 1 <= int(weight) <= 10:
                return None
            parsed.append((name.strip()[:200], int(weight)))
        return parsed or None


class ProposalForm(Form):
    title = _text(_l("Title"), required=_l("Enter a title"))
    summary = _long(_l("Summary"), required=_l("Enter a summary"), description=_l("Two or three sentences other members will read first."), max_length=2000)
    challenge = _long(_l("The challenge"), description=_l("What problem facing local government does the lab tackle?"))
    approach = _long(_l("The approach"), description=_l("How will the lab work, and with whom?"))
    outputs = _long(_l("Expected outputs"), description=_l("For example case studies, a toolkit, workshops, a report."))
    values = SelectMultipleField(_l("Which of the network's values does it serve?"), choices=choices(VALUES.items()),
                                 validators=[DataRequired(_l("Choose at least one value"))], widget=widgets.CheckboxesInput())
    requested = PoundsField(_l("Amount requested"), validators=[Answered(_l("Enter the amount requested"))], widget=widgets.TextInput())
    starts_on = DayMonthYearField(_l("Starts on"), validators=[Answered(_l("Enter when the lab starts"))], widget=widgets.DateInput())
    ends_on = DayMonthYearField(_l("Ends on"), validators=[Answered(_l("Enter when the lab ends"))], widget=widgets.DateInput())
    phases = _long(_l("Phases and deliverables"), required=_l("Enter at least one phase"),
                   description=_l("One phase a line: its name, a colon, then its deliverables."), max_length=5000)
    budget = _long(_l("Budget"), description=_l("One line each: what it is for, a vertical bar, then the amount in pounds, like: Workshops | 2,500"), max_length=5000)
    risks = _long(_l("Risks you already see, and how you will manage them"), max_length=5000)

    def __init__(self, *args, largest_award_pence=None, **kwargs):
        """``largest_award_pence``: the round's, checked with every other answer, so that all
        the form's errors are shown at once."""
        super().__init__(*args, **kwargs)
        self.largest_award_pence = largest_award_pence

    def validate_requested(self, field):
        if field.data is not None and self.largest_award_pence is not None and field.data > self.largest_award_pence:
            raise ValidationError(_l("This is more than the round's largest award"))

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data <= self.starts_on.data:
            raise ValidationError(_l("The lab must end after it starts"))

    def validate_phases(self, field):
        if not self.parsed_phases():
            raise ValidationError(_l("Write each phase as a name, a colon, then its deliverables"))

    def validate_budget(self, field):
        if self.parsed_budget() is None:
            raise ValidationError(_l("Write each budget line as what it is for, a vertical bar, then an amount in pounds"))

    def parsed_phases(self):
        phases = []
        for line in (self.phases.data or "").splitlines():
            if line.strip():
                name, _, deliverables = line.partition(":")
                if not name.strip():
                    return []
                phases.append((name.strip()[:200], deliverables.strip()))
        return phases

    def parsed_budget(self):
        lines = []
        for line in (self.budget.data or "").splitlines():
            if not line.strip():
                continue
            text, _, amount = line.rpartition("|")
            amount = amount.strip().replace(",", "").removeprefix("£")
            # The shape first: Decimal also reads "NaN" and "Infinity", which are not amounts.
            if not text.strip() or not re.fullmatch(r"\d{1,9}(\.\d{1,2})?", amount):
                return None
            pence = int(Decimal(amount) * 100)
            if pence <= 0:
                return None
            lines.append((text.strip()[:300], pence))
        return lines


class PartnerForm(Form):
    member_id = SelectField(_l("Member"), coerce=form_id, validators=[InputRequired(_l("Choose a member"))], validate_choice=False, widget=widgets.Select())
    role = _text(_l("Their role (optional)"), description=_l("For example: lead for the test-learn pilot, or advisory."))


class RespondForm(Form):
    answer = RadioField(_l("Will you join?"), choices=choices([("accept", _l("Yes, we will join")), ("decline", _l("No, not this time"))]),
                        validators=[InputRequired(_l("Choose whether you will join"))], widget=widgets.RadioInput())
    match_funding = PoundsField(_l("Match funding you pledge (optional)"), widget=widgets.TextInput())
    officer_days = IntegerField(_l("Officer days you pledge (optional)"), validators=[Optional(), NumberRange(min=0, max=5000, message=_l("Enter a number of days from 0 to 5,000"))],
                                widget=widgets.TextInput())


class MoveForm(Form):
    note = _long(_l("Note to the lead and partners"), max_length=5000)
    award = PoundsField(_l("Award"), widget=widgets.TextInput())


class ReviewerForm(Form):
    reviewer_id = SelectField(_l("Reviewer"), coerce=form_id, validators=[InputRequired(_l("Choose a reviewer"))], validate_choice=False, widget=widgets.Select())


def score_form(criteria):
    class ScoreForm(Form):
        comments = _long(_l("Overall comments"), max_length=5000)

    for criterion in criteria:
        setattr(ScoreForm, f"c{criterion.id}", RadioField(
            criterion.name, choices=choices([(str(n), str(n)) for n in range(1, 6)]),
            validators=[InputRequired(_l("Give a score from 1 to 5"))], widget=widgets.RadioInput(),
        ))
        setattr(ScoreForm, f"c{criterion.id}_comment", _text(_l("Comment on this score (optional)"), max_length=1000))
    return ScoreForm()


class ClaimForm(Form):
    amount = PoundsField(_l("Amount claimed"), minimum_pence=1, validators=[Answered(_l("Enter the amount claimed"))], widget=widgets.TextInput())
    claimed_on = DayMonthYearField(_l("Claimed on"), validators=[Answered(_l("Enter the date of the claim"))], widget=widgets.DateInput())
    reference = _text(_l("Reference (optional)"), max_length=100)


class UpdateForm(Form):
    body = _long(_l("Progress update"), required=_l("Write the update"), max_length=10000)


class CompletionForm(Form):
    report = _long(_l("Completion report"), required=_l("Enter the completion report"), max_length=20000)


class ResourceForm(Form):
    title = _text(_l("Title"), required=_l("Enter a title"))
    description = _long(_l("Description"), required=_l("Enter a description"), max_length=3000)
    url = _text(_l("Link (optional)"), max_length=500)
    file = FileField(_l("Or a document: PDF, .docx or .odt, up to 10 MB"), widget=widgets.FileInput())
    values = SelectMultipleField(_l("The network's values it serves"), choices=choices(VALUES.items()), widget=widgets.CheckboxesInput())
    themes = _text(_l("Themes (optional)"), description=_l("Separate them with commas, like: procurement, mapping"))

    def validate_url(self, field):
        if field.data and not re.fullmatch(r"https?://[^\s/$.?#][^\s]*", field.data):
            raise ValidationError(_l("Enter a web address starting with https://"))


class ShortlistForm(Form):
    lab_ids = SelectMultipleField(_l("Proposals on the shortlist"), coerce=form_id, validate_choice=False,
                                  validators=[DataRequired(_l("Choose at least two proposals"))], widget=widgets.CheckboxesInput())
    places = IntegerField(_l("How many can be funded"), validators=[InputRequired(_l("Enter how many can be funded")),
                          NumberRange(min=1, max=50, message=_l("Enter a number from 1 to 50"))], widget=widgets.TextInput())

    def validate_places(self, field):
        if self.lab_ids.data and field.data is not None and field.data >= len(self.lab_ids.data):
            raise ValidationError(_l("Shortlist more proposals than can be funded"))
