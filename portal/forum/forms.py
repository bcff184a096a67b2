"""Fields of the forum's forms."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, NumberRange, Optional

from ..core import widgets
from ..core.forms import Form, choices, long_text_field, text_field
from ..core.inputs import LARGEST_ID, form_id

POST_LIMIT = 20000
KIND_LABELS = {
    "public": _l("Public: anyone can read, members write"),
    "members": _l("Members only"),
    "announcements": _l("Announcements: only the secretariat starts threads"),
    "group": _l("A group's own category"),
}
LEVEL_LABELS = {
    "watching": _l("Watching: an email for every new post"),
    "tracking": _l("Tracking: show how many posts are unread"),
    "normal": _l("Normal: mark what is new; email me when someone mentions me"),
    "muted": _l("Muted: nothing, not even mentions"),
}
FLAG_LABELS = {
    "spam": _l("Spam or advertising"),
    "abuse": _l("Abusive or disrespectful"),
    "off_topic": _l("Off topic"),
    "private": _l("It shares something private"),
    "other": _l("Something else"),
}
MARKDOWN_HINT = _l("You can use Markdown: *emphasis*, **strong**, [a link](https://example.org), "
                   "> a quotation, `code`, and a blank line between paragraphs. Name someone with @ and their full name.")


def _body():
    return long_text_field(_l("Your post"), required=_l("Write your post"), description=MARKDOWN_HINT, max_length=POST_LIMIT)


class ThreadForm(Form):
    title = text_field(_l("Title"), required=_l("Enter a title"))
    body = _body()


class PostForm(Form):
    body = _body()


class FlagForm(Form):
    reason = RadioField(_l("What is wrong with this post?"), choices=choices(FLAG_LABELS.items()),
                        validators=[InputRequired(_l("Choose what is wrong with the post"))], widget=widgets.RadioInput())
    note = long_text_field(_l("Anything the moderators should know (optional)"), max_length=500)


class LevelForm(Form):
    level = RadioField(_l("Notifications"), choices=choices(LEVEL_LABELS.items()),
                       validators=[InputRequired(_l("Choose how closely to follow"))], widget=widgets.RadioInput())


class MoveForm(Form):
    category_id = SelectField(_l("Move to"), coerce=form_id, validate_choice=False,
                              validators=[InputRequired(_l("Choose a category"))], widget=widgets.Select())


class MergeForm(Form):
    into = IntegerField(_l("Merge into thread number"), description=_l("The number in the other thread's address, after /forum/threads/."),
                        validators=[InputRequired(_l("Enter the number of the thread to merge into")),
                                    NumberRange(min=1, max=LARGEST_ID, message=_l("Enter the number of the thread to merge into"))],
                        widget=widgets.TextInput())


class SuspendForm(Form):
    days = IntegerField(_l("For how many days?"), validators=[
        InputRequired(_l("Enter the number of days")),
        NumberRange(min=1, max=365, message=_l("Enter a number of days from 1 to 365")),
    ], widget=widgets.TextInput())
    reason = long_text_field(_l("Why (the person is told)"), required=_l("Say why"), max_length=1000)


class CategoryForm(Form):
    name = text_field(_l("Name in English"), required=_l("Enter the name in English"))
    name_cy = text_field(_l("Name in Welsh (optional)"))
    description = long_text_field(_l("Description in English (optional)"), max_length=1000)
    description_cy = long_text_field(_l("Description in Welsh (optional)"), max_length=1000)
    kind = RadioField(_l("Who may read and write"), choices=choices((k, v) for k, v in KIND_LABELS.items() if k != "group"),
                      default="members", validators=[InputRequired(_l("Choose who may read and write"))], widget=widgets.RadioInput())
    position = IntegerField(_l("Position in the list"), default=100, validators=[Optional(), NumberRange(min=0, max=1000, message=_l("Enter a number from 0 to 1000"))],
                            widget=widgets.TextInput())


class SearchForm(Form):
    class Meta:
        csrf = False

    q = StringField(_l("Search the forum"), widget=widgets.TextInput())
