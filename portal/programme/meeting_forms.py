"""Forms of general meetings: the meeting, motions, amendments, rulings and the votes' window."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..core import widgets
from ..core.forms import Answered, DayMonthYearField, Form, TimeOfDay, choices, london_moment, long_text_field, parse_time, text_field

MEETING_KIND_LABELS = {"agm": _l("Annual general meeting"), "egm": _l("Extraordinary general meeting")}
AMENDMENT_KIND_LABELS = {
    "replace": _l("Replace words"),
    "insert": _l("Insert words"),
    "delete": _l("Delete words"),
}
RULING_LABELS = {"yes": _l("Admissible: it will be put to the vote"), "no": _l("Not admissible")}


def _moment(name, label, default_time, missing):
    """A date and a UK time of day, as two fields ``<name>_on`` and ``<name>_time``."""
    return (DayMonthYearField(label, validators=[Answered(missing)], widget=widgets.DateInput()),
            StringField(_l("at (UK time)"), default=default_time,
                        validators=[InputRequired(_l("Enter the time")), TimeOfDay()], widget=widgets.TextInput()))


class _Moments:
    def moment(self, name):
        day, clock = getattr(self, f"{name}_on").data, getattr(self, f"{name}_time").data
        return london_moment(day, clock) if day and parse_time(clock) else None


class MeetingForm(Form, _Moments):
    kind = RadioField(_l("Kind of meeting"), choices=choices(MEETING_KIND_LABELS.items()), default="agm",
                      validators=[InputRequired(_l("Choose the kind of meeting"))], widget=widgets.RadioInput())
    title_en = text_field(_l("Title in English"), required=_l("Enter the title in English"))
    title_cy = text_field(_l("Title in Welsh (optional)"))
    venue = text_field(_l("Venue (optional)"), max_length=300, description=_l("Where it meets, or how to join it online."))
    meets_on, meets_time = _moment("meets", _l("The meeting is on"), "10:00", _l("Enter the date of the meeting"))
    motions_on, motions_time = _moment("motions", _l("Motions close on"), "17:00", _l("Enter the date motions close"))
    amendments_on, amendments_time = _moment("amendments", _l("Amendments close on"), "17:00",
                                             _l("Enter the date amendments close"))

    def validate_amendments_time(self, field):
        motions, amendments = self.moment("motions"), self.moment("amendments")
        if motions and amendments and amendments <= motions:
            raise ValidationError(_l("Amendments must close after motions"))

    def validate_meets_time(self, field):
        meets, amendments = self.moment("meets"), self.moment("amendments")
        if meets and amendments and meets <= amendments:
            raise ValidationError(_l("Motions and amendments must close before the meeting"))


class MotionForm(Form):
    title_en = text_field(_l("Title in English"), required=_l("Give the motion a title in English"))
    title_cy = text_field(_l("Title in Welsh (optional)"))
    text_en = long_text_field(_l("The motion, in English"), required=_l("Write the motion in English"), max_length=6000,
                              description=_l("Begin with “That …”, as it would be put to the vote."))
    text_cy = long_text_field(_l("The motion, in Welsh (optional)"), max_length=6000)


class AmendmentForm(Form):
    kind = RadioField(_l("What does the amendment do?"), choices=choices(AMENDMENT_KIND_LABELS.items()),
                      validators=[InputRequired(_l("Choose what the amendment does"))], widget=widgets.RadioInput())
    amended_text_en = long_text_field(
        _l("The motion as it would read if the amendment carried, in English"), max_length=6000,
        required=_l("Write the motion as it would read if the amendment carried"),
        description=_l("Change the motion's words below: members will see your changes marked against the motion."))
    amended_text_cy = long_text_field(_l("The motion as amended, in Welsh (optional)"), max_length=6000)
    explanation = long_text_field(_l("Why, for members (optional)"), max_length=3000)


class RulingForm(Form):
    admissible = RadioField(_l("Ruling"), choices=choices(RULING_LABELS.items()),
                            validators=[InputRequired(_l("Say whether it is admissible"))], widget=widgets.RadioInput())
    reason_en = long_text_field(_l("The reason, in English"), required=_l("Give the reason, which members will see"),
                                max_length=3000, description=_l("Published beside it."))
    reason_cy = long_text_field(_l("The reason, in Welsh (optional)"), max_length=3000)


class MeetingVotesForm(Form, _Moments):
    opens_on, opens_time = _moment("opens", _l("Voting opens on"), "09:00", _l("Enter the date voting opens"))
    closes_on, closes_time = _moment("closes", _l("Voting closes on"), "17:00", _l("Enter the date voting closes"))

    def validate_closes_time(self, field):
        opens, closes = self.moment("opens"), self.moment("closes")
        if opens and closes and closes <= opens:
            raise ValidationError(_l("Voting must close after it opens"))
