"""Words for decisions' states and rules, and small helpers for their pages."""

from decimal import ROUND_DOWN, Decimal

from babel.numbers import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n import formatting_locale, translated
from .forms import MOTION_LABELS, THRESHOLD_LABELS

STATE_LABELS = {
    "draft": _l("Draft"),
    "scheduled": _l("Scheduled"),
    "open": _l("Open"),
    "closed": _l("Closed"),
    "published": _l("Results published"),
    "annulled": _l("Annulled"),
}
VOTING_ROLES = {
    "representative": _l("voting representative"),
    "deputy": _l("deputy"),
    "proxy": _l("proxy"),
}
TIE_SETTLED = {"earlier stage": _l("the most recent stage at which they differed"), "earlier round": _l("an earlier round"), "lot": _l("lot")}


def quorum_text(decision):
    if decision.quorum_kind == "percent":
        return _("%(percent)d%% of the members on the roll", percent=decision.quorum_value)
    if decision.quorum_kind == "members":
        return _("%(count)d members", count=decision.quorum_value)
    return _("None")


def question_rule_text(question):
    if question.method == "motion":
        return str(THRESHOLD_LABELS[question.threshold])
    if question.method == "single":
        return _("Choose one option.")
    if question.method == "approval":
        return _("Choose up to %(count)d; the %(seats)d most chosen are chosen.", count=question.max_choices, seats=question.seats)
    if question.method == "cumulative":
        return _("Spread up to %(points)d points over the options, at most %(most)d on any one; the %(seats)d with most points are chosen.",
                 points=question.points, most=question.points_per_option, seats=question.seats)
    if question.seats == 1:
        return _("Number the options in order of preference; counted by instant runoff.")
    return _("Number the options in order of preference; %(seats)d elected by the Single Transferable Vote.", seats=question.seats)


def stage_label(stage, labels):
    name = labels.get(str(stage.get("candidate")), "")
    return {
        "first": _("First preferences"),
        "surplus": _("Surplus of %(name)s", name=name),
        "exclusion": _("Exclusion of %(name)s", name=name),
        "elect_remaining": _("Last places filled"),
    }[stage["action"]]


def votes_shown(figure):
    """A count's figure ('1234.56789') to two places in the reader's locale ('1,234.56'): the
    rest left off, as the count leaves off what is past five, so that none looks over a quota it missed."""
    return format_decimal(Decimal(figure).quantize(Decimal("0.01"), rounding=ROUND_DOWN), "#,##0.00", locale=formatting_locale())


def percent(part, whole):
    return f"{100 * part / whole:.1f}" if whole else "0.0"


def init_app(app):
    app.add_template_global(lambda state: translated(STATE_LABELS.get(state, state)), "decision_state_label")
    app.add_template_global(lambda via: translated(VOTING_ROLES.get(via, via)), "voting_role_label")
    app.add_template_global(lambda key: translated(THRESHOLD_LABELS.get(key, key)), "threshold_label")
    app.add_template_global(lambda key: translated(MOTION_LABELS.get(key, key)), "motion_label")
    app.add_template_global(lambda key: translated(TIE_SETTLED.get(key, key)), "tie_label")
    app.add_template_global(quorum_text)
    app.add_template_global(question_rule_text)
    app.add_template_global(stage_label)
    app.add_template_global(percent)
    app.add_template_global(lambda decision: {q.id: q for q in decision.questions}, "questions_by_id")
    app.add_template_global(lambda question, language: {str(o.id): o.label(language) for o in question.options}, "option_labels")
    app.add_template_filter(votes_shown, "votes")
    app.add_template_filter(lambda key, mapping: mapping.get(key, key), "lookup")
