"""The choices form: one question a category; what always comes by email has no question,
and an answer sent for it anyway is refused."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, StringField
from wtforms.validators import AnyOf, InputRequired, Optional

from ..core import widgets
from ..core.forms import Form, choices
from .kinds import CATEGORIES, DIGEST, MUST, NOW, PORTAL

CHOICE_LABELS = {NOW: _l("Email at once"), DIGEST: _l("In one email a day"), PORTAL: _l("On the portal only")}


class ChoicesForm(Form):
    """How a person gets each category of message."""

    def chosen(self):
        return {category: self[category].data for category in CATEGORIES}


for _category, (_label, _hint) in CATEGORIES.items():
    setattr(ChoicesForm, _category, RadioField(
        _label, description=_hint, choices=choices(CHOICE_LABELS.items()), widget=widgets.RadioInput(), validate_choice=False,
        validators=[InputRequired(_l("Choose how these messages reach you")),
                    AnyOf(list(CHOICE_LABELS), message=_l("Choose how these messages reach you"))]))
# Never drawn as boxes: the page says why these always come by email.
for _group, (_label, _why) in MUST.items():
    setattr(ChoicesForm, _group, StringField(_label, validators=[
        Optional(), AnyOf([NOW], message=_l("These emails cannot be switched off: they always come at once"))]))
