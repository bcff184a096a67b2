"""Who may use each endpoint, declared on the view and enforced in one place.

Every view carries a ``Rule`` through the ``@access`` decorator. A ``before_request``
hook looks the rule up for the matched endpoint and refuses the request before the
view runs; an endpoint that declares nothing is refused to everyone. Templates ask the
same rules through ``allowed(endpoint, **values)``, so navigation shows what a person
may use and nothing else.
"""

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

from ..core.cache import per_request


class Rule:
    """A named test of a person (and the URL's values) that guards endpoints."""

    def __init__(self, name, check, *, needs_sign_in=True):
        self.name = name
        self._check = check
        self.needs_sign_in = needs_sign_in

    def allows(self, person, values=None):
        if self.needs_sign_in and not getattr(person, "is_authenticated", False):
            return False
        return bool(self._check(person, values or {}))

    def __or__(self, other):
        return Rule(
            f"{self.name} or {other.name}",
            lambda person, values: self.allows(person, values) or other.allows(person, values),
            needs_sign_in=self.needs_sign_in and other.needs_sign_in,
        )

    def __and__(self, other):
        return Rule(
            f"{self.name} and {other.name}",
            lambda person, values: self.allows(person, values) and other.allows(person, values),
            needs_sign_in=self.needs_sign_in or other.needs_sign_in,
        )

    def __repr__(self):
        return f"<Rule {self.name}>"


ANYONE = Rule("anyone", lambda person, values: True, needs_sign_in=False)
SIGNED_IN = Rule("signed in", lambda person, values: True)


def role(*names):
    return Rule("role " + "/".join(names), lambda person, values: person.has_role(*names))


ADMIN = role("admin")
SECRETARIAT = role("secretariat", "admin")


def access(rule):
    """Declare who may use a view. Enforcement happens before the view is called."""

    def decorate(view):
        view.access_rule = rule
        return view

    return decorate


def rule_for(endpoint, app=None):
    app = app or current_app._get_current_object()
    if endpoint == "static" or endpoint.endswith(".static"):
        return ANYONE
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def ask(person, endpoint, values):
    """True when ``person`` may use ``endpoint`` with these URL values, asked afresh: for a
    question a page asks once only (may I change this post?), where keeping the answer costs
    more than it saves."""
    rule = rule_for(endpoint)
    return rule is not None and rule.allows(person, values)


def allowed(endpoint, **values):
    """True when the current person may use ``endpoint`` with these URL values; asked once a
    request for the same question (a thread's page asks whether one may reply for every post)."""
    person = current_user._get_current_object()  # not the proxy: rules read many of its attributes
    key = ("allowed", getattr(person, "id", None), endpoint, tuple(sorted(values.items())))
    return per_request(key, lambda: ask(person, endpoint, values))


def enforce():
    """``before_request``: refuse what the endpoint's rule does not allow."""
    if request.endpoint is None:
        return None
    rule = rule_for(request.endpoint)
    if rule is not None and rule.allows(current_user._get_current_object(), request.view_args):
        return None
    if rule is not None and not current_user.is_authenticated:
        return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
    abort(403)


def init_app(app):
    app.before_request(enforce)
    app.add_template_global(allowed)

