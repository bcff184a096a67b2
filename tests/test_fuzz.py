"""Every form, fuzzed with hypothesis: random text, huge text, control characters, numbers
where words go and words where numbers go, lists, missing fields. Never a 500, and a form
that is refused writes nothing."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import WriteWatch, database_digest, person, sign_in
from .sweep import OWN_SESSION, endpoints, expected_allowed
from .test_routes import LOGGED

FIELD = re.compile(r'<(?:input|textarea|select)[^>]*\bname="([^"]+)"')
GENERIC_FIELDS = ["title", "body", "name", "email", "password", "code", "reason", "note", "amount", "decision", "level", "q"]

ANSWERS = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
    st.sampled_from(["", " ", "0", "-1", "99999999999999999999", "1e308", "NaN", "2026-02-30", "31/13/2026", "£-5",
                     "\x00", "\x1b[31m", "<script>alert(1)</script>", "' OR 1=1 --", "../../etc/passwd", "y", "on",
                     "x" * 20_000, "\u202e\u200b", "🙂" * 50]),
    st.integers(min_value=-10**12, max_value=10**12).map(str),
    st.lists(st.text(max_size=10), max_size=4),
)


def _fields(client, url):
    """The form's own field names (from its page, when there is one), plus some it lacks."""
    page = client.get(url)
    names = FIELD.findall(page.get_data(as_text=True)) if page.status_code == 200 else []
    return sorted({name for name in names if name != "csrf_token"} | set(GENERIC_FIELDS[:4]))


def _refused(response):
    """An error status, or the form shown again with its error summary."""
    return response.status_code >= 400 or "govuk-error-summary" in response.get_data(as_text=True)


@pytest.mark.parametrize("email", ["secretariat@example.org", "rep@oxford.example.org"])
def test_no_form_answers_500_or_writes_when_it_refuses(app, rollback, email):
    client = sign_in(app.test_client(), email)
    who = person(email)
    problems = []
    forms = [(endpoint, url) for endpoint, method, url, values in endpoints(app, methods={"POST"})
             if endpoint not in OWN_SESSION and expected_allowed(app, endpoint, who, values)]
    assert len(forms) > 20

    for endpoint, url in forms:
        names = _fields(client, url)

        @settings(max_examples=6, deadline=None, database=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
        @given(answers=st.fixed_dictionaries({}, optional={name: ANSWERS for name in names}))
        def fuzz(answers):
            with rollback.savepoint():
                with WriteWatch(rollback.connection, exclude=LOGGED) as writes:
                    response = client.post(url, data=answers)
                refused = _refused(response)
                after = database_digest(exclude=LOGGED) if refused and writes.suspect else None
            if response.status_code >= 500:
                problems.append(f"POST {url} {answers!r:.200}: {response.status_code}")
            elif after is not None and database_digest(exclude=LOGGED) != after:
                problems.append(f"POST {url} {answers!r:.200}: refused ({response.status_code}) yet wrote")

        fuzz()
    assert problems == []
