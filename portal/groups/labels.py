"""Template helpers for groups' words."""

from ..i18n import translated
from .forms import ATTENDANCE_LABELS, RISK_STATUS_LABELS, ROLE_LABELS, RULE_LABELS, TASK_STATUS_LABELS


def init_app(app):
    for name, mapping in (("group_role", ROLE_LABELS), ("task_status", TASK_STATUS_LABELS), ("risk_status", RISK_STATUS_LABELS),
                          ("attendance", ATTENDANCE_LABELS), ("meeting_rule", RULE_LABELS)):
        app.add_template_global(lambda key, mapping=mapping: translated(mapping.get(key, key)), f"{name}_label")
