"""Second factor, session lifetimes, asking for the password again, and the security log."""

import re
import time

import pyotp
from sqlalchemy import select

from portal.auth.models import RecoveryCode, SecondFactor, SecurityEvent
from portal.extensions import db

from ..conftest import DEMO_PASSWORD, person, sign_in, totp_now


def _events(kind, email=None):
    statement = select(SecurityEvent).where(SecurityEvent.kind == kind)
    if email:
        statement = statement.where(SecurityEvent.person_id == person(email).id)
    return db.session.scalars(statement).all()


def _password_step(client, email):
    return client.post("/sign-in", data={"email": email, "password": DEMO_PASSWORD})


def test_the_secretariat_needs_a_code_after_the_password(client):
    response = _password_step(client, "secretariat@example.org")
    assert response.headers["Location"].endswith("/sign-in/code")
    assert client.get("/people/").status_code == 302  # not signed in yet
    wrong = client.post("/sign-in/code", data={"code": "000000"})
    assert "The code is not right" in wrong.get_data(as_text=True)
    assert len(_events("second_factor_failed", "secretariat@example.org")) == 1
    assert client.post("/sign-in/code", data={"code": totp_now()}).status_code == 302
    assert client.get("/people/").status_code == 200
    assert len(_events("sign_in", "secretariat@example.org")) == 1


def test_a_code_cannot_be_used_twice_when_reuse_is_refused(make_app):
    app = make_app(SECOND_FACTOR_REFUSE_REUSE=True)
    code = totp_now()
    first, second = app.test_client(), app.test_client()
    _password_step(first, "secretariat@example.org")
    assert first.post("/sign-in/code", data={"code": code}).status_code == 302
    _password_step(second, "secretariat@example.org")
    assert second.post("/sign-in/code", data={"code": code}).status_code == 200


def test_a_recovery_code_works_once(client):
    from portal.auth import second_factor

    codes = second_factor.new_recovery_codes(person("admin@example.org"))
    db.session.flush()
    _password_step(client, "admin@example.org")
    response = client.post("/sign-in/code", data={"code": codes[3].upper()})
    assert response.status_code == 302
    other = client.application.test_client()  # another browser: the same code is spent
    _password_step(other, "admin@example.org")
    assert other.post("/sign-in/code", data={"code": codes[3]}).status_code == 200
    assert len(_events("recovery_code_used", "admin@example.org")) == 1


def test_a_new_administrator_must_set_up_an_authenticator_before_anything_else(sign_in_as):
    oxford = person("rep@oxford.example.org")
    oxford.set_roles(["admin"])
    db.session.flush()
    client = sign_in_as("rep@oxford.example.org")
    refused = client.get("/people/")
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/account/second-factor")
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "Set up an authenticator app" in page
    client.post("/account/second-factor", data={"start": "1"})
    page = client.get("/account/second-factor").get_data(as_text=True)
    assert "<svg" in page and "QR code for your authenticator app" in page
    secret = db.session.get(SecondFactor, oxford.id).secret
    assert secret.replace(" ", "")[:4] in page.replace(" ", "")
    assert "The code is not right" in client.post("/account/second-factor", data={"code": "123456"}).get_data(as_text=True)
    done = client.post("/account/second-factor", data={"code": pyotp.TOTP(secret).now()}).get_data(as_text=True)
    codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", done)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.person_id == oxford.id)).all()
    assert len(stored) == 10 and not any(code.replace("-", "") in stored for code in codes)  # only hashes are kept
    assert client.get("/people/").status_code == 200
    assert len(_events("second_factor_added", "rep@oxford.example.org")) == 1


def test_an_idle_session_and_an_old_one_end(sign_in_as, app):
    client = sign_in_as("rep@oxford.example.org")
    assert client.get("/account/").status_code == 200
    with client.session_transaction() as session:
        session["seen_at"] = time.time() - 31 * 60
    response = client.get("/account/")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client.get("/account/").status_code == 302  # signed out for good
    client = sign_in_as("rep@oxford.example.org")
    with client.session_transaction() as session:
        session["signed_in_at"] = time.time() - 13 * 3600
    assert client.get("/account/").status_code == 302
    assert len(_events("session_expired", "rep@oxford.example.org")) == 2


