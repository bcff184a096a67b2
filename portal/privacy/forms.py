"""Fields of the privacy forms."""

from flask_babel import lazy_gettext as _l
from wtforms import RadioField

from ..core import widgets
from ..core.forms import Form, choices, long_text_field


class ErasureRequestForm(Form):
    reason = long_text_field(_l("Why (optional)"), max_length=2000,
                             description=_l("This helps the secretariat, but you do not have to say."))


class ErasureDecisionForm(Form):
    decision = RadioField(_l("Your decision"), choices=choices([("approve", _l("Erase the account")), ("decline", _l("Decline the request"))]),
                          validators=[], widget=widgets.RadioInput())
    note = long_text_field(_l("Reason for declining (sent to the person)"), max_length=2000)

    def validate(self, extra_validators=None):
        valid = super().validate(extra_validators)
        if self.decision.data not in ("approve", "decline"):
            self.decision.errors.append(_l("Choose whether to erase the account"))
            return False
        if self.decision.data == "decline" and not (self.note.data or "").strip():
            self.note.errors.append(_l("Say why the request is declined"))
            return False
        return valid
