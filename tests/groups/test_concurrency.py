"""Calendar secrets stay one per person when requests race (SQLite and PostgreSQL)."""

from sqlalchemy import select

from portal.auth.models import Person
from portal.extensions import db
from portal.groups.models import CalendarToken

from ..conftest import HttpSession, at_once

EMAIL = "rep@torbay.example.org"


def _tokens(live_app):
    with live_app.app_context():
        person_id = db.session.scalar(select(Person.id).where(Person.email == EMAIL))
        secrets = db.session.scalars(select(CalendarToken.secret).where(CalendarToken.person_id == person_id)).all()
        db.session.remove()
        return secrets


def test_making_and_resetting_calendar_addresses_at_once_leaves_one_working_secret(live_app, live_server):
    session = HttpSession(live_server).sign_in(EMAIL)
    page, token = session.form_token("/calendars")
    assert "Make my calendar addresses" in page and not _tokens(live_app)
    for _ in range(2):  # first both make the secret, then both reset it
        results = at_once(lambda _: session.request("/calendars/reset", {"csrf_token": token}), range(4))
        assert [status for status, _, _ in results] == [302] * 4
        secrets = _tokens(live_app)
        assert len(secrets) == 1
        status, body, _ = session.request(f"/calendars/{secrets[0]}/mine.ics")
        assert status == 200 and body.startswith("BEGIN:VCALENDAR")
