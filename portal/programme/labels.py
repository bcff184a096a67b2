"""Words for the work programme's states, for pages and emails."""

from flask_babel import lazy_gettext as _l

from ..i18n import translated

IDEA_STATE_LABELS = {
    "draft": _l("Draft"),
    "submitted": _l("Submitted"),
    "shortlisted": _l("Shortlisted"),
    "not_taken_forward": _l("Not taken forward"),
    "merged": _l("Merged"),
    "withdrawn": _l("Withdrawn"),
}
IDEA_STATE_COLOURS = {"draft": "grey", "submitted": "blue", "shortlisted": "green", "not_taken_forward": "red",
                      "merged": "purple", "withdrawn": "grey"}
MOTION_STATE_LABELS = {
    "submitted": _l("Waiting for a seconder"),
    "seconded": _l("Seconded: waiting for a ruling"),
    "lapsed": _l("Lapsed: not seconded in time"),
    "admissible": _l("Admissible"),
    "inadmissible": _l("Not admissible"),
    "withdrawn": _l("Withdrawn"),
}
MOTION_STATE_COLOURS = {"submitted": "yellow", "seconded": "blue", "lapsed": "grey", "admissible": "green",
                        "inadmissible": "red", "withdrawn": "grey"}
CALL_STATE_LABELS = {"upcoming": _l("Opens soon"), "open": _l("Open for ideas"), "closed": _l("Closed")}
ITEM_STATE_LABELS = {
    "planned": _l("Planned"),
    "under_way": _l("Under way"),
    "done": _l("Done"),
    "dropped": _l("Dropped"),
}
ITEM_STATE_COLOURS = {"planned": "grey", "under_way": "blue", "done": "green", "dropped": "red"}
LINK_KIND_LABELS = {
    "lab": _l("Policy Lab"),
    "task": _l("Group task"),
    "event": _l("Event"),
    "resource": _l("Toolkit output"),
}


def item_result(result):
    """An adopted item's result in the vote, in words: "41 points", "7 members chose it"."""
    from flask_babel import ngettext

    unit, _, count = (result or "").partition(":")
    if not count.isdigit():
        return ""
    if unit == "points":
        return ngettext("%(num)d point", "%(num)d points", int(count))
    return ngettext("%(num)d member chose it", "%(num)d members chose it", int(count))


def init_app(app):
    app.add_template_global(item_result)
    from ..membership.rules.dates import year_label

    app.add_template_filter(year_label, "year_label")
    app.add_template_global(lambda state: translated(IDEA_STATE_LABELS.get(state, state)), "idea_state_label")
    app.add_template_global(IDEA_STATE_COLOURS, "idea_state_colours")
    app.add_template_global(lambda state: translated(CALL_STATE_LABELS.get(state, state)), "call_state_label")
    app.add_template_global(lambda state: translated(ITEM_STATE_LABELS.get(state, state)), "item_state_label")
    app.add_template_global(ITEM_STATE_COLOURS, "item_state_colours")
    app.add_template_global(lambda kind: translated(LINK_KIND_LABELS.get(kind, kind)), "link_kind_label")
    app.add_template_global(lambda state: translated(MOTION_STATE_LABELS.get(state, state)), "motion_state_label")
    app.add_template_global(MOTION_STATE_COLOURS, "motion_state_colours")
