"""No library default reaches a person: WTForms' and Flask-WTF's messages are the portal's own
words, in English and Welsh, for every form (one hook, not form by form)."""

from pathlib import Path

import wtforms
from babel.messages.pofile import read_po
from flask_babel import force_locale
from wtforms import IntegerField, SelectField, StringField
from wtforms.validators import DataRequired, Length, NumberRange

from portal.core.form_messages import MESSAGES, NOT_FOR_PEOPLE, PLURALS
from portal.core.forms import Form
from ..membership.helpers import tier
from ..membership.test_join import ANSWERS


def _library_messages():
    catalogue = Path(wtforms.__file__).parent / "locale" / "wtforms.pot"
    with catalogue.open("rb") as file:
        return {message.id if isinstance(message.id, str) else message.id[0] for message in read_po(file) if message.id}


def test_every_wtforms_message_has_the_portals_own_words():
    assert _library_messages() - NOT_FOR_PEOPLE - set(MESSAGES) - set(PLURALS) == set()


def _join(client, **changes):
    return client.post("/join", data={**ANSWERS, "tier_id": tier("Full").id, **changes}).get_data(as_text=True)


def test_letters_in_a_number_field_get_our_words_in_english_and_welsh(client):
    page = _join(client, population="abc")
    assert "Enter a whole number, like 12" in page and "Not a valid integer value" not in page
    client.get("/language/cy")
    welsh = _join(client, population="abc")
    assert "Not a valid integer value" not in welsh and "Enter a whole number, like 12" not in welsh
    assert "Rhowch rif cyfan, fel 12" in welsh


class _Defaults(Form):
    number = IntegerField("Number", validators=[NumberRange(min=1, max=9)])
    name = StringField("Name", validators=[DataRequired(), Length(min=3)])
    short = StringField("Short", validators=[Length(max=1)])
    choice = SelectField("Choice", choices=[("a", "A")])


def test_validators_without_messages_speak_the_portals_words(app):
    with app.test_request_context(method="POST", data={"number": "12", "name": "ab", "short": "xyz", "choice": "z"}):
        with force_locale("en"):
            form = _Defaults(meta={"csrf": False})
            form.validate()
            assert form.number.errors == ["Enter a number from 1 to 9"]
            assert form.name.errors == ["This must be at least 3 characters"]
            assert form.short.errors == ["This must be 1 character or fewer"]
            assert form.choice.errors == ["Choose one of the options given"]
    with app.test_request_context(method="POST", data={}):
        with force_locale("cy"):
            form = _Defaults(meta={"csrf": False})
            form.validate()
            assert form.name.errors and form.name.errors[0] not in ("This field is required.", "Answer this question")
