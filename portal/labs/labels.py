"""Words for labs' states and values, shared by the pages and the emails."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from ..i18n import translated
from .models import VALUES

STATE_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "under_review": _l("Under review"),
    "changes_requested": _l("Changes requested"),
    "approved": lazy_pgettext("lab", "Approved"),
    "declined": lazy_pgettext("lab", "Declined"),
    "withdrawn": _l("Withdrawn"),
    "active": _l("Active"),
    "completed": _l("Completed"),
}
MOVE_LABELS = {
    "submit": _l("Submit the proposal"),
    "resubmit": _l("Submit the changed proposal"),
    "withdraw": _l("Withdraw the proposal"),
    "start_review": _l("Start the review"),
    "request_changes": _l("Ask for changes"),
    "approve": _l("Approve with an award"),
    "decline": _l("Decline"),
    "activate": _l("Start the lab"),
    "complete": _l("Mark the lab completed"),
}
PARTNER_LABELS = {"invited": _l("Invited"), "accepted": _l("Accepted"), "declined": lazy_pgettext("partner's answer", "Declined")}


def init_app(app):
    app.add_template_global(lambda status: translated(STATE_LABELS.get(status, status)), "lab_state_label")
    app.add_template_global(lambda action: translated(MOVE_LABELS.get(action, action)), "lab_move_label")
    app.add_template_global(lambda status: translated(PARTNER_LABELS.get(status, status)), "partner_state_label")
    app.add_template_global(lambda key: translated(VALUES.get(key, key)), "value_label")
    app.add_template_global(VALUES, "lab_values")
