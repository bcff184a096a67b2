import html

import pytest

from ..conftest import sign_in


@pytest.mark.parametrize("path", ["/", "/accessibility", "/privacy", "/cookies", "/sign-in", "/password/forgotten"])
def test_public_pages_are_open_to_everyone(client, path):
    assert client.get(path).status_code == 200


def test_home_page_greets_a_signed_in_person_and_says_whom_they_act_for(client):
    sign_in(client, "rep@oxford.example.org")
    page = client.get("/").get_data(as_text=True)
    assert "Welcome, Priya Shah" in page
    assert "You act for Oxford City Council." in page


def test_navigation_shows_only_what_the_person_may_use(client, sign_in_as):
    assert 'href="/people/"' not in client.get("/").get_data(as_text=True)
    assert 'href="/people/"' not in sign_in_as("rep@oxford.example.org").get("/").get_data(as_text=True)
    secretariat_home = sign_in_as("secretariat@example.org").get("/").get_data(as_text=True)
    assert 'href="/people/"' in secretariat_home and 'href="/audit/"' in secretariat_home


def test_no_crown_crest_or_gds_font_anywhere(client, app):
    page = client.get("/").get_data(as_text=True)
    assert "govuk-crest" not in page and "govuk-logo" not in page and "Crown copyright" not in page
    assert "favicon.ico" in page and "/assets/images/favicon" not in page
    css = client.get("/static/css/portal.css").get_data(as_text=True)
    assert "GDS Transport" not in css and "@font-face" not in css


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response.mimetype == "image/vnd.microsoft.icon"


def test_unknown_page_gets_a_404_in_the_layout(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)
    assert "govuk-footer" in response.get_data(as_text=True)


def test_forbidden_page_explains_in_the_layout(sign_in_as):
    response = sign_in_as("rep@oxford.example.org").get("/people/")
    assert response.status_code == 403
    assert "You do not have permission to see this page" in response.get_data(as_text=True)


def test_a_refused_action_says_it_cannot_be_done_not_that_a_page_cannot_be_seen(sign_in_as):
    from portal.programme.models import Idea
    from sqlalchemy import select

    from portal.extensions import db

    idea = db.session.scalar(select(Idea).where(Idea.status == "submitted").order_by(Idea.id))
    response = sign_in_as("rep@oxford.example.org").post(f"/programme/ideas/{idea.id}/merge", data={"into": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "You cannot do this" in page and "see this page" not in page


def test_wrong_method_gets_405_page(client):
    response = client.post("/accessibility")
    assert response.status_code == 405
    assert "govuk-footer" in response.get_data(as_text=True)


def test_oversized_body_gets_413(client, app):
    response = client.post("/sign-in", data={"email": "x" * (app.config["MAX_CONTENT_LENGTH"] + 10)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


def test_unexpected_error_gets_a_500_page_without_a_trace(make_app):
    app = make_app()

    def broken():
        raise ValueError("secret internals")

    from portal.auth.access import ANYONE, access

    app.add_url_rule("/broken", "broken", access(ANYONE)(broken))
    response = app.test_client().get("/broken")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Sorry, there is a problem with the service" in page
    assert "secret internals" not in page and "Traceback" not in page


@pytest.mark.parametrize(
    "field, value",
    [
        ("email", "\x01\x02\x7f"),  # a NUL is refused before the form: tests/core/test_nul_characters.py
        ("email", "a" * 5000 + "@example.org"),
        ("email", "<script>alert(1)</script>@example.org"),
        ("email", "ŵŷ@enghraifft.cymru"),
    ],
)
def test_odd_sign_in_input_never_gives_a_500(client, field, value):
    data = {"email": "rep@oxford.example.org", "password": "x"}
    data[field] = value
    response = client.post("/sign-in", data=data)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_invalid_utf8_in_a_form_never_gives_a_500(client):
    response = client.post(
        "/sign-in",
        data=b"email=rep%40oxford.example.org&password=%ED%A0%80%FF%FE",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 400)


def test_control_characters_in_a_name_are_refused(client):
    sign_in(client, "rep@oxford.example.org")
    page = client.post("/account/details", data={"name": "Priya\x07", "locale": "en"}).get_data(as_text=True)
    assert "Remove the unusual characters from this answer" in page


def test_error_pages_are_in_welsh_for_a_welsh_reader(client):
    client.get("/language/cy?next=/")
    page = html.unescape(client.get("/no-such-page").get_data(as_text=True))
    assert "Heb ddod o hyd i'r dudalen" in page
    assert '<html lang="cy"' in page
