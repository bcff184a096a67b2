"""The route sweeps: every endpoint declares who may use it, every kind of person gets
exactly what tests/policy.py says, refusals write nothing, every page drawn has sound ids
and labels, and no form is accepted without its CSRF token."""

import contextlib
from html.parser import HTMLParser

import pytest
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from portal.auth.access import rule_for

from .conftest import WriteWatch, database_digest, person, sign_in
from .policy import POLICY
from .sweep import OWN_SESSION, PEOPLE, endpoints, expected_allowed

# No page makes more than 12 queries (issue 10), and none loads a relationship lazily: what
# a page shows is loaded by its own queries, so their number cannot grow with the data
# (tests/forum/test_queries.py and bench/http_load.py show it at scale).
QUERY_BUDGET = 12
# A refusal is written to the security log: that is the only change it may make.
LOGGED = {"security_event"}


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = sorted({endpoint for endpoint, *_ in endpoints(app) if rule_for(endpoint, app) is None})
    assert undeclared == []


def test_the_policy_names_every_endpoint_and_nothing_else(app):
    served = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(served - POLICY.keys()) == [], "say in tests/policy.py who may use these"
    assert sorted(POLICY.keys() - served) == [], "tests/policy.py names endpoints the app no longer serves"


def test_the_policy_speaks_only_of_the_kinds_the_sweep_signs_in_as():
    assert set().union(*POLICY.values()) <= PEOPLE.keys()


def test_an_endpoint_without_a_declared_rule_is_refused_to_everyone(make_app, sign_in_as):
    app = make_app()
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    client = app.test_client()
    assert client.get("/undeclared").status_code == 403
    sign_in(client, "admin@example.org")
    assert client.get("/undeclared").status_code == 403


class LazyLoad(AssertionError):
    """A page loaded a relationship one object at a time: the way to N+1 queries."""


@contextlib.contextmanager
def refusing_lazy_loads():
    """Raise ``LazyLoad`` at any lazy load that would reach the database (relationships
    already in the session's identity map cost nothing and pass). Yields the list of those
    refused, since the app's error page stands between the raise and the test."""
    refused = []

    def refuse(state):
        if state.is_select and state.lazy_loaded_from is not None:
            refused.append(f"lazy load of {state.loader_strategy_path}")
            raise LazyLoad(refused[-1])

    event.listen(Session, "do_orm_execute", refuse)
    try:
        yield refused
    finally:
        event.remove(Session, "do_orm_execute", refuse)


class QueryCounter:
    """Counts the queries sent on ``connection`` (and keeps them, in ``statements``)."""

    def __init__(self, connection):
        self.connection = connection
        self.count = 0
        self.statements = []

    def __enter__(self):
        event.listen(self.connection, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.connection, "before_cursor_execute", self._count)

    def _count(self, connection, cursor, statement, *args):
        # Transaction control (the test's savepoints) is not a query the page makes.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN")):
            self.count += 1
            self.statements.append(statement)


class IdsAndLabels(HTMLParser):
    """Reads a page for two faults axe does not always see: an id used twice, and a label
    whose ``for`` names no input, select or textarea (so the box it means has no name)."""

    CONTROLS = {"input", "select", "textarea"}

    def __init__(self):
        super().__init__()
        self.tags, self.repeated, self.labels = {}, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id") is not None:
            if attrs["id"] in self.tags:
                self.repeated.append(attrs["id"])
            # A hidden input can be named by no label.
            self.tags.setdefault(attrs["id"], "hidden input" if tag == "input" and attrs.get("type") == "hidden" else tag)
        if tag == "label" and attrs.get("for") is not None:
            self.labels.append(attrs["for"])

    def problems(self):
        found = [f"id {name!r} is used more than once" for name in sorted(set(self.repeated))]
        for target in self.labels:
            if self.tags.get(target) not in self.CONTROLS:
                found.append(f"label for {target!r} names {self.tags.get(target) or 'nothing'}, not an input, select or textarea")
        return found


def ids_and_labels(html):
    """What is wrong with the page's ids and labels (an empty list when nothing is)."""
    parser = IdsAndLabels()
    parser.feed(html)
    parser.close()
    return parser.problems()


def test_the_page_check_finds_repeated_ids_and_labels_that_name_no_box():
    page = """<form><div id="starts_on"><label for="starts_on">Day</label><input id="starts_on" name="starts_on">
              <label for="ends_on">Ends</label><input type="hidden" id="token" name="token">
              <label for="token">Token</label><select id="tier"></select><label for="tier">Tier</label></div></form>"""
    assert ids_and_labels(page) == [
        "id 'starts_on' is used more than once",
        "label for 'starts_on' names div, not an input, select or textarea",
        "label for 'ends_on' names nothing, not an input, select or textarea",
        "label for 'token' names hidden input, not an input, select or textarea",
    ]