def test_signing_in_starts_a_new_session(client):
    client.get("/sign-in")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["locale"] = "cy"
    sign_in(client, "rep@oxford.example.org")
    with client.session_transaction() as session:
        assert "planted" not in session and session["locale"] == "cy"
        first = session["sid"]
    client.post("/sign-out")
    sign_in(client, "rep@oxford.example.org")
    with client.session_transaction() as session:
        assert session["sid"] != first


def test_the_session_cookie_is_host_only_and_secure_outside_development(make_app):
    app = make_app(ENV_NAME="production", SESSION_COOKIE_SECURE=None, SESSION_COOKIE_NAME="portal_session")
    from portal.config import load

    load(app, {"ENV_NAME": "production", "SECRET_KEY": "x" * 32, "SESSION_COOKIE_SECURE": None, "SESSION_COOKIE_NAME": "portal_session"})
    assert app.config["SESSION_COOKIE_NAME"] == "__Host-portal_session"
    response = app.test_client().post("/sign-in", data={"email": "rep@oxford.example.org", "password": DEMO_PASSWORD},
                                      base_url="https://portal.test")
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("__Host-portal_session=") and "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie


def test_destructive_actions_ask_for_the_password_again(sign_in_as):
    client = sign_in_as("secretariat@example.org")
    officer = person("officer@stevenage.example.org")
    with client.session_transaction() as session:
        session["reauth_at"] = time.time() - 11 * 60
    response = client.post(f"/people/{officer.id}/deactivate", headers={"Referer": f"http://localhost/people/{officer.id}"})
    assert response.status_code == 302 and "/account/confirm-password" in response.headers["Location"]
    assert person("officer@stevenage.example.org").deactivated_at is None
    assert "Your password is not right" in client.post(response.headers["Location"], data={"password": "nope"}).get_data(as_text=True)
    assert len(_events("reauth_failed", "secretariat@example.org")) == 1
    back = client.post(response.headers["Location"], data={"password": DEMO_PASSWORD})
    assert back.headers["Location"].endswith(f"/people/{officer.id}")
    assert client.post(f"/people/{officer.id}/deactivate").status_code == 302
    db.session.expire_all()
    assert person("officer@stevenage.example.org").deactivated_at is not None


def test_failures_lockouts_and_refusals_are_in_the_security_log(make_app, sign_in_as):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS="2 per 15 minutes")
    client = app.test_client()
    for _ in range(3):
        client.post("/sign-in", data={"email": "rep@oxford.example.org", "password": "wrong"})
    failed = _events("sign_in_failed", "rep@oxford.example.org")
    assert len(failed) == 2 and failed[0].email == "rep@oxford.example.org" and failed[0].address == "127.0.0.1"
    assert _events("locked_out")[0].email == "rep@oxford.example.org"
    client.post("/sign-in", data={"email": "nobody@example.org", "password": "wrong"})
    assert any(e.email == "nobody@example.org" and e.person_id is None for e in _events("sign_in_failed"))
    sign_in_as("rep@torbay.example.org").get("/people/")
    refused = _events("access_refused", "rep@torbay.example.org")
    assert len(refused) == 1 and refused[0].path == "/people/"


def test_people_see_their_own_sign_ins_and_can_sign_out_everywhere_else(sign_in_as):
    laptop, phone = sign_in_as("rep@oxford.example.org"), sign_in_as("rep@oxford.example.org")
    sign_in_as("rep@torbay.example.org")
    page = laptop.get("/account/sign-ins").get_data(as_text=True)
    assert page.count("Signed in") >= 2 and "Ben Carter" not in page
    assert laptop.post("/account/sign-out-everywhere").status_code == 302
    assert laptop.get("/account/").status_code == 200
    assert phone.get("/account/").status_code == 302
