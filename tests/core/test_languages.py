from datetime import UTC, date, datetime

from flask_babel import force_locale

from portal.i18n import format_date, format_datetime, format_money

from ..conftest import person, sign_in


def test_browser_language_is_used_for_visitors(client):
    page = client.get("/", headers={"Accept-Language": "cy-GB,cy;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert '<html lang="cy"' in page


def test_the_switch_overrides_the_browser_language(client):
    client.get("/language/en?next=/")
    page = client.get("/", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert '<html lang="en"' in page


def test_a_saved_preference_overrides_the_switch_and_the_browser(client):
    sign_in(client, "cynrychiolydd@cardiff.example.org")  # saved: Welsh
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="cy"' in page


def test_switching_language_when_signed_in_saves_the_preference(client):
    sign_in(client, "rep@oxford.example.org")
    client.get("/language/cy?next=/account/")
    assert person("rep@oxford.example.org").locale == "cy"


def test_the_switch_returns_to_the_page_and_never_to_another_site(client):
    assert client.get("/language/cy?next=/accessibility").headers["Location"] == "/accessibility"
    assert client.get("/language/cy?next=https://evil.example.com").headers["Location"] == "/"
    assert client.get("/language/cy?next=/\\evil.example.com").headers["Location"] == "/"


def test_an_unknown_language_changes_nothing(client):
    client.get("/language/fr?next=/")
    assert '<html lang="en"' in client.get("/").get_data(as_text=True)


def test_dates_and_money_are_formatted_in_the_persons_language(app):
    with app.test_request_context():
        with force_locale("en"):
            assert format_date(date(2027, 4, 1)) == "1 April 2027"
            assert format_money(123456) == "£1,234.56"
            # 23:30 UTC on 31 March 2027 is 00:30 on 1 April in London (summer time).
            assert format_datetime(datetime(2027, 3, 31, 23, 30, tzinfo=UTC)) == "1 April 2027, 00:30"
        with force_locale("cy"):
            assert format_date(date(2027, 4, 1)) == "1 Ebrill 2027"
            assert format_money(5) == "£0.05"


def test_pages_say_which_language_they_are_in(client):
    for code in ("en", "cy"):
        client.get(f"/language/{code}?next=/")
        assert f'<html lang="{code}"' in client.get("/").get_data(as_text=True)


def test_labels_are_translated_through_the_kept_catalogue_as_babel_would(app):
    from flask_babel import lazy_gettext, lazy_pgettext

    from portal.i18n import translated
    from portal.membership.forms import STATUS_LABELS

    with app.test_request_context():
        for language, expected in (("en", "In grace"), ("cy", None)):
            with force_locale(language):
                for label in STATUS_LABELS.values():
                    assert translated(label) == str(label)
                if expected:
                    assert translated(STATUS_LABELS["in_grace"]) == expected
        with force_locale("cy"):
            assert translated(STATUS_LABELS["active"]) != "Active"
            with_variables = lazy_gettext("Post %(number)d", number=3)
            assert translated(with_variables) is with_variables  # left to Babel
            assert str(translated(lazy_pgettext("decision", "Open"))) == str(lazy_pgettext("decision", "Open"))
