"""Fields of the decision forms: making a decision, its questions, proxies, and the ballot."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, RadioField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core import widgets
from ..core.forms import Answered, DayMonthYearField, Form, NoControlCharacters, OpensAndCloses, TimeOfDay, choices
from ..core.inputs import form_id

METHOD_LABELS = {
    "motion": _l("Motion: for, against or abstain"),
    "single": _l("Single choice"),
    "approval": _l("Approval: choose up to a number of options"),
    "ranked": _l("Ranked: number the options in order of preference"),
    "cumulative": _l("Points (dot vote): spread a number of points over the options"),
}
THRESHOLD_LABELS = {
    "simple_majority": _l("Simple majority of votes cast, not counting abstentions"),
    "two_thirds": _l("Two thirds of votes cast, not counting abstentions"),
    "three_quarters": _l("Three quarters of votes cast, not counting abstentions"),
}
QUORUM_LABELS = {
    "none": _l("No quorum"),
    "percent": _l("A percentage of the members on the roll"),
    "members": _l("A number of members"),
}
MOTION_LABELS = {"for": _l("For"), "against": _l("Against"), "abstain": _l("Abstain")}


def _text(label, max_length, required=None):
    validators = [DataRequired(required)] if required else [Optional()]
    validators += [Length(max=max_length, message=_l("This must be %(count)d characters or fewer", count=max_length)),
                   NoControlCharacters(lines=False)]
    return StringField(label, validators=validators, widget=widgets.TextInput())


def _long(label):
    return TextAreaField(label, validators=[Optional(), Length(max=5000), NoControlCharacters()], widget=widgets.TextArea())


class DecisionForm(OpensAndCloses, Form):
    title_en = _text(_l("Title in English"), 200, _l("Enter the title in English"))
    title_cy = _text(_l("Title in Welsh (optional)"), 200)
    explanation_en = _long(_l("Explanation in English"))
    explanation_cy = _long(_l("Explanation in Welsh (optional)"))
    opens_on = DayMonthYearField(_l("Voting opens on"), validators=[Answered(_l("Enter the date voting opens"))], widget=widgets.DateInput())
    opens_time = StringField(_l("at (UK time)"), default="09:00", validators=[InputRequired(_l("Enter the time voting opens")), TimeOfDay()], widget=widgets.TextInput())
    closes_on = DayMonthYearField(_l("Voting closes on"), validators=[Answered(_l("Enter the date voting closes"))], widget=widgets.DateInput())
    closes_time = StringField(_l("at (UK time)"), default="17:00", validators=[InputRequired(_l("Enter the time voting closes")), TimeOfDay()], widget=widgets.TextInput())
    roll_date = DayMonthYearField(
        _l("Roll date (optional)"),
        description=_l("Members in good standing on this date may vote. Leave empty to use the moment voting opens."),
        widget=widgets.DateInput(),
    )
    quorum_kind = RadioField(_l("Quorum"), choices=choices(QUORUM_LABELS.items()), default="none", widget=widgets.RadioInput())
    quorum_value = IntegerField(_l("Quorum: the percentage or number of members"), default=0,
                                validators=[Optional(), NumberRange(min=0, max=10000, message=_l("Enter a whole number"))], widget=widgets.TextInput())
    secret = BooleanField(_l("Secret ballot: nobody can see how a member voted"), default=True, widget=widgets.CheckboxInput())
    changeable = BooleanField(_l("Members may change their ballot until voting closes"), widget=widgets.CheckboxInput())

    def validate_quorum_value(self, field):
        if self.quorum_kind.data == "percent" and not 1 <= (field.data or 0) <= 100:
            raise ValidationError(_l("Enter a percentage from 1 to 100"))
        if self.quorum_kind.data == "members" and (field.data or 0) < 1:
            raise ValidationError(_l("Enter a number of members of 1 or more"))



class QuestionForm(Form):
    text_en = _text(_l("Question in English"), 500, _l("Enter the question in English"))
    text_cy = _text(_l("Question in Welsh (optional)"), 500)
    method = RadioField(_l("How is it answered?"), choices=choices(METHOD_LABELS.items()),
                        validators=[InputRequired(_l("Choose how the question is answered"))], widget=widgets.RadioInput())
    threshold = SelectField(_l("For a motion: what carries it"), choices=choices(THRESHOLD_LABELS.items()), default="simple_majority",
                            widget=widgets.Select())
    max_choices = IntegerField(_l("For an approval vote: how many options each member may choose"), default=1,
                               validators=[Optional(), NumberRange(min=1, max=50, message=_l("Enter a number from 1 to 50"))], widget=widgets.TextInput())
    points = IntegerField(_l("For a points vote: how many points each member spreads"), default=10,
                          validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 to 1,000"))],
                          widget=widgets.TextInput())
    points_per_option = IntegerField(_l("For a points vote: the most points a member may give one option"), default=5,
                                     validators=[Optional(), NumberRange(min=1, max=1000, message=_l("Enter a number from 1 to 1,000"))],
                                     widget=widgets.TextInput())
    seats = IntegerField(_l("For an approval, ranked or points vote: how many are chosen or elected"), default=1,
                         validators=[Optional(), NumberRange(min=1, max=50, message=_l("Enter a number from 1 to 50"))], widget=widgets.TextInput())
    options = TextAreaField(
        _l("Options, one a line"),
        description=_l("Write a Welsh version after a vertical bar if you have one, like: Community energy | Ynni cymunedol"),
        validators=[Optional(), Length(max=10000), NoControlCharacters()],
        widget=widgets.TextArea(),
    )

    def parsed_options(self):
        options = []
        for line in (self.options.data or "").splitlines():
            if line.strip():
                english, _, welsh = line.partition("|")
                options.append((english.strip()[:200], welsh.strip()[:200]))
        return options

    def validate_points(self, field):
        if self.method.data == "cumulative" and not field.data:
            raise ValidationError(_l("Enter how many points each member spreads"))

    def validate_points_per_option(self, field):
        if self.method.data == "cumulative":
            if not field.data:
                raise ValidationError(_l("Enter the most points a member may give one option"))
            if self.points.data and field.data > self.points.data:
                raise ValidationError(_l("This cannot be more than the points each member spreads"))

    def validate_options(self, field):
        if self.method.data in ("single", "approval", "ranked", "cumulative"):
            parsed = self.parsed_options()
            if len(parsed) < 2:
                raise ValidationError(_l("Give at least two options, one a line"))
            if len({english.lower() for english, _ in parsed}) != len(parsed):
                raise ValidationError(_l("Give each option only once"))
            if self.seats.data and self.seats.data >= len(parsed):
                raise ValidationError(_l("There must be more options than places to fill"))


class AnnulForm(Form):
    reason = TextAreaField(_l("Why is the decision annulled?"), description=_l("Members are shown this reason."),
                           validators=[DataRequired(_l("Enter the reason")), Length(max=3000), NoControlCharacters()], widget=widgets.TextArea())


class ProxyForm(Form):
    # Choices are checked by the view, which says what is wrong with a choice.
    proxy_person_id = SelectField(_l("Proxy"), coerce=form_id, description=_l("Another member's voting representative."),
                                  validators=[InputRequired(_l("Choose a proxy"))], validate_choice=False, widget=widgets.Select())
    decision_id = SelectField(_l("Which decision"), coerce=form_id, validate_choice=False, widget=widgets.Select())


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _points_given(value):
    """Points typed for one option: a whole number, None when left empty, or the text as typed
    (which ``casting.check_answers`` refuses with the portal's own words)."""
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 6 else value


def ballot_form(decision, language):
    """A form with one field (or one per preference) for each question of ``decision``."""

    class BallotForm(Form):
        pass

    for question in decision.questions:
        label = question.text(language)
        options = [(option.id, option.label(language)) for option in question.options]
        name = f"q{question.id}"
        # Choices are checked by casting.check_answers, with messages that name the problem.
        if question.method == "motion":
            field = RadioField(label, choices=choices(MOTION_LABELS.items()), validate_choice=False, widget=widgets.RadioInput())
        elif question.method == "single":
            field = RadioField(label, coerce=_int_or_none, choices=choices(options), validate_choice=False, widget=widgets.RadioInput())
        elif question.method == "approval":
            field = SelectMultipleField(label, coerce=_int_or_none, choices=choices(options), validate_choice=False,
                                        widget=widgets.CheckboxesInput(),
                                        description=_l("Choose up to %(count)d.", count=question.max_choices))
        elif question.method == "cumulative":
            for option_id, option_label in options:
                setattr(BallotForm, f"{name}_{option_id}", StringField(
                    option_label, widget=widgets.TextInput()))
            continue
        else:
            for position in range(1, len(options) + 1):
                setattr(BallotForm, f"{name}_{position}", SelectField(
                    _l("Preference %(number)d", number=position),
                    coerce=_int_or_none,
                    choices=choices([("", _l("No preference"))] + options),
                    validate_choice=False,
                    widget=widgets.Select(),
                ))
            continue
        setattr(BallotForm, name, field)
    return BallotForm()


def submitted_answers(form, decision):
    """The answers in a ballot form, keyed by question id, for ``casting.check_answers``."""
    answers = {}
    for question in decision.questions:
        name = f"q{question.id}"
        if question.method == "ranked":
            answers[str(question.id)] = [getattr(form, f"{name}_{n}").data for n in range(1, len(question.options) + 1)]
        elif question.method == "cumulative":
            answers[str(question.id)] = {option.id: _points_given(getattr(form, f"{name}_{option.id}").data)
                                         for option in question.options}
        else:
            answers[str(question.id)] = getattr(form, name).data
    return answers



def first_field(form, question):
    """The field a question's error is shown against: its own, or its first preference or option."""
    name = f"q{question.id}"
    if question.method == "ranked":
        return getattr(form, f"{name}_1")
    if question.method == "cumulative":
        return getattr(form, f"{name}_{question.options[0].id}")
    return getattr(form, name)
