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


def test_adding_the_same_person_to_a_group_at_once_adds_them_once(live_app, live_server):
    from portal.groups.models import Group, GroupMember

    from ..conftest import in_app

    group_id = in_app(live_app, lambda: db.session.scalar(select(Group.id).where(Group.name.like("Growing an Inclusive%"))))
    session = HttpSession(live_server).sign_in("chair@oxford.example.org")
    _, token = session.form_token(f"/groups/{group_id}/people")
    form = {"csrf_token": token, "email": "cynrychiolydd@cardiff.example.org", "role": "member", "deputy_for_id": "0"}
    results = at_once(lambda _: session.request(f"/groups/{group_id}/people", form), range(6))
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * 5 + [302], statuses
    assert all("is already in the group" in body for status, body, _ in results if status == 200)
    added = in_app(live_app, lambda: db.session.scalars(select(GroupMember).join(Person, Person.id == GroupMember.person_id).where(
        GroupMember.group_id == group_id, Person.email == "cynrychiolydd@cardiff.example.org")).all())
    assert len(added) == 1
