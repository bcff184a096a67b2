"""A copy of one's data, erasure on request, and the retention purge."""

import json
import time
from datetime import timedelta

from sqlalchemy import JSON, String, Text, func, select

from portal import audit
from portal.auth.models import Person, SecurityEvent
from portal.db import utcnow
from portal.decisions.models import Ballot
from portal.directory.rules import entries
from portal.extensions import db
from portal.forum.models import Post
from portal.membership.models import Application
from portal.privacy.models import ErasureRequest

from ..conftest import DEMO_PASSWORD, outbox, person


def test_download_my_data_holds_what_the_portal_holds(sign_in_as):
    client = sign_in_as("rep@torbay.example.org")
    response = client.get("/account/my-data.json")
    assert response.mimetype == "application/json" and "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["profile"]["email"] == "rep@torbay.example.org" and data["profile"]["member_organisation"] == "Torbay Council"
    assert any(g["group"].startswith("Growing an Inclusive") for g in data["groups"])
    assert any("test-and-learn" in p["text"] for p in data["forum_posts"])
    assert any(e["event"] == "sign_in" for e in data["security_log"])
    assert data["roles_for_member"] == ["contact", "voting"]
    page = client.get("/account/my-data").get_data(as_text=True)
    assert "Torbay Council" in page and "Your forum posts" in page


def _texts(held):
    """Every key and value inside a JSON value, as text."""
    if isinstance(held, dict):
        for key, inner in held.items():
            yield str(key)
            yield from _texts(inner)
    elif isinstance(held, list):
        for inner in held:
            yield from _texts(inner)
    elif held is not None:
        yield str(held)


def _anywhere(value):
    """Tables and columns where ``value`` still appears (others' forum posts aside): in text
    columns, and inside JSON ones (an audit entry's detail, a directory submission's data)."""
    found = []
    for table in db.metadata.sorted_tables:
        if table.name in ("forum_post", "forum_revision"):
            continue  # what others wrote about the person is theirs; checked separately
        for column in table.columns:
            if isinstance(column.type, (String, Text)):
                held = db.session.scalar(select(func.count()).select_from(table).where(column.contains(value)))
            elif isinstance(column.type, JSON):
                held = any(value in text for (data,) in db.session.execute(select(column)) for text in _texts(data))
            else:
                continue
            if held:
                found.append(f"{table.name}.{column.name}")
    return found


def test_an_approved_erasure_anonymises_the_account_and_the_audit_chain_still_holds(sign_in_as, app):
    deputy = person("deputy@sunderland.example.org")  # asked in the demo
    request_ = db.session.scalar(select(ErasureRequest).where(ErasureRequest.person_id == deputy.id))
    # Before she asked, she put forward a food pantry for the directory, as its contact, and a
    # colleague put forward a credit union with her as its contact.
    pantry = entries.submit("new", {"name": "Hendon Community Pantry", "sectors": ["food"], "postcode": "SR2 8AA",
                                    "contact_email": "deputy@sunderland.example.org"},
                            submitter_name="Nadia Ali", submitter_email="deputy@sunderland.example.org")
    credit_union = entries.submit("new", {"name": "Wearside Credit Union", "postcode": "SR1 3AA",
                                          "contact_email": "Deputy@Sunderland.example.org"},
                                  submitter_name="Liam Robson", submitter_email="rep@sunderland.example.org")
    sunderland_ballots = db.session.scalar(select(func.count(Ballot.id)).where(Ballot.member_id == deputy.member_id))
    secretariat = sign_in_as("secretariat@example.org")
    with secretariat.session_transaction() as session:
        session["reauth_at"] = time.time() - 20 * 60
    assert "/account/confirm-password" in secretariat.get(f"/people/erasure-requests/{request_.id}").headers["Location"]
    secretariat.post("/account/confirm-password", data={"password": DEMO_PASSWORD})
    assert secretariat.post(f"/people/erasure-requests/{request_.id}", data={"decision": "approve"}).status_code == 302
    db.session.expire_all()
    erased = db.session.get(Person, deputy.id)
    assert erased.name == f"Former user {deputy.id}" and erased.email.endswith("@erased.invalid") and erased.password_hash is None
    assert _anywhere("deputy@sunderland.example.org") == []
    assert _anywhere("Nadia Ali") == []
    db.session.refresh(pantry)
    db.session.refresh(credit_union)
    assert (pantry.state, pantry.data["name"], pantry.data["contact_email"]) == ("pending", "Hendon Community Pantry", "")
    assert (credit_union.submitter_name, credit_union.data["contact_email"]) == ("Liam Robson", "")
    assert app.test_client().post("/sign-in", data={"email": "deputy@sunderland.example.org", "password": DEMO_PASSWORD}).status_code == 200
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.member_id == deputy.member_id)) == sunderland_ballots
    assert audit.verify().holds
    assert db.session.get(ErasureRequest, request_.id).status == "approved"


