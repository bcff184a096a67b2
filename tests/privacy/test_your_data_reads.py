""""Your data" reads as words: dates in the person's language, audit events in words, and the
secretariat's audit log the same words, filtered by kind of event."""

import re

from portal import audit
from portal.extensions import db

from ..conftest import person

ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?")


def _record_second_factor(email):
    someone = person(email)
    audit.record("person.second_factor_added", someone, actor=someone)
    db.session.commit()


def test_your_data_shows_events_in_words_and_dates_as_dates(sign_in_as):
    _record_second_factor("rep@torbay.example.org")
    page = sign_in_as("rep@torbay.example.org").get("/account/my-data").get_data(as_text=True)
    assert "Turned on an authenticator app" in page
    assert "person.second_factor_added" not in page
    assert not ISO_MOMENT.search(page), ISO_MOMENT.search(page).group(0)
    assert re.search(r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}, \d{2}:\d{2}", page)
    assert "portal-break-anywhere" not in page  # words are never cut in the middle


def test_your_data_in_welsh_has_welsh_dates_and_words(sign_in_as):
    _record_second_factor("cynrychiolydd@cardiff.example.org")
    page = sign_in_as("cynrychiolydd@cardiff.example.org").get("/account/my-data").get_data(as_text=True)
    assert "person.second_factor_added" not in page and "Turned on an authenticator app" not in page
    assert not ISO_MOMENT.search(page)
    assert re.search(r"\d{1,2} (Ionawr|Chwefror|Mawrth|Ebrill|Mai|Mehefin|Gorffennaf|Awst|Medi|Hydref|Tachwedd|Rhagfyr) \d{4}", page)


def test_the_audit_log_shows_events_in_words_and_filters_by_kind(sign_in_as):
    client = sign_in_as("secretariat@example.org")
    page = client.get("/audit/").get_data(as_text=True)
    assert "<code>" not in page and "Kind of event" in page
    money = client.get("/audit/?kind=money").get_data(as_text=True)
    assert "Payment recorded" in money or "Subscription raised" in money
    assert "Ballot cast" not in money and "Voting opened" not in money
    decisions = client.get("/audit/?kind=decisions").get_data(as_text=True)
    assert "Voting opened" in decisions or "Ballot cast" in decisions
    assert "Payment recorded" not in decisions and "Subscription raised" not in decisions
    assert client.get("/audit/?kind=nonsense").status_code == 200