@pytest.mark.parametrize("kind", list(PEOPLE))
def test_each_kind_of_person_gets_what_each_endpoint_declares(app, rollback, kind):
    client = app.test_client()
    who = None
    if PEOPLE[kind]:
        sign_in(client, PEOPLE[kind])
        who = person(PEOPLE[kind])
    problems = []
    for endpoint, method, url, values in endpoints(app):
        allowed = expected_allowed(app, endpoint, who, values)
        # What ends or changes a session gets a session of its own, so the sweep goes on.
        sweeper = sign_in(app.test_client(), PEOPLE[kind]) if PEOPLE[kind] and endpoint in OWN_SESSION else client
        reading = method == "GET"
        with rollback.savepoint():
            with (WriteWatch(rollback.connection, exclude=LOGGED) as writes, QueryCounter(rollback.connection) as queries,
                  refusing_lazy_loads() if reading else contextlib.nullcontext([]) as lazy):
                response = sweeper.open(url, method=method, data={})
            after = database_digest(exclude=LOGGED) if not allowed and writes.suspect else None
        if lazy:
            problems.append(f"{method} {url}: {', '.join(lazy)}")
            continue
        status, location = response.status_code, response.headers.get("Location", "")
        sent_to_sign_in = status == 302 and location.startswith("/sign-in?next=")
        if allowed:
            # A 404 is a page the sweep never drew: its sample does not reach it.
            if status >= 500 or status in (403, 404) or sent_to_sign_in:
                problems.append(f"{method} {url}: allowed by the policy but answered {status} {location}")
            if reading and queries.count > QUERY_BUDGET:
                problems.append(f"{method} {url}: {queries.count} queries, budget {QUERY_BUDGET}")
            if response.mimetype == "text/html":
                problems.extend(f"{method} {url}: {fault}" for fault in ids_and_labels(response.get_data(as_text=True)))
        else:
            if who is None and not sent_to_sign_in:
                problems.append(f"{method} {url}: refused by the policy, but anonymous got {status} {location}")
            if who is not None and status != 403:
                problems.append(f"{method} {url}: refused by the policy, but {kind} got {status}")
            if after is not None and database_digest(exclude=LOGGED) != after:
                problems.append(f"{method} {url}: refused, yet the database changed")
    assert problems == []


@pytest.mark.parametrize("kind", ["anonymous", "admin", "member admin"])
def test_every_form_sent_without_its_csrf_token_is_refused_and_changes_nothing(app, rollback, kind):
    client = app.test_client()
    if PEOPLE[kind]:
        sign_in(client, PEOPLE[kind])
    app.config["WTF_CSRF_ENABLED"] = True
    problems = []
    try:
        for endpoint, method, url, values in endpoints(app, methods={"POST", "PUT", "PATCH", "DELETE"}):
            with rollback.savepoint():
                with WriteWatch(rollback.connection) as writes:
                    response = client.open(url, method=method, data={"email": "x@example.org", "password": "x"})
                after = database_digest() if writes.suspect else None
            if response.status_code != 400:
                problems.append(f"{method} {url}: {response.status_code} without a CSRF token")
            if after is not None and database_digest() != after:
                problems.append(f"{method} {url}: the database changed without a CSRF token")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert problems == []


def test_a_page_that_loads_lazily_is_caught(make_app, rollback):
    from portal.auth.access import ANYONE, access
    from portal.auth.models import Person
    from portal.extensions import db

    app = make_app()

    @access(ANYONE)
    def lazy_roles():
        return ", ".join(sorted(role.role for someone in db.session.query(Person).all() for role in someone.roles))

    app.add_url_rule("/lazy", "lazy_roles", lazy_roles)
    with QueryCounter(rollback.connection) as queries, refusing_lazy_loads() as refused:
        assert app.test_client().get("/lazy").status_code == 500
    assert refused and refused[0].startswith("lazy load of") and "roles" in refused[0]
    assert queries.count == 1  # the list of people; the refused load never reached the database


def test_the_sweep_covers_the_forms_it_claims_to(app):
    posts = {endpoint for endpoint, *_ in endpoints(app, methods={"POST"})}
    assert {"auth.sign_in", "people.invite", "people.deactivate", "account.change_password"} <= posts


def test_the_write_watch_sees_every_write_but_those_it_may_ignore(rollback):
    from portal.auth.models import Person, SecurityEvent
    from portal.db import utcnow
    from portal.extensions import db

    with WriteWatch(rollback.connection, exclude=LOGGED) as reads:
        db.session.execute(select(Person.id))
    with WriteWatch(rollback.connection, exclude=LOGGED) as logged:
        db.session.add(SecurityEvent(kind="sign_in", at=utcnow()))
        db.session.flush()
    with WriteWatch(rollback.connection, exclude=LOGGED) as written:
        person("rep@oxford.example.org").name = "Someone Else"
        db.session.flush()
    assert (reads.suspect, logged.suspect, written.suspect) == (False, False, True)
