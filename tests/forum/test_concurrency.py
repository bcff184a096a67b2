"""The forum's rules under real concurrent requests to the served app (SQLite and PostgreSQL):
post numbers, the flags that hide a post, a subject's one discussion, the posting limit."""

import re
from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.auth.models import Person
from portal.db import utcnow
from portal.decisions.models import Decision
from portal.extensions import db
from portal.forum.models import Flag, Post, Thread

from ..conftest import HttpSession, at_once, in_app

WRITERS = ["rep@oxford.example.org", "rep@stevenage.example.org", "rep@torbay.example.org", "rep@preston.example.org",
           "rep@oldham.example.org", "rep@plymouth.example.org", "rep@wmca.example.org", "cynrychiolydd@cardiff.example.org"]


def _thread_id(live_app, title):
    return in_app(live_app, lambda: db.session.scalar(select(Thread.id).where(Thread.title.like(f"{title}%"))))


def _signed_in(live_server, emails, form_path):
    sessions = [HttpSession(live_server).sign_in(email) for email in emails]
    return [(session, session.form_token(form_path)[1]) for session in sessions]


def test_replies_at_once_take_one_number_each(live_app, live_server):
    thread_id = _thread_id(live_app, "Welcome to the forum")
    before = in_app(live_app, lambda: db.session.get(Thread, thread_id).post_count)
    writers = _signed_in(live_server, WRITERS, f"/forum/threads/{thread_id}/reply")
    results = at_once(lambda item: item[0].request(f"/forum/threads/{thread_id}/reply", {"csrf_token": item[1], "body": "At once!"}), writers)
    assert [status for status, _, _ in results] == [302] * len(WRITERS), [re.findall(r'govuk-error-message">(.*?)</', page, re.S) for _, page, _ in results]

    def check():
        numbers = db.session.scalars(select(Post.number).where(Post.thread_id == thread_id).order_by(Post.number)).all()
        assert numbers == list(range(1, before + len(WRITERS) + 1))
        assert db.session.get(Thread, thread_id).post_count == before + len(WRITERS)
    in_app(live_app, check)


def test_three_flags_at_once_hide_the_post_once(live_app, live_server):
    def target():
        thread_id = db.session.scalar(select(Thread.id).where(Thread.title.like("Co-operative placemaking%")))
        return db.session.scalar(select(Post.id).where(Post.thread_id == thread_id, Post.number == 4))
    post_id = in_app(live_app, target)
    flaggers = _signed_in(live_server, WRITERS[4:7], f"/forum/posts/{post_id}/flag")
    results = at_once(lambda item: item[0].request(f"/forum/posts/{post_id}/flag", {"csrf_token": item[1], "reason": "off_topic"}), flaggers)
    assert [status for status, _, _ in results] == [302] * 3

    def check():
        post = db.session.get(Post, post_id)
        assert post.state == "hidden" and post.hidden_because == "flags"
        assert db.session.scalar(select(func.count(Flag.id)).where(Flag.post_id == post_id)) == 3
        hidden = db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "forum.post_hidden_by_flags", AuditEntry.object_id == post_id))
        assert hidden == 1
    in_app(live_app, check)


def test_first_posts_at_once_make_one_discussion(live_app, live_server):
    decision_id = in_app(live_app, lambda: db.session.scalar(
        select(Decision.id).where(Decision.status == "open").order_by(Decision.id.desc())
    ))
    writers = _signed_in(live_server, WRITERS[:4], f"/decisions/{decision_id}")
    results = at_once(lambda item: item[0].request(f"/forum/discuss/decision/{decision_id}", {"csrf_token": item[1], "body": "First!"}), writers)
    assert [status for status, _, _ in results] == [302] * 4

    def check():
        threads = db.session.scalars(select(Thread).where(Thread.subject_kind == "decision", Thread.subject_id == decision_id)).all()
        assert len(threads) == 1
        assert db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == threads[0].id, Post.body == "First!")) == 4
    in_app(live_app, check)


def test_the_posting_limit_holds_when_a_new_account_posts_many_at_once(live_app, live_server):
    email = "hello@tamarvalley.example.org"

    def make_new():
        newcomer = db.session.scalar(select(Person).where(Person.email == email))
        newcomer.created_at = utcnow() - timedelta(days=1)
        db.session.commit()
        return live_app.config["FORUM_NEW_ACCOUNT_POSTS_PER_HOUR"]
    limit = in_app(live_app, make_new)
    thread_id = _thread_id(live_app, "Co-operative placemaking")
    session = HttpSession(live_server).sign_in(email)
    token = session.form_token(f"/forum/threads/{thread_id}/reply")[1]
    results = at_once(lambda n: session.request(f"/forum/threads/{thread_id}/reply", {"csrf_token": token, "body": f"Hello {n}"}), range(limit + 3))
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == limit and statuses.count(200) == 3, statuses
    refused = [page for status, page, _ in results if status == 200]
    assert all(f"New accounts can post {limit} times an hour" in page for page in refused)
