"""Fields of the groups' forms."""

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from ..auth.forms import email_field
from ..core import widgets
from ..core.forms import Answered, DayMonthYearField, Form, TimeOfDay, choices, long_text_field, text_field
from ..core.inputs import form_id

ROLE_LABELS = {
    "chair": _l("Chair"),
    "lead": _l("Lead"),
    "member": _l("Member"),
    "advisory": _l("Advisory"),
    "secretary": _l("Secretary"),
    "deputy": _l("Deputy"),
}
TASK_STATUS_LABELS = {
    "not_started": _l("Not started"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
    "blocked": _l("Blocked"),
}
RISK_STATUS_LABELS = {"open": lazy_pgettext("risk", "Open"), "closed": lazy_pgettext("risk", "Closed")}
ATTENDANCE_LABELS = {"": _l("Not recorded"), "present": _l("Present"), "apologies": _l("Apologies"), "deputy": _l("Deputising")}
RULE_LABELS = {"monthly": _l("Every month"), "bimonthly": _l("Every two months"), "dates": _l("On the dates I list")}
SCALE = [(str(n), str(n)) for n in range(1, 6)]


def _text(label, max_length=200, required=None, description=None):
    return text_field(label, max_length, required, description)


def _long(label, required=None, description=None, max_length=20000):
    return long_text_field(label, required, description, max_length)


class GroupForm(Form):
    name = _text(_l("Name"), required=_l("Enter a name"))
    description = _long(_l("What the group does"), max_length=3000)
    private = BooleanField(_l("Private: only the group's people and the secretariat see its plan, meetings and papers"),
                           default=True, widget=widgets.CheckboxInput())


class MembershipForm(Form):
    # By email address, not from a list: a network of a thousand members has ten thousand people.
    email = email_field(_l("Their email address"))
    role = SelectField(_l("Role"), choices=choices(ROLE_LABELS.items()), default="member", widget=widgets.Select())
    role_note = _text(_l("What they do in the group (optional)"), description=_l("For example: lead for the test-learn pilot (Torbay)."))
    deputy_for_id = SelectField(_l("Deputising for (deputies only)"), coerce=form_id, validate_choice=False, widget=widgets.Select())


class TaskForm(Form):
    title = _text(_l("Task"), required=_l("Enter the task"))
    description = _long(_l("Description"), max_length=5000)
    phase = _text(_l("Phase (optional)"), max_length=100)
    starts_on = DayMonthYearField(_l("Starts"), validators=[Answered(_l("Enter when the task starts"))], widget=widgets.DateInput())
    ends_on = DayMonthYearField(_l("Ends"), validators=[Answered(_l("Enter when the task ends"))], widget=widgets.DateInput())
    owner_member_id = SelectField(_l("Lead owner"), coerce=form_id, validate_choice=False, widget=widgets.Select())
    owner_person_id = SelectField(_l("Person responsible (optional)"), coerce=form_id, validate_choice=False, widget=widgets.Select())
    contributor_ids = SelectMultipleField(_l("Contributing members"), coerce=form_id, validate_choice=False, widget=widgets.CheckboxesInput())
    status = SelectField(_l("Status"), choices=choices(TASK_STATUS_LABELS.items()), default="not_started", widget=widgets.Select())
    percent = IntegerField(_l("Per cent complete"), default=0, validators=[Optional(), NumberRange(min=0, max=100, message=_l("Enter a number from 0 to 100"))],
                           widget=widgets.TextInput())
    milestone = BooleanField(_l("This is a milestone"), widget=widgets.CheckboxInput())
    predecessor_ids = SelectMultipleField(_l("Starts after these tasks end"), coerce=form_id, validate_choice=False, widget=widgets.CheckboxesInput())

    def validate_ends_on(self, field):
        if self.starts_on.data and field.data and field.data < self.starts_on.data:
            raise ValidationError(_l("The task must end on or after the day it starts"))


class RiskForm(Form):
    title = _text(_l("Risk"), required=_l("Enter the risk"))
    description = _long(_l("Description of the risk"), max_length=5000)
    mitigation = _long(_l("How it is managed"), max_length=5000)
    likelihood = RadioField(_l("Likelihood, 1 (rare) to 5 (almost certain)"), choices=choices(SCALE), validators=[InputRequired(_l("Choose a likelihood"))], widget=widgets.RadioInput())
    impact = RadioField(_l("Impact, 1 (slight) to 5 (severe)"), choices=choices(SCALE), validators=[InputRequired(_l("Choose an impact"))], widget=widgets.RadioInput())
    owner_person_id = SelectField(_l("Owner"), coerce=form_id, validate_choice=False, widget=widgets.Select())
    status = SelectField(_l("Status"), choices=choices(RISK_STATUS_LABELS.items()), default="open", widget=widgets.Select())
    review_on = DayMonthYearField(_l("Next review (optional)"), widget=widgets.DateInput())


class SeriesForm(Form):
    title = _text(_l("Title"), required=_l("Enter a title"))
    rule = RadioField(_l("How often"), choices=choices(RULE_LABELS.items()), default="monthly", validators=[InputRequired(_l("Choose how often"))], widget=widgets.RadioInput())
    first_on = DayMonthYearField(_l("First meeting"), validators=[Answered(_l("Enter the date of the first meeting"))], widget=widgets.DateInput())
    time = StringField(_l("At (UK time)"), default="10:00", validators=[InputRequired(_l("Enter the time")), TimeOfDay()], widget=widgets.TextInput())
    count = IntegerField(_l("How many meetings"), default=6, validators=[Optional(), NumberRange(min=1, max=60, message=_l("Enter a number from 1 to 60"))], widget=widgets.TextInput())
    dates = _long(_l("Dates (for listed dates), one a line, like 2027-03-14"), max_length=2000)
    location = _text(_l("Where (optional)"), description=_l("A room, or 'online'."))

    def validate_dates(self, field):
        if self.rule.data == "dates" and not self.parsed_dates():
            raise ValidationError(_l("List at least one date, like 2027-03-14"))

    def parsed_dates(self):
        found = []
        for line in (self.dates.data or "").splitlines():
            if line.strip():
                try:
                    found.append(date.fromisoformat(line.strip()))
                except ValueError:
                    return []
        return found


class MeetingForm(Form):
    agenda = _long(_l("Agenda"), description=_l("One item a line."), max_length=5000)
    minutes = _long(_l("Minutes"), description=_l("You can use Markdown: **bold**, lists, links."))
    decisions_noted = _long(_l("Decisions noted"), max_length=5000)


class ActionForm(Form):
    title = _text(_l("Action"), required=_l("Enter the action"))
    owner_member_id = SelectField(_l("Lead owner"), coerce=form_id, validate_choice=False, widget=widgets.Select())
    owner_person_id = SelectField(_l("Person responsible"), coerce=form_id, validate_choice=False, widget=widgets.Select())
    due_on = DayMonthYearField(_l("Due"), validators=[Answered(_l("Enter when it is due"))], widget=widgets.DateInput())


class ImportForm(Form):
    file = FileField(_l("CSV or tab-separated file"), validators=[FileRequired(_l("Choose a file"))], widget=widgets.FileInput())
