"""Guesses at passwords and codes are slowed per account and address, with growing waits, and
per address; they are counted before they are checked, so a burst cannot get past a limit; and
nobody can keep an account's owner out by guessing wrong from somewhere else."""

import os
import re
import threading
import types
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from werkzeug.serving import make_server

from portal.auth.models import Person, SecondFactor, SecurityEvent
from portal.auth.passwords import hash_password
from portal.db import utcnow
from portal.extensions import db, limiter

from ..conftest import DEMO_PASSWORD, HttpSession, at_once, build_app, in_app, link_in, outbox, totp_now

HOME, AWAY = {"REMOTE_ADDR": "203.0.113.5"}, {"REMOTE_ADDR": "198.51.100.7"}


def _sign_in(app, email, password, where=HOME):
    return app.test_client().post("/sign-in", data={"email": email, "password": password}, environ_base=where)


def test_five_wrong_passwords_from_one_address_make_that_address_wait_for_that_account(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    for _ in range(5):
        assert _sign_in(app, "rep@oxford.example.org", "wrong", AWAY).status_code == 200
    refused = _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, AWAY)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) <= 15 * 60
    page = refused.get_data(as_text=True)
    assert "too many attempts to sign in to this account from here" in page
    assert re.search(r"Wait until \d\d:\d\d, then try again", page)  # the clock the rest of the portal uses
    assert _sign_in(app, "officer@stevenage.example.org", DEMO_PASSWORD, AWAY).status_code == 302
    locked = db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == "locked_out")).all()
    assert locked[-1].person_id == db.session.scalar(select(Person.id).where(Person.email == "rep@oxford.example.org"))


def test_a_password_reset_ends_the_wait_its_address_earned(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    for _ in range(6):
        _sign_in(app, "officer@stevenage.example.org", "wrong", AWAY)
    client = app.test_client()
    client.post("/password/forgotten", data={"email": "officer@stevenage.example.org"}, environ_base=AWAY)
    link = link_in(outbox("password_reset", "officer@stevenage.example.org")[-1])
    new = "a much longer passphrase 2026"
    assert client.post(link, data={"password": new}, environ_base=AWAY).status_code == 302
    assert _sign_in(app, "officer@stevenage.example.org", new, AWAY).status_code == 302


def test_the_owner_signs_in_from_their_own_address_while_another_is_guessing(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="100 per 15 minutes")
    for _ in range(30):
        _sign_in(app, "rep@oxford.example.org", "wrong", AWAY)
    assert _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, HOME).status_code == 302


def test_the_owner_with_a_second_factor_still_signs_in_while_another_is_guessing_codes(make_app):
    app = make_app(RATELIMIT_ENABLED=True)
    guesser = app.test_client()
    assert guesser.post("/sign-in", data={"email": "secretariat@example.org", "password": DEMO_PASSWORD}, environ_base=AWAY).status_code == 302
    from portal.demo import DEMO_TOTP_SECRET

    for _ in range(6):
        guesser.post("/sign-in/code", data={"code": _wrong_code(DEMO_TOTP_SECRET)}, environ_base=AWAY)
    assert guesser.post("/sign-in/code", data={"code": totp_now()}, environ_base=AWAY).status_code == 429
    owner = app.test_client()
    assert owner.post("/sign-in", data={"email": "secretariat@example.org", "password": DEMO_PASSWORD}, environ_base=HOME).status_code == 302
    assert owner.post("/sign-in/code", data={"code": totp_now()}, environ_base=HOME).status_code == 302


def test_the_waits_grow_with_the_failures(make_app, monkeypatch):
    """After five failures the wait is a quarter of an hour; after ten, the rest of the hour."""
    import limits.storage.memory

    import portal.auth.throttle

    app = make_app(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    offset = [0.0]
    import time as real_time

    clock = types.SimpleNamespace(time=lambda: real_time.time() + offset[0])
    monkeypatch.setattr(limits.storage.memory, "time", clock)
    monkeypatch.setattr(portal.auth.throttle, "time", clock)
    for _ in range(5):
        _sign_in(app, "rep@oxford.example.org", "wrong", AWAY)
    first = _sign_in(app, "rep@oxford.example.org", "wrong", AWAY)
    assert first.status_code == 429 and int(first.headers["Retry-After"]) <= 15 * 60
    offset[0] = 16 * 60  # the first wait is over
    for _ in range(5):
        assert _sign_in(app, "rep@oxford.example.org", "wrong", AWAY).status_code == 200
    second = _sign_in(app, "rep@oxford.example.org", "wrong", AWAY)
    assert second.status_code == 429 and 15 * 60 < int(second.headers["Retry-After"]) <= 44 * 60


def test_addresses_are_limited_whatever_the_account(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="4 per 15 minutes")
    for n in range(4):
        _sign_in(app, f"guess{n}@example.org", "wrong", AWAY)
    assert _sign_in(app, "someone@example.org", "x", AWAY).status_code == 429
    assert app.test_client().get("/sign-in", environ_base=AWAY).status_code == 200  # reading the page is not limited
    assert _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, HOME).status_code == 302


def test_right_answers_do_not_use_up_an_address_s_attempts(make_app):
    """A council office behind one address signs many people in each morning."""
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="3 per 15 minutes")
    for _ in range(6):
        assert _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, HOME).status_code == 302
    assert _sign_in(app, "officer@stevenage.example.org", DEMO_PASSWORD, HOME).status_code == 302


