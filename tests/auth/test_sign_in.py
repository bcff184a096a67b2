from datetime import timedelta

from portal.auth.models import Token
from portal.db import utcnow
from portal.extensions import db

from ..conftest import DEMO_PASSWORD, link_in, outbox, person, sign_in


def test_wrong_password_is_refused_with_a_message_next_to_the_field(client):
    response = client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": "not-the-password"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter a correct email address and password" in page
    assert 'href="#email"' in page  # the error summary links to the field
    assert client.get("/account/").status_code == 302


def test_unknown_email_gets_the_same_message_as_a_wrong_password(client):
    response = client.post("/sign-in", data={"email": "nobody@example.org", "password": DEMO_PASSWORD})
    assert "Enter a correct email address and password" in response.get_data(as_text=True)


def test_sign_in_returns_to_the_page_asked_for_but_never_to_another_site(client):
    response = client.post("/sign-in?next=/account/", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD})
    assert response.headers["Location"] == "/account/"
    client.post("/sign-out")
    response = client.post(
        "/sign-in?next=//evil.example.com/", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD}
    )
    assert response.headers["Location"] == "/"


def test_a_page_for_signed_in_people_sends_visitors_to_sign_in(client):
    response = client.get("/account/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/account/")


def test_email_is_matched_whatever_its_case(client):
    sign_in(client, "  Rep@Oxford.Example.org ")
    assert client.get("/account/").status_code == 200


def test_deactivated_person_cannot_sign_in_and_is_signed_out(client, sign_in_as):
    officer = sign_in_as("officer@stevenage.example.org")
    admin = sign_in_as("secretariat@example.org")
    target = person("officer@stevenage.example.org")
    assert admin.post(f"/people/{target.id}/deactivate").status_code == 302
    assert officer.get("/account/").status_code == 302
    response = client.post("/sign-in", data={"email": "officer@stevenage.example.org", "password": DEMO_PASSWORD})
    assert response.status_code == 200


def test_sign_out_ends_the_session(client):
    sign_in(client, "rep@oxford.example.org")
    assert client.get("/sign-out").status_code == 200  # a page with a button, not a GET that signs out
    assert client.get("/account/").status_code == 200
    client.post("/sign-out")
    assert client.get("/account/").status_code == 302


def test_changing_password_signs_out_every_other_session(sign_in_as):
    laptop = sign_in_as("rep@oxford.example.org")
    phone = sign_in_as("rep@oxford.example.org")
    response = laptop.post(
        "/account/password", data={"current_password": DEMO_PASSWORD, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
    assert outbox("password_changed", "rep@oxford.example.org")


def test_changing_password_needs_the_current_one(client):
    sign_in(client, "rep@oxford.example.org")
    response = client.post(
        "/account/password", data={"current_password": "wrong", "password": "correct horse battery staple"}
    )
    assert "Your current password is not right" in response.get_data(as_text=True)
    client.post("/sign-out")
    sign_in(client, "rep@oxford.example.org")  # the old password still works


def test_password_reset_link_works_once(client):
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    link = link_in(outbox("password_reset", "rep@oxford.example.org")[-1])
    assert client.get(link).status_code == 200
    new = "a brand new passphrase"
    assert client.post(link, data={"password": new}).status_code == 302
    assert client.post(link, data={"password": "another passphrase x"}).status_code == 404
    sign_in(client, "rep@oxford.example.org", new)


def test_password_reset_link_expires_after_an_hour(client):
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    message = outbox("password_reset", "rep@oxford.example.org")[-1]
    token = db.session.query(Token).filter_by(person_id=message.person_id, used_at=None).one()
    assert token.expires_at - token.created_at == timedelta(hours=1)
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.flush()
    response = client.get(link_in(message))
    assert response.status_code == 404
    assert "This link has expired" in response.get_data(as_text=True)


def test_asking_for_a_reset_twice_makes_the_first_link_stop_working(client):
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    first, second = outbox("password_reset", "rep@oxford.example.org")[-2:]
    assert client.get(link_in(first)).status_code == 404
    assert client.get(link_in(second)).status_code == 200


def test_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    before = len(outbox())
    response = client.post("/password/forgotten", data={"email": "nobody@example.org"})
    assert "Check your email" in response.get_data(as_text=True)
    assert len(outbox()) == before


def test_a_reset_asked_for_an_unknown_address_does_the_same_work_as_for_a_known_one(app, rollback):
    """What the asker waits for is the same statements whoever the address belongs to, so the
    time it takes cannot tell them whether someone has an account; the email is written later."""
    from ..test_routes import QueryCounter

    statements = {}
    for email in ("rep@oxford.example.org", "nobody@example.org"):
        with rollback.savepoint(), QueryCounter(rollback.connection) as queries:
            assert "Check your email" in app.test_client().post("/password/forgotten", data={"email": email}).get_data(as_text=True)
        statements[email] = queries.statements
    assert statements["rep@oxford.example.org"] == statements["nobody@example.org"]
    assert not any("from person" in statement.lower() for statement in statements["nobody@example.org"])


def test_a_reset_email_is_written_in_the_language_it_was_asked_in(client):
    client.get("/language/cy")
    client.post("/password/forgotten", data={"email": "officer@stevenage.example.org"})
    assert outbox("password_reset", "officer@stevenage.example.org")[-1].subject == "Ailosod eich cyfrinair"


def test_reset_signs_out_other_sessions(client, sign_in_as):
    other = sign_in_as("rep@oxford.example.org")
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    client.post(link_in(outbox("password_reset")[-1]), data={"password": "a brand new passphrase"})
    assert other.get("/account/").status_code == 302


def test_passwords_are_stored_as_argon2id_hashes():
    assert person("rep@oxford.example.org").password_hash.startswith("$argon2id$")


def test_session_cookie_is_httponly_and_samesite_lax(client):
    response = client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_session_cookie_is_secure_outside_development(make_app):
    assert make_app(ENV_NAME="production").config["SESSION_COOKIE_SECURE"] is True
    assert make_app(ENV_NAME="development").config["SESSION_COOKIE_SECURE"] is False
