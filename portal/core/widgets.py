"""GOV.UK Frontend widgets for WTForms, with their fixed English words translated.

govuk-frontend-wtf fills in a hidden "Error:" prefix and the password toggle's
"Show"/"Hide" after template parameters are merged, so the words are set here, once,
in the person's language.
"""

from flask_babel import gettext as _
from govuk_frontend_wtf import wtforms_widgets as gov
from govuk_frontend_wtf.main import wtforms_errors


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
    """Day, month and year boxes with translated labels, as GOV.UK's pattern has them: the
    boxes' wrapper carries the field's id (and names its hint and error after it), the boxes
    ``<id>-day``, ``-month`` and ``-year``, each named by its own label; ``error_summary``
    links to the Day box. Unlike the library's widget, it copes with any number of values
    sent back."""

    def map_gov_params(self, field, **kwargs):
        # The library's own mapping unpacks exactly three values and fails on fewer.
        params = gov.GovFormBase.map_gov_params(self, field, **kwargs)
        params.setdefault("fieldset", {"legend": {"text": field.label.text}})
        if params.get("errorMessage"):
            params["errorMessage"]["visuallyHiddenText"] = _("Error")
        values = list(field.raw_data or [])[:3]
        if not values and field.data:
            values = field.data.strftime("%d %m %Y").split(" ")
        values += [None] * (3 - len(values))
        error = " govuk-input--error" if field.errors else ""
        params["items"] = [
            {"label": _("Day"), "id": f"{field.id}-day", "name": field.name, "value": values[0],
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": _("Month"), "id": f"{field.id}-month", "name": field.name, "value": values[1],
             "classes": "govuk-input--width-2" + error, "inputmode": "numeric"},
            {"label": _("Year"), "id": f"{field.id}-year", "name": field.name, "value": values[2],
             "classes": "govuk-input--width-4" + error, "inputmode": "numeric"},
        ]
        return params


def error_summary(form, params):
    """The error summary's parameters, each linking to the box to put right: for a date, its
    Day box, since the field's own id is the wrapper's."""
    summary = wtforms_errors(form, params)
    days = {f"#{field.id}": f"#{field.id}-day" for field in form if isinstance(field.widget, DateInput)}
    for item in summary["errorList"]:
        item["href"] = days.get(item["href"], item["href"])
    return summary
