"""Calendar secrets stay one per person when requests race (SQLite and PostgreSQL)."""

from sqlalchemy import func, select

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


def test_removing_a_person_from_a_group_at_once_removes_and_tells_once(live_app, live_server):
    from portal.audit.models import AuditEntry
    from portal.groups.models import Group, GroupMember
    from portal.mail.models import OutboxMessage

    from ..conftest import in_app

    def find():
        group = db.session.scalar(select(Group).where(Group.name.like("Growing an Inclusive%")))
        membership = db.session.scalar(select(GroupMember).join(Person, Person.id == GroupMember.person_id).where(
            GroupMember.group_id == group.id, Person.email == "rep@preston.example.org"))
        return group.id, membership.id

    group_id, membership_id = in_app(live_app, find)
    path = f"/groups/{group_id}/people/{membership_id}/remove"
    sessions = [HttpSession(live_server).sign_in("chair@oxford.example.org") for _ in range(6)]
    tokens = [session.form_token(path)[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(path, {"csrf_token": pair[1]}), list(zip(sessions, tokens)))
    assert all(status < 500 for status, _, _ in results), [status for status, _, _ in results]
    removed = in_app(live_app, lambda: db.session.scalar(select(func.count(AuditEntry.seq)).where(
        AuditEntry.action == "group.person_removed", AuditEntry.object_id == group_id)))
    told = in_app(live_app, lambda: db.session.scalar(select(func.count(OutboxMessage.id)).where(
        OutboxMessage.kind == "group_person_removed", OutboxMessage.to_address == "rep@preston.example.org")))
    assert (removed, told) == (1, 1)
