"""Fields of the directory's forms."""

import re

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, EmailField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import Email, InputRequired, Length, Optional, ValidationError

from ..auth.forms import email_field
from ..core import widgets
from ..core.forms import Form, choices, long_text_field, text_field
from ..membership.forms import website_field
from ..membership.rules.areas import council_areas
from .labels import FIELD_LABELS, LEGAL_FORM_LABELS, OWNERSHIP_LABELS, SECTOR_LABELS
from .rules.imports import TARGETS


class CoordinateField(StringField):
    """A latitude or longitude in decimal degrees, held as a float in ``data``."""

    def __init__(self, label, low, high, example, **kwargs):
        super().__init__(label, widget=widgets.TextInput(), render_kw={"inputmode": "decimal", "spellcheck": "false"}, **kwargs)
        self.low, self.high, self.example = low, high, example

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data:.6f}".rstrip("0").rstrip(".")

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "") or ""
        text = text.strip() if isinstance(text, str) else ""
        if not text:
            return
        message = _l("Enter a number between %(low)d and %(high)d, like %(example)s", low=self.low, high=self.high, example=self.example)
        if not re.fullmatch(r"-?\d{1,3}(\.\d{1,10})?", text):
            raise ValueError(message)
        number = float(text)
        if not self.low <= number <= self.high:
            raise ValueError(message)
        self.data = round(number, 6)


class EntryForm(Form):
    """What an entry holds; the public form, the owner's form and the staff form all use it."""

    name = text_field(_l("Name of the organisation"), required=_l("Enter the name of the organisation"))
    legal_form = RadioField(_l("Legal form"), choices=choices(LEGAL_FORM_LABELS.items()),
                            validators=[InputRequired(_l("Choose the organisation's legal form"))], widget=widgets.RadioInput())
    ownership = RadioField(_l("Is it democratically owned?"), choices=choices(OWNERSHIP_LABELS.items()),
                           validators=[InputRequired(_l("Choose whether it is democratically owned"))], widget=widgets.RadioInput())
    sectors = SelectMultipleField(_l("Sectors (optional)"), description=_l("Select all that apply."),
                                  choices=choices(SECTOR_LABELS.items()), widget=widgets.CheckboxesInput())
    offers = long_text_field(_l("Goods and services it offers"), required=_l("Say what the organisation offers"),
                             description=_l("What buyers such as councils, hospitals and universities can buy from it."),
                             max_length=5000)
    description = long_text_field(_l("About the organisation (optional)"), max_length=5000)
    address = text_field(_l("Address (optional)"), max_length=300)
    postcode = text_field(_l("Postcode (optional)"), max_length=10)
    area_code = SelectField(_l("Local authority area"), widget=widgets.Select(),
                            description=_l("The member council for the area checks entries before they are published."))
    latitude = CoordinateField(_l("Latitude (optional)"), -90, 90, "51.7520")
    longitude = CoordinateField(_l("Longitude (optional)"), -180, 180, "-1.2577",
                                description=_l("Where to put it on the map: you can copy both from any online map."))
    website = website_field()
    contact_email = EmailField(
        _l("Contact email (optional)"),
        description=_l("Never shown: people write through a form, and we send the organisation a link to keep its entry up to date."),
        validators=[Optional(), Length(max=254, message=_l("Email address must be 254 characters or fewer")),
                    Email(_l("Enter an email address in the correct format, like name@example.org"))],
        widget=widgets.EmailInput(), render_kw={"spellcheck": "false"},
    )
    registration_number = text_field(_l("Registration number (optional)"), max_length=40,
                                     description=_l("From the FCA Mutuals Public Register or Companies House."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.area_code.choices = choices([("", _l("Somewhere else, or not sure"))] + list(council_areas().items()))

    def validate_longitude(self, field):
        if (self.latitude.data is None) != (field.data is None) and not self.latitude.errors and not field.errors:
            raise ValidationError(_l("Enter both the latitude and the longitude, or neither"))

    def values(self):
        return {name: getattr(self, name).data for name in (
            "name", "legal_form", "ownership", "sectors", "offers", "description", "address", "postcode",
            "area_code", "latitude", "longitude", "website", "contact_email", "registration_number")}


class SubmitForm(EntryForm):
    """The public's form: who is sending it, so that we can tell them the outcome."""

    submitter_name = text_field(_l("Your name"), required=_l("Enter your name"))
    submitter_email = email_field(_l("Your email address"))
    note = long_text_field(_l("Anything the moderators should know (optional)"), max_length=2000)


class OwnerForm(EntryForm):
    note = long_text_field(_l("Anything the moderators should know (optional)"), max_length=2000)


class ContactForm(Form):
    name = text_field(_l("Your name"), required=_l("Enter your name"))
    email = email_field(_l("Your email address"))
    organisation = text_field(_l("Your organisation (optional)"))
    message = long_text_field(_l("Your message"), required=_l("Write your message"), max_length=3000)


class RejectForm(Form):
    reason = long_text_field(_l("Why is it not being published?"), required=_l("Say why it is not being published"),
                             description=_l("We send this to the person who sent it in."), max_length=2000)


class UploadForm(Form):
    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file"))], widget=widgets.FileInput())


class MappingForm(Form):
    """One choice of column for each of the directory's fields, made for the file's headers."""

    mode = RadioField(
        _l("What should happen?"),
        choices=choices([("check", _l("Check the file and show what would change")), ("import", _l("Import it"))]),
        default="check", validators=[InputRequired(_l("Choose whether to check or import"))], widget=widgets.RadioInput(),
    )

    @classmethod
    def for_headers(cls, headers, mapping, formdata=None):
        class Mapping(cls):
            pass

        options = [("", _l("Not in the file"))] + [(header, header) for header in headers if header]
        for target in TARGETS:
            setattr(Mapping, f"column_{target}", SelectField(
                FIELD_LABELS[target], choices=choices(options), default=mapping.get(target, ""),
                validators=[Optional()], widget=widgets.Select()))
        form = Mapping(formdata=formdata) if formdata is not None else Mapping()
        return form

    def validate_column_name(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the column that holds the organisations' names"))

    def mapping(self):
        return {target: getattr(self, f"column_{target}").data for target in TARGETS if getattr(self, f"column_{target}").data}


class ShowForm(Form):
    """Moderators' choice on the list: only what the public sees, or everything."""

    show = BooleanField(_l("Also show entries that are withdrawn or off the public map"), widget=widgets.CheckboxInput())
