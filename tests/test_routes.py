"""The route sweeps: every endpoint declares who may use it, every kind of person gets
exactly that, refusals write nothing, and no form is accepted without its CSRF token."""

import pytest
from sqlalchemy import event

from portal.auth.access import rule_for

from .conftest import database_digest, person, sign_in
from .sweep import OWN_SESSION, PEOPLE, endpoints, expected_allowed

# A ceiling per page that catches a loop of queries; pages whose count must not grow with
# the data have tests of their own (e.g. tests/forum/test_queries.py). A lab's page with
# its discussion is the largest, at 13.
QUERY_BUDGET = 14
# Pages that gather everything held about a person make one query per kind of data: a
# fixed number, above the ceiling.
QUERY_BUDGETS = {"privacy.my_data": 20, "privacy.my_data_json": 20, "privacy.decide": 20}
# A refusal is written to the security log: that is the only change it may make.
LOGGED = {"security_event"}


def test_every_endpoint_declares_who_may_use_it(app):
    undeclared = sorted({endpoint for endpoint, *_ in endpoints(app) if rule_for(endpoint, app) is None})
    assert undeclared == []


def test_an_endpoint_without_a_declared_rule_is_refused_to_everyone(make_app, sign_in_as):
    app = make_app()
    app.add_url_rule("/undeclared", "undeclared", lambda: "secret")
    client = app.test_client()
    assert client.get("/undeclared").status_code == 403
    sign_in(client, "admin@example.org")
    assert client.get("/undeclared").status_code == 403


class QueryCounter:
    def __init__(self, connection):
        self.connection = connection
        self.count = 0

    def __enter__(self):
        event.listen(self.connection, "before_cursor_execute", self._count)
        return self

    def __exit__(self, *exc):
        event.remove(self.connection, "before_cursor_execute", self._count)

    def _count(self, connection, cursor, statement, *args):
        # Transaction control (the test's savepoints) is not a query the page makes.
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN")):
            self.count += 1


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
        with rollback.savepoint():
            before = database_digest(exclude=LOGGED)
            with QueryCounter(rollback.connection) as queries:
                # What ends or changes a session gets a session of its own, so the sweep goes on.
                sweeper = sign_in(app.test_client(), PEOPLE[kind]) if PEOPLE[kind] and endpoint in OWN_SESSION else client
                response = sweeper.open(url, method=method, data={})
            status, location = response.status_code, response.headers.get("Location", "")
            if allowed:
                if status >= 500 or status == 403 or (status == 302 and location.startswith("/sign-in")):
                    problems.append(f"{method} {url}: allowed by its rule but answered {status} {location}")
                budget = QUERY_BUDGETS.get(endpoint, QUERY_BUDGET)
                if method == "GET" and queries.count > budget:
                    problems.append(f"{method} {url}: {queries.count} queries, budget {budget}")
            else:
                if who is None and not (status == 302 and location.startswith("/sign-in")):
                    problems.append(f"{method} {url}: refused by its rule, but anonymous got {status} {location}")
                if who is not None and status != 403:
                    problems.append(f"{method} {url}: refused by its rule, but {kind} got {status}")
                if database_digest(exclude=LOGGED) != before:
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
                before = database_digest()
                response = client.open(url, method=method, data={"email": "x@example.org", "password": "x"})
                if response.status_code != 400:
                    problems.append(f"{method} {url}: {response.status_code} without a CSRF token")
                if database_digest() != before:
                    problems.append(f"{method} {url}: the database changed without a CSRF token")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert problems == []


def test_the_sweep_covers_the_forms_it_claims_to(app):
    posts = {endpoint for endpoint, *_ in endpoints(app, methods={"POST"})}
    assert {"auth.sign_in", "people.invite", "people.deactivate", "account.change_password"} <= posts
