"""One second per motion and per amendment, and none after the deadline, under real concurrent
requests to the served app (SQLite and PostgreSQL)."""

import time
from datetime import timedelta

from sqlalchemy import select

from portal.auth.models import Person
from portal.db import utcnow
from portal.extensions import db

from ..conftest import HttpSession, at_once, in_app
from .helpers import make_members


def _representatives(live_app, prefix, count):
    """``count`` members in good standing, each with a voting representative; their emails."""
    return make_members(live_app, prefix, count, role="voting")


def _meeting_and_motions(live_app, title):
    """A meeting of its own with two Oxford motions: one seconded by Preston, with Torbay's
    amendment to it waiting for a seconder, and one waiting for its seconder."""
    from portal.programme.rules import motions

    def make():
        people = {email: db.session.scalar(select(Person).where(Person.email == email)) for email in (
            "secretariat@example.org", "rep@oxford.example.org", "rep@preston.example.org", "rep@torbay.example.org")}
        now = utcnow()
        meeting = motions.create_meeting(by=people["secretariat@example.org"], kind="egm", title_en=title,
                                         meets_at=now + timedelta(days=3), motions_close_at=now + timedelta(hours=1),
                                         amendments_close_at=now + timedelta(days=2))
        motion = motions.submit_motion(meeting, by=people["rep@oxford.example.org"], title_en=f"{title}: motion",
                                       text_en="That the network meets twice a year.")
        unseconded = motions.submit_motion(meeting, by=people["rep@oxford.example.org"], title_en=f"{title}: another",
                                           text_en="That the network meets online.")
        motions.second_motion(motion, by=people["rep@preston.example.org"])
        amendment = motions.propose_amendment(motion, by=people["rep@torbay.example.org"], kind="insert",
                                              amended_text_en="That the network meets twice a year in person.")
        db.session.commit()
        return meeting.id, unseconded.id, amendment.id

    return in_app(live_app, make)


def _seconders(live_app, model_name, moved_id):
    from portal.programme import models

    model = getattr(models, model_name)
    return in_app(live_app, lambda: db.session.execute(
        select(model.status, model.seconder_member_id, model.seconded_at).where(model.id == moved_id)).one())


def _ready(live_server, email, path):
    session = HttpSession(live_server).sign_in(email)
    _page, token = session.form_token(path)
    return session, token


def test_twenty_members_seconding_a_motion_and_an_amendment_at_once_give_one_second_each(live_app, live_server):
    emails = _representatives(live_app, "Seconding", 10)
    _meeting_id, motion_id, amendment_id = _meeting_and_motions(live_app, "Twenty seconds")
    motion_people = [_ready(live_server, email, f"/programme/motions/{motion_id}") for email in emails]
    results = at_once(lambda who: who[0].request(f"/programme/motions/{motion_id}/second", {"csrf_token": who[1]}),
                      motion_people * 2)
    assert all(status == 302 for status, _, _ in results), [status for status, _, _ in results]
    status, seconder, _ = _seconders(live_app, "Motion", motion_id)
    assert status == "seconded" and seconder is not None
    results = at_once(lambda who: who[0].request(f"/programme/amendments/{amendment_id}/second", {"csrf_token": who[1]}),
                      motion_people * 2)
    assert all(status == 302 for status, _, _ in results)
    status, seconder, _ = _seconders(live_app, "Amendment", amendment_id)
    assert status == "seconded" and seconder is not None

    from portal.audit.models import AuditEntry

    def seconds():
        return db.session.scalars(select(AuditEntry.action).where(
            ((AuditEntry.action == "programme.motion_seconded") & (AuditEntry.object_id == motion_id))
            | ((AuditEntry.action == "programme.amendment_seconded") & (AuditEntry.object_id == amendment_id)))).all()

    assert sorted(in_app(live_app, seconds)) == ["programme.amendment_seconded", "programme.motion_seconded"]


def _motions(live_app, title, count):
    """A meeting of its own whose motions close in an hour, with ``count`` motions from Oxford."""
    from portal.programme.rules import motions

    def make():
        secretariat = db.session.scalar(select(Person).where(Person.email == "secretariat@example.org"))
        oxford = db.session.scalar(select(Person).where(Person.email == "rep@oxford.example.org"))
        now = utcnow()
        meeting = motions.create_meeting(by=secretariat, kind="egm", title_en=title, meets_at=now + timedelta(days=3),
                                         motions_close_at=now + timedelta(hours=1), amendments_close_at=now + timedelta(days=2))
        made = [motions.submit_motion(meeting, by=oxford, title_en=f"{title}: motion {n}", text_en="That the network acts.")
                for n in range(count)]
        db.session.commit()
        return meeting.id, [motion.id for motion in made]

    return in_app(live_app, make)


def test_seconds_racing_the_deadline_count_only_before_it(live_app, live_server):
    emails = _representatives(live_app, "Racing", 12)
    meeting_id, motion_ids = _motions(live_app, "Racing the deadline", 12)
    people = [(*_ready(live_server, email, f"/programme/motions/{motion_id}"), motion_id)
              for email, motion_id in zip(emails, motion_ids)]

    from portal.programme.models import GeneralMeeting, Motion

    def close_soon():
        meeting = db.session.get(GeneralMeeting, meeting_id)
        meeting.motions_close_at = utcnow() + timedelta(milliseconds=400)
        db.session.commit()
        return meeting.motions_close_at

    closes_at = in_app(live_app, close_soon)
    time.sleep(0.3)
    results = at_once(lambda who: who[0].request(f"/programme/motions/{who[2]}/second", {"csrf_token": who[1]}), people)
    assert all(status == 302 for status, _, _ in results)

    def seconded():
        return db.session.execute(select(Motion.id, Motion.seconded_at).where(Motion.id.in_(motion_ids),
                                                                              Motion.seconder_member_id.is_not(None))).all()

    counted = in_app(live_app, seconded)
    assert all(seconded_at < closes_at for _, seconded_at in counted)
    time.sleep(max(0.0, (closes_at - utcnow()).total_seconds()) + 0.05)
    waiting = [who for who in people if who[2] not in {motion_id for motion_id, _ in counted}]
    if waiting:
        late = waiting[0][0].request(f"/programme/motions/{waiting[0][2]}/second", {"csrf_token": waiting[0][1]})
        assert late[0] == 302 and len(in_app(live_app, seconded)) == len(counted)