def test_the_owner_is_told_once_when_their_account_sees_many_failures(make_app):
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_ALERT_AFTER="4 per hour", SIGN_IN_LIMIT_PER_ADDRESS="100 per 15 minutes")
    for n in range(7):
        _sign_in(app, "rep@oxford.example.org", "wrong", {"REMOTE_ADDR": f"192.0.2.{n}"})
    told = outbox("sign_in_failures", to="rep@oxford.example.org")
    assert len(told) == 1 and "4 failed attempts" in told[0].body
    assert "/account/password" in told[0].body


@pytest.fixture(scope="module")
def throttled_server(live_app, live_database_url):
    """The served app's database behind a second served app with the limits on, counting in
    Redis as in production (in memory when Redis is not there and this is not CI)."""
    storage = "redis://127.0.0.1:6379/15"
    try:
        import redis

        redis.Redis(host="127.0.0.1", port=6379, db=15, socket_connect_timeout=1).ping()
    except Exception:
        if os.environ.get("CI") == "true":
            raise
        storage = "memory://"
    enabled, prefix = limiter.enabled, f"test-{uuid.uuid4().hex}"
    app = build_app(live_database_url, RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=storage,
                    RATELIMIT_KEY_PREFIX=prefix, WTF_CSRF_ENABLED=False)
    limiter.enabled = enabled
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with app.app_context():
        db.engine.dispose()
    if storage.startswith("redis"):
        server = redis.Redis(host="127.0.0.1", port=6379, db=15)
        for key in server.scan_iter(f"*{prefix}*"):
            server.delete(key)


def _new_person(live_app, email, *, second_factor=None):
    def make():
        person = Person(email=email, name="Throttle Test", password_hash=hash_password(DEMO_PASSWORD))
        db.session.add(person)
        db.session.flush()
        if second_factor:
            db.session.add(SecondFactor(person_id=person.id, secret=second_factor, confirmed_at=utcnow() - timedelta(days=1)))
        db.session.commit()
        return person.id

    return in_app(live_app, make)


def _events(live_app, kind, person_id):
    return in_app(live_app, lambda: db.session.scalar(
        select(func.count(SecurityEvent.id)).where(SecurityEvent.kind == kind, SecurityEvent.person_id == person_id)))


def test_thirty_wrong_passwords_at_once_are_five_tries(throttled_server, live_app):
    email = f"burst-{uuid.uuid4().hex[:8]}@example.org"
    person_id = _new_person(live_app, email)
    statuses = at_once(lambda _: HttpSession(throttled_server).request("/sign-in", {"email": email, "password": "wrong"})[0],
                       range(30))
    assert sorted(statuses) == [200] * 5 + [429] * 25
    assert _events(live_app, "sign_in_failed", person_id) == 5


def _wrong_code(secret):
    """A code that is none of those the authenticator would accept now."""
    import pyotp

    totp, now = pyotp.TOTP(secret), utcnow().timestamp()
    accepted = {totp.at(now + step * 30) for step in (-2, -1, 0, 1, 2)}
    return next(code for code in (f"{n:06d}" for n in range(1000)) if code not in accepted)


def test_thirty_wrong_codes_at_once_are_five_tries(throttled_server, live_app):
    email, secret = f"codes-{uuid.uuid4().hex[:8]}@example.org", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    person_id = _new_person(live_app, email, second_factor=secret)
    sessions = []
    for _ in range(30):
        session = HttpSession(throttled_server)
        status, _, location = session.request("/sign-in", {"email": email, "password": DEMO_PASSWORD})
        assert status == 302 and location.endswith("/sign-in/code")
        sessions.append(session)
    wrong = _wrong_code(secret)
    statuses = at_once(lambda session: session.request("/sign-in/code", {"code": wrong})[0], sessions)
    assert sorted(statuses) == [200] * 5 + [429] * 25
    assert _events(live_app, "second_factor_failed", person_id) == 5


@pytest.mark.parametrize("path, extra", [("/account/password", {"password": "a much longer passphrase 2026"}),
                                         ("/account/email", {"email": "new-address@example.org"})])
def test_guessing_the_current_password_on_the_account_forms_is_limited_and_logged(make_app, path, extra):
    from ..conftest import sign_in

    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="100 per 15 minutes")
    client = sign_in(app.test_client(), "rep@plymouth.example.org")
    statuses = [client.post(path, data={"current_password": "wrong", **extra}).status_code for _ in range(7)]
    assert statuses == [200] * 5 + [429] * 2
    person_id = db.session.scalar(select(Person.id).where(Person.email == "rep@plymouth.example.org"))
    assert db.session.scalar(select(func.count(SecurityEvent.id)).where(
        SecurityEvent.kind == "reauth_failed", SecurityEvent.person_id == person_id)) == 5


def test_one_person_guessing_at_a_shared_address_does_not_keep_its_regular_users_out(make_app):
    """A council office, a VPN: an account that signed in from the address lately is not held by
    the address's limit (its own account-and-address waits still apply)."""
    app = make_app(RATELIMIT_ENABLED=True, SIGN_IN_LIMIT_PER_ADDRESS="4 per 15 minutes")
    office = {"REMOTE_ADDR": "192.0.2.44"}
    assert _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, office).status_code == 302  # a regular here
    for n in range(6):
        _sign_in(app, f"made-up-{n}@example.org", "wrong", office)
    assert _sign_in(app, "rep@oxford.example.org", DEMO_PASSWORD, office).status_code == 302
    assert _sign_in(app, "officer@stevenage.example.org", DEMO_PASSWORD, office).status_code == 429  # never signed in here
