"""Who may see a decision, its results, and cast a member's ballot."""

from ..auth.access import Rule
from .rules import lifecycle
from .rules.casting import may_vote_for

PUBLIC_STATES = ("published",)
MEMBER_STATES = ("scheduled", "open", "closed", "published", "annulled")


def _decision(values):
    return lifecycle.get(values.get("decision_id"))


def _sees(person, values):
    decision = _decision(values)
    if decision is None:
        return True  # the view answers 404
    if decision.status in PUBLIC_STATES:
        return True
    if not getattr(person, "is_authenticated", False):
        return False
    return person.is_secretariat or decision.status in MEMBER_STATES


def _sees_results(person, values):
    decision = _decision(values)
    if decision is None or decision.status in PUBLIC_STATES:
        return True
    return decision.status == "closed" and getattr(person, "is_secretariat", False)


def _casts(person, values):
    decision = _decision(values)
    return decision is not None and may_vote_for(person, decision, values.get("member_id"))


SEE_DECISION = Rule("anyone for published results, members for the rest, secretariat for drafts", _sees, needs_sign_in=False)
SEE_RESULTS = Rule("anyone once published; the secretariat once closed", _sees_results, needs_sign_in=False)
CAST_BALLOT = Rule("the member's representative, deputy or proxy", _casts)
