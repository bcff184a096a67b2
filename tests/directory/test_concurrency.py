"""Two moderators deciding the same submission at the same moment, over real HTTP (SQLite
and PostgreSQL): one entry is made and one decision recorded."""

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.directory.models import Entry, Submission
from portal.extensions import db

from ..conftest import HttpSession, at_once, in_app, link_in, outbox


def test_two_approvals_at_once_publish_one_entry(live_app, live_server):
    submission_id = in_app(live_app, lambda: db.session.scalar(
        select(Submission.id).where(Submission.state == "pending", Submission.data["name"].as_string() == "Jericho Bike Kitchen")))
    path = f"/directory/moderation/submissions/{submission_id}"
    moderators = [HttpSession(live_server).sign_in(email) for email in ("rep@oxford.example.org", "lead@oxford.example.org")]
    tokens = [session.form_token(path)[1] for session in moderators]
    results = at_once(lambda item: item[0].request(path + "/approve", {"csrf_token": item[1]}), list(zip(moderators, tokens)))
    assert [status for status, _, _ in results] == [302, 302]

    def check():
        assert db.session.scalar(select(func.count(Entry.id)).where(Entry.name == "Jericho Bike Kitchen")) == 1
        assert db.session.get(Submission, submission_id).state == "approved"
        assert db.session.scalar(select(func.count(AuditEntry.id)).where(
            AuditEntry.action == "directory.submission_approved", AuditEntry.object_id == submission_id)) == 1
    in_app(live_app, check)


def test_links_asked_for_at_once_leave_exactly_one_working(live_app, live_server):
    entry_id, address = in_app(live_app, lambda: db.session.execute(
        select(Entry.id, Entry.contact_email).where(Entry.name == "Paignton Community Kitchen")).one())
    visitors = [HttpSession(live_server) for _ in range(5)]
    tokens = [visitor.form_token(f"/directory/{entry_id}")[1] for visitor in visitors]
    results = at_once(lambda item: item[0].request(f"/directory/{entry_id}/link", {"csrf_token": item[1]}), list(zip(visitors, tokens)))
    assert [status for status, _, _ in results] == [302] * 5
    links = in_app(live_app, lambda: [link_in(message) for message in outbox("directory_link", to=address)[-5:]])
    assert [visitors[0].request(link)[0] for link in links].count(200) == 1
