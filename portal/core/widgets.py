"""GOV.UK Frontend widgets for WTForms, with their fixed English words translated.

govuk-frontend-wtf fills in a hidden "Error:" prefix and the password toggle's
"Show"/"Hide" after template parameters are merged, so the words are set here, once,
in the person's language.
"""

from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov


class _Translated:
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        return params


class TextInput(_Translated, gov.GovTextInput):
    pass


class EmailInput(_Translated, gov.GovTextInput):
    input_type = "email"


class TextArea(_Translated, gov.GovTextArea):
    pass


class Select(_Translated, gov.GovSelect):
    pass


class RadioInput(_Translated, gov.GovRadioInput):
    pass


class CheckboxesInput(_Translated, gov.GovCheckboxesInput):
    pass


class CheckboxInput(_Translated, gov.GovCheckboxInput):
    pass


class FileInput(_Translated, gov.GovFileInput):
    pass


class SubmitInput(gov.GovSubmitInput):
    pass


class PasswordInput(_Translated, gov.GovPasswordInput):
    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        # The macro writes its own autocomplete attribute; pass ours to it, not beside it.
        params["autocomplete"] = params["attributes"].pop("autocomplete", "current-password")
        params.update(
            showPasswordText=_("Show"),
            hidePasswordText=_("Hide"),
            showPasswordAriaLabelText=_("Show password"),
            hidePasswordAriaLabelText=_("Hide password"),
            passwordShownAnnouncementText=_("Your password is visible"),
            passwordHiddenAnnouncementText=_("Your password is hidden"),
        )
        return params


class DateInput(gov.GovDateInput):
    """Day, month and year boxes with translated labels; the first box carries the field's id,
    so the error summary's link lands in it, and the boxes' wrapper an id of its own. Unlike
    the library's widget, it copes with any number of values sent back."""

    def map_gov_params(self, field, **kwargs):
        # The library's own mapping unpacks exactly three values and fails on fewer.
        params = gov.GovFormBase.map_gov_params(self, field, **kwargs)
        # The macro gives the wrapper this id (and names the hint and error after it): were it
        # the Day box's too, the Day label would name the wrapper and the box would go unnamed.
        params["id"] = f"{field.id}-date"
        params.setdefault("fieldset", {"legend": {"text": field.label.text}})
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        values = list(field.raw_data or [])[:3]
        if not values and field.data:
            values = field.data.strftime("%d %m %Y").split(" ")
        values += [None] * (3 - len(values))
        error = " govuk-input--error" if field.errors else ""
        params["items"] = [
            {"label": _("Day"), "id": field.id, "name": field.name, "value": values[0],
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": _("Month"), "id": f"{field.id}-month", "name": field.name, "value": values[1],
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": _("Year"), "id": f"{field.id}-year", "name": field.name, "value": values[2],
             "classes": "govuk-input--width-4" + error, "inputmode": "numeric"},
        ]
        return params
