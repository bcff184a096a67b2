"""Every form, fuzzed with hypothesis: random text, huge text, control characters, NUL, bytes
that are not UTF-8, numbers where words go and words where numbers go, ids past what the
databases hold, lists, missing fields. Never a 500, and a form that is refused writes nothing.

Each run draws new answers from a seed it prints; PORTAL_FUZZ_SEED=<seed> replays a run.
"""

import os
import random
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from .conftest import WriteWatch, database_digest, person, sign_in
from .sweep import OWN_SESSION, endpoints, expected_allowed
from .test_routes import LOGGED

SEED = int(os.environ.get("PORTAL_FUZZ_SEED") or random.SystemRandom().randrange(2**32))
EXAMPLES = 25  # a form; the file takes about two minutes on SQLite on two shared cores
GENERIC_FIELDS = ["title", "body", "name", "email", "password", "code", "reason", "note", "amount", "decision", "level", "q"]

ANSWERS = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "1e308", "NaN", "2026-02-30", "31/13/2026", "£-5",
                     "\x00", "\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "y", "on",
                     "x" * 20_000, "\u202e\u200b", "🙂" * 50, "2147483648", "2147483647", "name\x00", "\x00" * 3]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.integers(min_value=2**31 - 2, max_value=2**63 + 1).map(str),
    # Sent as they are: werkzeug reads bytes that are not UTF-8 as replacement characters.
    st.sampled_from([b"\xff\xfe", b"caf\xe9", b"\xed\xa0\x80", b"\xc0\x80", b"1\xff"]),
    st.binary(max_size=20),
    st.lists(st.text(max_size=10), max_size=4),
)


class FormPage(HTMLParser):
    """A form's page as drawn: the answers its fields hold (``shown``, a list a name) and the
    choices its selects, radios and checkboxes offer (``offered``)."""

    def __init__(self, html):
        super().__init__()
        self.shown, self.offered, self._select, self._textarea = {}, {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name, value = attrs.get("name"), attrs.get("value") or ""
        if tag == "input" and name and attrs.get("type") in ("radio", "checkbox"):
            self.offered.setdefault(name, []).append(value or "y")
            if "checked" in attrs:
                self.shown.setdefault(name, []).append(value or "y")
        elif tag == "input" and name and attrs.get("type") not in ("file", "submit", "button"):
            self.shown.setdefault(name, []).append(value)
        elif tag == "textarea" and name:
            self._textarea, self.shown[name] = name, [""]
        elif tag == "select" and name:
            self._select = name
            self.offered.setdefault(name, [])
        elif tag == "option" and self._select:
            self.offered[self._select].append(value)
            if "selected" in attrs or self._select not in self.shown:
                self.shown[self._select] = [value]

    def handle_endtag(self, tag):
        if tag in ("select", "textarea"):
            self._select = self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.shown[self._textarea][-1] += data


def _form(client, url):
    """The form's page (when it has one), and the answers to draw for its fields and some it lacks:
    any of ANSWERS, or one of the choices the field offers."""
    response = client.get(url)
    page = FormPage(response.get_data(as_text=True) if response.status_code == 200 else "")
    names = (set(page.shown) | set(page.offered) | set(GENERIC_FIELDS[:4])) - {"csrf_token"}
    return page, {name: st.one_of(ANSWERS, st.sampled_from(page.offered[name])) if page.offered.get(name) else ANSWERS
                  for name in sorted(names)}


def _refused(response):
    """An error status, or the form shown again with its error summary."""
    return response.status_code >= 400 or "govuk-error-summary" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["secretariat@example.org", "rep@oxford.example.org"])
def test_no_form_answers_500_or_writes_when_it_refuses(app, rollback, email):
    print(f"fuzzing with PORTAL_FUZZ_SEED={SEED}")
    client = sign_in(app.test_client(), email)
    who = person(email)
    problems = []
    forms = [(endpoint, url) for endpoint, method, url, values in endpoints(app, methods={"POST"})
             if endpoint not in OWN_SESSION and expected_allowed(app, endpoint, who, values)]
    assert len(forms) > 20

    for endpoint, url in forms:
        page, answers_for = _form(client, url)

        @seed(SEED)
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
        # Answers change some fields of the form as drawn, so that the others can let the form through.
        @given(answers=st.fixed_dictionaries({}, optional=answers_for))
        def fuzz(answers):
            with rollback.savepoint():
                with WriteWatch(rollback.connection, exclude=LOGGED) as writes:
                    response = client.post(url, data={**page.shown, **answers})
                refused = _refused(response)
                after = database_digest(exclude=LOGGED) if refused and writes.suspect else None
            if response.status_code >= 500:
                problems.append(f"POST {url} {answers!r:.200}: {response.status_code}")
            elif after is not None and database_digest(exclude=LOGGED) != after:
                problems.append(f"POST {url} {answers!r:.200}: refused ({response.status_code}) yet wrote")

        fuzz()
    assert problems == [], f"replay with PORTAL_FUZZ_SEED={SEED}:\n" + "\n".join(problems)
