"""Forms of the work programme: calls for ideas and ideas."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..core import widgets
from ..core.forms import (Answered, DayMonthYearField, Form, NoControlCharacters, OpensAndCloses, PoundsField, TimeOfDay, choices,
                          long_text_field, text_field)
from ..core.inputs import whole_number

def _id(value):
    """An id chosen in a list, or 0 for anything else (which no list offers, so its own message shows)."""
    return whole_number(value, 0) or 0


ROLE_LABELS = {
    "lead": _l("We would lead it"),
    "take_part": _l("We would take part"),
}
OUTCOME_LABELS = {
    "shortlisted": _l("Shortlisted for the programme vote"),
    "not_taken_forward": _l("Not taken forward"),
}


class CallForm(OpensAndCloses, Form):
    closes_too_soon = _l("The call must close after it opens")
    title_en = text_field(_l("Title in English"), required=_l("Enter the title in English"))
    title_cy = text_field(_l("Title in Welsh (optional)"))
    year = SelectField(_l("Membership year"), coerce=_id, validators=[InputRequired(_l("Choose the membership year"))],
                       validate_choice=False, widget=widgets.Select())
    guidance_en = long_text_field(_l("Guidance in English"), description=_l("What the network is looking for, and how ideas will be chosen."))
    guidance_cy = long_text_field(_l("Guidance in Welsh (optional)"))
    themes = TextAreaField(
        _l("Themes, one a line"),
        description=_l("Write a Welsh version after a vertical bar if you have one, like: Community energy | Ynni cymunedol"),
        validators=[Optional()], widget=widgets.TextArea())
    opens_on = DayMonthYearField(_l("Opens on"), validators=[Answered(_l("Enter the date the call opens"))], widget=widgets.DateInput())
    opens_time = StringField(_l("at (UK time)"), default="09:00",
                             validators=[InputRequired(_l("Enter the time the call opens")), TimeOfDay()], widget=widgets.TextInput())
    closes_on = DayMonthYearField(_l("Closes on"), validators=[Answered(_l("Enter the date the call closes"))], widget=widgets.DateInput())
    closes_time = StringField(_l("at (UK time)"), default="17:00",
                              validators=[InputRequired(_l("Enter the time the call closes")), TimeOfDay()], widget=widgets.TextInput())

    def validate_year(self, field):
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(_l("Choose the membership year"))

    def parsed_themes(self):
        themes = []
        for line in (self.themes.data or "").splitlines():
            if line.strip():
                english, _, welsh = line.partition("|")
                themes.append((english.strip()[:100], welsh.strip()[:100]))
        return themes

    def validate_themes(self, field):
        themes = self.parsed_themes()
        if len({english.lower() for english, _ in themes}) != len(themes):
            raise ValidationError(_l("Give each theme only once"))
        if len(themes) > 20:
            raise ValidationError(_l("Give 20 themes or fewer"))
        if any(not english for english, _ in themes):
            raise ValidationError(_l("Give each theme a name in English before the vertical bar"))



class IdeaForm(Form):
    # Not Optional(): that would stop the check that one of the two titles is given.
    title_en = StringField(_l("Title in English"), validators=[Length(max=200, message=_l("This must be %(count)d characters or fewer", count=200)),
                                                             NoControlCharacters(lines=False)], widget=widgets.TextInput())
    title_cy = text_field(_l("Title in Welsh"))
    problem_en = long_text_field(_l("The problem, in English"), description=_l("What members face that this would help with."))
    problem_cy = long_text_field(_l("The problem, in Welsh"))
    activity_en = long_text_field(_l("The activity you propose, in English"),
                                  description=_l("What the network would do: a Policy Lab, training, an event, research, a toolkit."))
    activity_cy = long_text_field(_l("The activity you propose, in Welsh"))
    benefit_en = long_text_field(_l("The benefit for members, in English"))
    benefit_cy = long_text_field(_l("The benefit for members, in Welsh"))
    themes = SelectMultipleField(_l("Themes"), coerce=_id, validate_choice=False, widget=widgets.CheckboxesInput())
    member_role = RadioField(_l("Would your organisation lead it or take part?"), choices=choices(ROLE_LABELS.items()),
                             default="take_part", validators=[InputRequired(_l("Say whether your organisation would lead it or take part"))],
                             widget=widgets.RadioInput())
    costs = PoundsField(_l("Costs, if you know them (optional)"), description=_l("In pounds, for the whole activity."),
                        widget=widgets.TextInput())

    def validate_title_en(self, field):
        if not (field.data or "").strip() and not (self.title_cy.data or "").strip():
            raise ValidationError(_l("Give the idea a title in English or Welsh"))

    def validate_themes(self, field):
        offered = {choice.value for choice in self.themes.choices or []}
        if not set(field.data or []) <= offered:
            raise ValidationError(_l("Choose from the themes shown"))

    def fields(self):
        texts = {name: (getattr(self, name).data or "").strip() for name in (
            "title_en", "title_cy", "problem_en", "problem_cy", "activity_en", "activity_cy", "benefit_en", "benefit_cy")}
        return {**texts, "member_role": self.member_role.data, "costs_pence": self.costs.data}


class EditNoteForm(Form):
    note = text_field(_l("What you changed, for the author (optional)"), max_length=500)


class MergeForm(Form):
    into = SelectField(_l("Merge into"), coerce=_id, validators=[InputRequired(_l("Choose the idea to merge into"))],
                       validate_choice=False, widget=widgets.Select())
    note = long_text_field(_l("A note for both authors (optional)"), max_length=2000)


class OutcomeForm(Form):
    outcome = RadioField(_l("Outcome"), choices=choices(OUTCOME_LABELS.items()),
                         validators=[InputRequired(_l("Choose shortlisted or not taken forward"))], widget=widgets.RadioInput())
    reason_en = long_text_field(_l("The reason, in English"), required=_l("Give the reason, which members will see"), max_length=3000,
                                description=_l("Published beside the idea."))
    reason_cy = long_text_field(_l("The reason, in Welsh (optional)"), max_length=3000)


METHOD_LABELS = {
    "cumulative": _l("Points (dot vote): each member spreads a number of points over the ideas"),
    "approval": _l("Approval: each member chooses up to a number of ideas"),
    "ranked": _l("Ranked: each member numbers the ideas in order of preference"),
}


def _count(label, default, description=None):
    return IntegerField(label, default=default, description=description,
                        validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 to 1,000"))],
                        widget=widgets.TextInput())


class VoteForm(OpensAndCloses, Form):
    method = RadioField(_l("How do members vote?"), choices=choices(METHOD_LABELS.items()), default="cumulative",
                        validators=[InputRequired(_l("Choose how members vote"))], widget=widgets.RadioInput())
    seats = _count(_l("How many ideas go into the programme"), 3)
    points = _count(_l("For a points vote: how many points each member spreads"), 10)
    points_per_option = _count(_l("For a points vote: the most points a member may give one option"), 5)
    max_choices = _count(_l("For an approval vote: how many ideas each member may choose"), 3)
    opens_on = DayMonthYearField(_l("Voting opens on"), validators=[Answered(_l("Enter the date voting opens"))], widget=widgets.DateInput())
    opens_time = StringField(_l("at (UK time)"), default="09:00",
                             validators=[InputRequired(_l("Enter the time voting opens")), TimeOfDay()], widget=widgets.TextInput())
    closes_on = DayMonthYearField(_l("Voting closes on"), validators=[Answered(_l("Enter the date voting closes"))], widget=widgets.DateInput())
    closes_time = StringField(_l("at (UK time)"), default="17:00",
                              validators=[InputRequired(_l("Enter the time voting closes")), TimeOfDay()], widget=widgets.TextInput())

    def validate_seats(self, field):
        if not field.data:
            raise ValidationError(_l("Enter how many ideas go into the programme"))

    def validate_points_per_option(self, field):
        if self.method.data == "cumulative":
            if not self.points.data:
                raise ValidationError(_l("Enter how many points each member spreads"))
            if not field.data:
                raise ValidationError(_l("Enter the most points a member may give one option"))
            if field.data > self.points.data:
                raise ValidationError(_l("This cannot be more than the points each member spreads"))

    def validate_max_choices(self, field):
        if self.method.data == "approval" and not field.data:
            raise ValidationError(_l("Enter how many ideas each member may choose"))



ITEM_STATE_CHOICES = {
    "planned": _l("Planned"),
    "under_way": _l("Under way"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}


class ItemUpdateForm(Form):
    status = RadioField(_l("Status"), choices=choices(ITEM_STATE_CHOICES.items()),
                        validators=[InputRequired(_l("Choose the item's status"))], widget=widgets.RadioInput())
    # Text, not IntegerField: a word or a fraction gets its own message in the person's language.
    progress = StringField(_l("Progress, per cent"), description=_l("A whole number from 0 to 100."),
                           validators=[InputRequired(_l("Enter the progress, from 0 to 100"))], widget=widgets.TextInput())
    text_en = long_text_field(_l("What has happened, in English"), max_length=5000)
    text_cy = long_text_field(_l("What has happened, in Welsh"), max_length=5000)
    dropped_reason = long_text_field(_l("If the item is dropped: why (published)"), max_length=3000)

    def validate_progress(self, field):
        text = (field.data or "").strip().rstrip("%").strip()
        if not text.isascii() or not text.isdigit():
            raise ValidationError(_l("Enter the progress as a whole number from 0 to 100, like 40"))
        if not 0 <= int(text) <= 100:
            raise ValidationError(_l("Progress must be from 0 to 100"))

    def validate(self, extra_validators=None):
        # Optional() on these ends their own checks when they are empty: what is needed of them
        # together is checked here.
        valid = super().validate(extra_validators)
        if not (self.text_en.data or "").strip() and not (self.text_cy.data or "").strip():
            self.text_en.errors = [*self.text_en.errors, _l("Say what has happened, in English or Welsh")]
            valid = False
        if self.status.data == "dropped" and not (self.dropped_reason.data or "").strip():
            self.dropped_reason.errors = [*self.dropped_reason.errors, _l("Say why the item is dropped; the reason is published with it")]
            valid = False
        return valid

    def percent(self):
        return int((self.progress.data or "").strip().rstrip("%").strip())


class OwnerForm(Form):
    owner = SelectField(_l("Who owns the item"), validators=[InputRequired(_l("Choose who owns the item"))],
                        validate_choice=False, widget=widgets.Select())

    def validate_owner(self, field):
        if field.data not in {choice.value for choice in field.choices or []}:
            raise ValidationError(_l("Choose who owns the item"))


class LinkForm(Form):
    target = SelectField(_l("Choose one"), coerce=_id, validators=[InputRequired(_l("Choose from the list"))],
                         validate_choice=False, widget=widgets.Select())

    def validate_target(self, field):
        if field.data not in {choice.value for choice in field.choices or []} or not field.data:
            raise ValidationError(_l("Choose from the list"))
