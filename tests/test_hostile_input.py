"""Hostile values in every part of every address the app serves, and in every query parameter
it reads and every field of its forms: ids past what the databases hold, negative, zero, NUL
and bytes that are not UTF-8, by GET and POST, as each kind of person. Never a 500.

Every route is tried with every value as an anonymous visitor; an admin and a member admin
(who between them reach every page) each get half of the values, each half holding a small id,
a number past what a database holds, and a byte no form may carry; the other kinds of person
each get one of the values, in turn, on every route.
"""

import functools
import inspect
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from wtforms.fields.core import UnboundField

from portal.core import inputs
from portal.directory.rules.listing import Filters
from portal.forum.forms import SearchForm

from .conftest import sign_in
from .sweep import OWN_SESSION, PEOPLE, SAMPLES
from .test_fuzz import FormPage

# As sent on the wire: already percent-encoded.
HOSTILE = ["0", "-1", "2147483648", "99999999999999999999", "%00", "%ff%fe"]
HALVES = {"admin": ["0", "2147483648", "%00"], "member admin": ["-1", "99999999999999999999", "%ff%fe"]}
OTHERS = [kind for kind in PEOPLE if kind != "anonymous" and kind not in HALVES]
VALUES_FOR = {"anonymous": HOSTILE, **HALVES, **{kind: [HOSTILE[OTHERS.index(kind) % len(HOSTILE)]] for kind in OTHERS}}
assert sorted(HALVES["admin"] + HALVES["member admin"]) == sorted(HOSTILE)
QUERY_PARAMETERS = sorted(set(inputs.NUMBERS) | inputs.WORDS)
PART = re.compile(r"<(?:[^<>:]+:)?(\w+)>")
PORTAL = Path(inputs.__file__).resolve().parent.parent


def _address(rule, values, hostile=None, value=None):
    """The rule's address with the sample values, and ``value`` (sent as is) in ``hostile``."""
    return PART.sub(lambda part: value if part.group(1) == hostile else quote(str(values[part.group(1)]), safe="/"), rule.rule)


@functools.cache
def _form_fields(app):
    """Each form's own field names, read once from its page as the admin sees it (who sees most)."""
    client = sign_in(app.test_client(), PEOPLE["admin"])
    fields = {}
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods and "GET" in rule.methods and rule.endpoint not in OWN_SESSION:
            page = FormPage(client.get(_address(rule, {name: SAMPLES[name]() for name in rule.arguments})).get_data(as_text=True))
            fields[rule.endpoint] = sorted((set(page.shown) | set(page.offered)) - {"csrf_token"})
    return fields


def _tries(app, value, fields):
    """(endpoint, method, address, body) for every route, with ``value`` in one part at a time,
    in every query parameter, and in every field of the route's form."""
    query = "&".join(f"{name}={value}" for name in QUERY_PARAMETERS)
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint in OWN_SESSION, r.rule)):
        values = {name: SAMPLES[name]() for name in rule.arguments}
        for method in sorted(rule.methods & {"GET", "POST"}):
            for name in sorted(rule.arguments):
                yield rule.endpoint, method, _address(rule, values, name, value), None
            body = "&".join(f"{quote(field)}={value}" for field in fields.get(rule.endpoint, ["q", "id"]))
            yield rule.endpoint, method, f"{_address(rule, values)}?{query}", body if method == "POST" else None


@pytest.mark.parametrize("kind", list(PEOPLE))
def test_no_hostile_value_anywhere_in_a_request_gets_a_500(app, rollback, kind):
    client = sign_in(app.test_client(), PEOPLE[kind]) if PEOPLE[kind] else app.test_client()
    tried, problems = 0, []
    for value in VALUES_FOR[kind]:
        for endpoint, method, address, body in _tries(app, value, _form_fields(app)):
            sender = sign_in(app.test_client(), PEOPLE[kind]) if PEOPLE[kind] and endpoint in OWN_SESSION else client
            with rollback.savepoint():
                response = sender.open(address, method=method, data=body, content_type="application/x-www-form-urlencoded")
            tried += 1
            if response.status_code >= 500:
                problems.append(f"{kind}: {method} {address} {body or ''}"[:300] + f" -> {response.status_code}")
    assert tried > 300 * len(VALUES_FOR[kind])
    assert problems == [], f"{len(problems)} of {tried} requests as {kind} answered 500:\n" + "\n".join(problems)


def test_every_query_parameter_the_portal_reads_is_read_through_the_declared_helpers():
    """So that the test above sends every one: a view that reads request.args itself, or a name
    not declared in portal/core/inputs.py, fails here."""
    own = Path(inputs.__file__).resolve()
    readers = [str(path.relative_to(PORTAL)) for path in PORTAL.rglob("*")
               if path.suffix in (".py", ".html") and path != own and re.search(r"request\.(args|values)\b", path.read_text(encoding="utf-8"))]
    assert readers == []
    read = set()
    for path in PORTAL.rglob("*.py"):
        read |= set(re.findall(r'\b(?:text_arg|number_arg)\(\s*"(\w+)"', path.read_text(encoding="utf-8")))
    read |= set(re.findall(r'(?:one|args\.get|args\.getlist)\(\s*"(\w+)"', inspect.getsource(Filters.from_args)))
    read |= {name for name, field in vars(SearchForm).items() if isinstance(field, UnboundField)}
    assert read == set(QUERY_PARAMETERS)
