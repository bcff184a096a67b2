"""One support per member per idea, and none after the close, under real concurrent requests
to the served app (SQLite and PostgreSQL)."""

import time
from datetime import timedelta

from sqlalchemy import func, select

from portal.auth.models import Person
from portal.db import utcnow
from portal.extensions import db
from portal.membership.models import Member

from ..conftest import HttpSession, at_once, in_app
from .helpers import make_members


def _new_call_and_idea(live_app, title, closes_in):
    """A call of its own, open until ``closes_in`` from now, with one submitted idea from Stevenage."""
    from portal.programme.rules import ideas

    def make():
        secretariat = db.session.scalar(select(Person).where(Person.email == "secretariat@example.org"))
        officer = db.session.scalar(select(Person).where(Person.email == "officer@stevenage.example.org"))
        now = utcnow()
        call = ideas.open_call(by=secretariat, year=2030, title_en=title, opens_at=now - timedelta(minutes=1), closes_at=now + closes_in)
        idea = ideas.draft(call, by=officer, title_en=f"{title}: the idea", problem_en="A problem.", activity_en="An activity.")
        ideas.submit(idea, by=officer)
        db.session.commit()
        return call.id, idea.id

    return in_app(live_app, make)


def _supports(live_app, idea_id):
    from portal.programme.models import IdeaSupport

    return in_app(live_app, lambda: db.session.execute(
        select(IdeaSupport.member_id, IdeaSupport.created_at).where(IdeaSupport.idea_id == idea_id)).all())


def _ready(live_server, email, idea_id):
    session = HttpSession(live_server).sign_in(email)
    _page, token = session.form_token(f"/programme/ideas/{idea_id}")
    return session, token


def test_two_people_of_one_member_supporting_twenty_times_at_once_give_one_support(live_app, live_server):
    _call_id, idea_id = _new_call_and_idea(live_app, "Twenty supports", timedelta(hours=1))
    people = [_ready(live_server, email, idea_id) for email in ("rep@oxford.example.org", "lead@oxford.example.org")]
    results = at_once(lambda who: who[0].request(f"/programme/ideas/{idea_id}/support", {"csrf_token": who[1]}), people * 10)
    assert all(status == 302 for status, _, _ in results), [status for status, _, _ in results]
    oxford = in_app(live_app, lambda: db.session.scalar(select(Member.id).where(Member.name == "Oxford City Council")))
    assert [member_id for member_id, _ in _supports(live_app, idea_id)] == [oxford]


def test_supports_racing_the_close_count_only_before_it(live_app, live_server):
    emails = make_members(live_app, "Closing", 24)
    _call_id, idea_id = _new_call_and_idea(live_app, "Racing the close", timedelta(hours=1))
    people = [_ready(live_server, email, idea_id) for email in emails]

    from portal.programme.models import IdeaCall

    def close_soon():
        call = db.session.scalar(select(IdeaCall).where(IdeaCall.title_en == "Racing the close"))
        call.closes_at = utcnow() + timedelta(milliseconds=400)
        db.session.commit()
        return call.closes_at

    closes_at = in_app(live_app, close_soon)
    time.sleep(0.3)
    results = at_once(lambda who: who[0].request(f"/programme/ideas/{idea_id}/support", {"csrf_token": who[1]}), people)
    assert all(status == 302 for status, _, _ in results)
    counted = _supports(live_app, idea_id)
    assert all(created_at < closes_at for _, created_at in counted)
    time.sleep(max(0.0, (closes_at - utcnow()).total_seconds()) + 0.05)
    late = people[0][0].request(f"/programme/ideas/{idea_id}/support", {"csrf_token": people[0][1]})
    assert late[0] == 302 and len(_supports(live_app, idea_id)) == len(counted)
    count = in_app(live_app, lambda: db.session.scalar(select(func.count()).select_from(Member).where(Member.name.like("Closing%"))))
    assert count == 24