def test_erased_authors_posts_stay_under_the_anonymised_name(sign_in_as):
    torbay = person("rep@torbay.example.org")
    from portal.privacy import rules

    rules.erase(torbay, by=person("secretariat@example.org"))
    db.session.flush()
    posts = db.session.scalars(select(Post).where(Post.author_id == torbay.id)).all()
    assert posts and all(post.state == "visible" for post in posts)
    thread_page = sign_in_as("rep@oxford.example.org").get(f"/forum/posts/{posts[0].id}", follow_redirects=True).get_data(as_text=True)
    assert f"Former user {torbay.id}" in thread_page and "Ben Carter" not in thread_page


def test_a_declined_request_tells_the_person_why(sign_in_as):
    client = sign_in_as("rep@plymouth.example.org")
    client.post("/account/delete", data={"reason": "Moving on."})
    assert len(outbox("erasure_requested")) == 1
    made = db.session.scalar(select(ErasureRequest).where(ErasureRequest.person_id == person("rep@plymouth.example.org").id))
    secretariat = sign_in_as("secretariat@example.org")
    missing = secretariat.post(f"/people/erasure-requests/{made.id}", data={"decision": "decline", "note": ""}).get_data(as_text=True)
    assert "Say why the request is declined" in missing
    secretariat.post(f"/people/erasure-requests/{made.id}", data={"decision": "decline", "note": "You are the member's only contact."})
    told = outbox("erasure_declined", to="rep@plymouth.example.org")
    assert len(told) == 1 and "only contact" in told[0].body
    assert person("rep@plymouth.example.org").name == "Hannah Moore"


def test_the_only_administrator_cannot_be_erased(sign_in_as):
    from portal.privacy import rules

    admin = person("admin@example.org")
    try:
        rules.erase(admin, by=person("secretariat@example.org"))
    except rules.CannotErase:
        pass
    else:
        raise AssertionError("the last administrator was erased")


def test_the_purge_removes_what_has_been_kept_long_enough_and_then_nothing(app):
    from portal.privacy import rules

    declined = db.session.scalar(select(Application).where(Application.status == "declined"))
    declined.decided_at = utcnow() - timedelta(days=400)
    invited = Person(email="never@example.org", name="Never Came", created_at=utcnow() - timedelta(days=100))
    from portal.directory.models import Submission

    sent = Submission(kind="new", data={"name": "Old Co-op"}, submitter_name="Sam Sender", submitter_email="sam@example.com",
                      state="rejected", decided_at=utcnow() - timedelta(days=400), reason="Not in the UK")
    from portal.auth.models import SignedInSession

    long_ago = utcnow() - timedelta(days=40)
    ended = SignedInSession(person_id=person("rep@oxford.example.org").id, secret_hash="0" * 64, started_at=long_ago,
                            expires_at=long_ago + timedelta(hours=12), ended_at=long_ago, address="192.0.2.1")
    from portal.notifications.models import Notification

    told = {when: Notification(person_id=person("rep@oxford.example.org").id, kind="task_due", subject=f"Read {when}", text="",
                               delivery="email", created_at=utcnow() - timedelta(days=days), read_at=read)
            for when, days, read in (("long ago", 100, utcnow()), ("unread", 100, None), ("lately", 10, utcnow()))}
    db.session.add_all([invited, sent, ended, SecurityEvent(kind="sign_in", at=utcnow() - timedelta(days=400)), *told.values()])
    db.session.flush()
    result = app.test_cli_runner().invoke(args=["portal", "privacy", "purge"])
    assert result.exit_code == 0 and "1 declined applications removed" in result.output and "1 unused invitations removed" in result.output
    assert "1 ended sessions removed" in result.output and db.session.get(SignedInSession, ended.id) is None
    assert "1 read notifications removed" in result.output  # read and 100 days old; the unread and the recent stay
    assert [db.session.get(Notification, told[when].id) is None for when in ("long ago", "unread", "lately")] == [True, False, False]
    assert db.session.get(Application, declined.id) is None
    assert db.session.get(Person, invited.id).email.endswith("@erased.invalid")
    db.session.refresh(sent)
    assert (sent.submitter_name, sent.submitter_email, sent.reason) == ("", "", "Not in the UK")
    assert rules.purge() == {"declined applications": 0, "unused invitations": 0, "security log entries": 0, "delivered emails": 0,
                             "ended sessions": 0, "read notifications": 0, "directory senders": 0}
