"""Sessions are kept on the server: ending one there ends it at once, wherever its cookie has
been copied and whichever worker answers."""

from portal.auth import rules
from portal.extensions import db

from ..conftest import person, sign_in

COOKIE = "portal_session"


def _copy_of(source, target):
    """``target`` gets ``source``'s session cookie, as a thief with a copy of it would."""
    target.set_cookie(COOKIE, source.get_cookie(COOKIE).value)
    return target


def _signed_in(client):
    return client.get("/account/").status_code == 200


def test_a_copied_cookie_stops_working_when_its_owner_signs_out(app):
    owner = sign_in(app.test_client(), "rep@oxford.example.org")
    thief = _copy_of(owner, app.test_client())
    assert _signed_in(thief)
    assert owner.post("/sign-out").status_code == 302
    assert not _signed_in(owner)
    response = thief.get("/account/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_a_session_signed_out_in_one_worker_is_refused_by_another(app, make_app):
    owner = sign_in(app.test_client(), "rep@oxford.example.org")
    other_worker = _copy_of(owner, make_app().test_client())
    assert _signed_in(other_worker)
    owner.post("/sign-out")
    assert not _signed_in(other_worker)


def test_signing_out_ends_only_that_session(app):
    laptop, phone = sign_in(app.test_client(), "rep@oxford.example.org"), sign_in(app.test_client(), "rep@oxford.example.org")
    laptop.post("/sign-out")
    assert _signed_in(phone)


def test_signing_out_everywhere_ends_the_others_and_their_copies(app):
    laptop, phone = sign_in(app.test_client(), "rep@oxford.example.org"), sign_in(app.test_client(), "rep@oxford.example.org")
    copy_of_phone = _copy_of(phone, app.test_client())
    laptop.post("/account/sign-out-everywhere")
    assert _signed_in(laptop) and not _signed_in(phone) and not _signed_in(copy_of_phone)


def test_deactivation_ends_every_session_at_once(app):
    session = sign_in(app.test_client(), "officer@stevenage.example.org")
    rules.deactivate(person("officer@stevenage.example.org"), by=person("secretariat@example.org"))
    db.session.flush()
    assert not _signed_in(session)


def test_taking_a_role_away_ends_the_person_s_sessions(app):
    session = sign_in(app.test_client(), "moderator@example.org")
    rules.set_roles(person("moderator@example.org"), set(), by=person("admin@example.org"))
    db.session.flush()
    assert not _signed_in(session)


def test_giving_a_role_leaves_sessions_alone(app):
    session = sign_in(app.test_client(), "officer@stevenage.example.org")
    rules.set_roles(person("officer@stevenage.example.org"), {"reviewer"}, by=person("admin@example.org"))
    db.session.flush()
    assert _signed_in(session)


def test_erasure_ends_every_session_and_keeps_no_record_of_them(app):
    from sqlalchemy import select

    from portal.auth.models import SignedInSession
    from portal.privacy import rules as privacy

    session = sign_in(app.test_client(), "officer@stevenage.example.org")
    erased = person("officer@stevenage.example.org")
    privacy.erase(erased, by=person("secretariat@example.org"))
    db.session.flush()
    assert not _signed_in(session)
    assert db.session.scalars(select(SignedInSession).where(SignedInSession.person_id == erased.id)).all() == []


def test_a_new_password_ends_the_other_sessions_but_not_this_one(app):
    here, elsewhere = sign_in(app.test_client(), "rep@oxford.example.org"), sign_in(app.test_client(), "rep@oxford.example.org")
    new = "a much longer passphrase 2026"
    response = here.post("/account/password", data={"current_password": "demo-password-2026", "password": new, "password_again": new})
    assert response.status_code == 302
    assert _signed_in(here) and not _signed_in(elsewhere)


def test_the_sign_ins_page_lists_where_the_person_is_signed_in_now(app):
    laptop = sign_in(app.test_client(), "rep@oxford.example.org")
    sign_in(app.test_client(), "rep@oxford.example.org")
    page = laptop.get("/account/sign-ins").get_data(as_text=True)
    now = page.split('id="now"')[1].split("</table>")[0]
    assert now.count('class="govuk-table__row"') == 3  # the heading and two sessions
    assert now.count("This browser") == 1
    laptop.post("/account/sign-out-everywhere")
    now = laptop.get("/account/sign-ins").get_data(as_text=True).split('id="now"')[1].split("</table>")[0]
    assert now.count('class="govuk-table__row"') == 2


def test_a_reset_used_while_signed_in_ends_that_session_and_its_copies(app):
    from ..conftest import link_in, outbox

    browser = sign_in(app.test_client(), "rep@stevenage.example.org")
    thief = _copy_of(browser, app.test_client())
    browser.post("/password/forgotten", data={"email": "rep@stevenage.example.org"})
    link = link_in(outbox("password_reset", "rep@stevenage.example.org")[-1])
    assert browser.post(link, data={"password": "a much longer passphrase 2026"}).status_code == 302
    assert not _signed_in(browser) and not _signed_in(thief)


def test_a_copy_of_this_browser_s_cookie_dies_with_a_new_password(app):
    here = sign_in(app.test_client(), "rep@oxford.example.org")
    thief = _copy_of(here, app.test_client())
    new = "a much longer passphrase 2026"
    here.post("/account/password", data={"current_password": "demo-password-2026", "password": new})
    assert _signed_in(here) and not _signed_in(thief)


def test_a_copy_of_this_browser_s_cookie_dies_when_signing_out_everywhere_else(app):
    here = sign_in(app.test_client(), "rep@oxford.example.org")
    thief = _copy_of(here, app.test_client())
    here.post("/account/sign-out-everywhere")
    assert _signed_in(here) and not _signed_in(thief)


def test_a_browser_whose_session_was_ended_elsewhere_is_told_why(app):
    laptop, phone = sign_in(app.test_client(), "rep@oxford.example.org"), sign_in(app.test_client(), "rep@oxford.example.org")
    laptop.post("/account/sign-out-everywhere")
    page = phone.get("/account/", follow_redirects=True).get_data(as_text=True)
    assert "this session was ended" in page
    assert "this session was ended" not in phone.get("/").get_data(as_text=True)  # once


def test_browsers_are_named_as_people_know_them(app):
    from portal.auth.security import browser_name

    windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
    iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    edge = windows + " Edg/131.0"
    firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
    with app.test_request_context():
        assert [browser_name(ua) for ua in (windows, iphone, edge, firefox, "curl/8.5")] == [
            "Chrome on Windows", "Safari on iPhone", "Edge on Windows", "Firefox on Linux", "curl/8.5"]
