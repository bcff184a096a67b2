"""Calendar secrets stay one per person when requests race (SQLite and PostgreSQL)."""

from sqlalchemy import select

from portal.auth.models import Person
from portal.extensions import db
from portal.groups.models import CalendarToken

from ..conftest import HttpSession, at_once, in_app

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


def test_saving_a_meetings_record_at_once_from_four_sessions_keeps_one_row_a_person(live_app, live_server):
    from portal.groups.models import Attendance, Group, Meeting

    def seed_meeting():
        group = db.session.scalar(select(Group).where(Group.name.like("Growing an Inclusive%")))
        meeting = db.session.scalar(select(Meeting).where(Meeting.group_id == group.id).order_by(Meeting.starts_at.desc()).limit(1))
        return group.id, meeting.id, sorted(m.person_id for m in group.memberships)[:3]

    group_id, meeting_id, people = in_app(live_app, seed_meeting)
    path = f"/groups/{group_id}/meetings/{meeting_id}/record"
    sessions = [HttpSession(live_server).sign_in("chair@oxford.example.org") for _ in range(4)]
    tokens = [session.form_token(path)[1] for session in sessions]
    answers = {f"attendance-{person_id}": "present" for person_id in people}
    results = at_once(lambda item: item[0].request(path, {"csrf_token": item[1], "agenda": "Raced", **answers}),
                      list(zip(sessions, tokens)))
    assert [status for status, _, _ in results] == [302] * 4
    recorded = in_app(live_app, lambda: db.session.execute(
        select(Attendance.person_id, Attendance.status).where(Attendance.meeting_id == meeting_id)).all())
    assert sorted(recorded) == [(person_id, "present") for person_id in people]
