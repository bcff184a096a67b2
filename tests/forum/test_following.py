"""Watching, tracking and muting; emails with their one-click way out; the digest; unread posts."""

from datetime import timedelta

from portal.extensions import db
from portal.forum.rules import follow
from portal.notifications import digest
from portal.notifications.kinds import DIGEST_KIND

from ..conftest import outbox, person
from .helpers import category, page, posts, thread


def today():
    return digest.today()


def tomorrow():
    return digest.today() + timedelta(days=1)


def test_watching_a_thread_emails_each_post_until_the_link_in_the_email_stops_it(sign_in_as, client):
    placemaking = thread("Co-operative placemaking")
    preston = sign_in_as("rep@preston.example.org")
    assert preston.post(f"/forum/threads/{placemaking.id}/notifications", data={"level": "watching"}).status_code == 302
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "A new idea."})
    emails = outbox("forum_post", to="rep@preston.example.org")
    assert len(emails) == 1 and "A new idea." in emails[0].body and "Co-operative placemaking" in emails[0].subject
    unsubscribe = [line for line in emails[0].body.splitlines() if "/forum/unsubscribe/" in line][0].split("http://portal.test")[1]
    assert "Stop these emails" in page(client, unsubscribe)[1]  # no sign-in needed, and a GET changes nothing
    assert follow.levels(person("rep@preston.example.org"), [placemaking])[placemaking.id] == "watching"
    client.post(unsubscribe)
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Another idea."})
    assert len(outbox("forum_post", to="rep@preston.example.org")) == 1
    assert client.get("/forum/unsubscribe/not-a-real-token").status_code == 404


def test_a_category_watcher_is_emailed_and_stays_watching_after_posting(sign_in_as):
    learning = category("Sharing learning")  # Oxford's representative watches it in the demo
    stevenage = sign_in_as("rep@stevenage.example.org")
    stevenage.post(f"/forum/categories/{learning.id}/new", data={"title": "Land trusts", "body": "Has anyone set one up?"})
    assert len(outbox("forum_post", to="rep@oxford.example.org")) == 1
    land = thread("Land trusts")
    sign_in_as("rep@oxford.example.org").post(f"/forum/threads/{land.id}/reply", data={"body": "Oxford has."})
    stevenage.post(f"/forum/threads/{land.id}/reply", data={"body": "Tell me more."})
    emails = outbox("forum_post", to="rep@oxford.example.org")
    assert len(emails) == 2 and "watch this category" in emails[1].body
    assert outbox("forum_post", to="rep@stevenage.example.org") == []  # nobody is emailed their own posts


def test_the_daily_digest_replaces_single_emails_and_goes_once_a_day(sign_in_as, client):
    wmca = person("rep@wmca.example.org")  # takes forum messages in the daily digest in the demo
    procurement = thread("Social value weightings")
    follow.set_level(wmca, "watching", thread=procurement)
    db.session.flush()
    sign_in_as("rep@preston.example.org").post(f"/forum/threads/{procurement.id}/reply", data={"body": "Thanks, very helpful."})
    assert outbox("forum_post", to=wmca.email) == []
    assert digest.send(today()) >= 1
    sent = outbox(DIGEST_KIND, to=wmca.email)
    assert len(sent) == 1 and "Thanks, very helpful." in sent[0].body and "Social value weightings" in sent[0].body
    assert digest.send(today()) == 0
    assert len(outbox(DIGEST_KIND, to=wmca.email)) == 1
    stop = [line for line in sent[0].body.splitlines() if "/notifications/stop/" in line][0].split("http://portal.test")[1]
    assert "Stop the daily email" in page(client, stop)[1]  # no sign-in needed
    client.post(stop)
    sign_in_as("rep@preston.example.org").post(f"/forum/threads/{procurement.id}/reply", data={"body": "And another thing."})
    assert outbox("forum_post", to=wmca.email) == [] and digest.send(tomorrow()) == 0  # on the portal only now


def test_stopping_all_forum_emails_leaves_mentions_on_the_portal_only(sign_in_as, client):
    oxford = person("rep@oxford.example.org")
    emailed = len(outbox(to=oxford.email))
    client.post(f"/forum/unsubscribe/{follow.unsubscribe_token(oxford, 'all')}")  # the link in forum digests sent before
    learning = category("Sharing learning")  # which Oxford's representative watched
    stevenage = sign_in_as("rep@stevenage.example.org")
    stevenage.post(f"/forum/categories/{learning.id}/new", data={"title": "Land trusts", "body": "@Priya Shah, has Oxford one?"})
    assert len(outbox(to=oxford.email)) == emailed
    assert "mentioned you in" in page(sign_in_as(oxford.email), "/notifications/")[1]


def test_new_posts_since_the_last_visit_are_marked_and_can_be_jumped_to(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    preston = sign_in_as("rep@preston.example.org")
    preston.get(f"/forum/threads/{placemaking.id}")  # reads all of it
    assert "New since your last visit" not in page(preston, f"/forum/threads/{placemaking.id}")[1]
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Fresh news."})
    listing = page(preston, f"/forum/categories/{placemaking.category_id}")[1]
    assert "Updated" in listing
    jump = preston.get(f"/forum/threads/{placemaking.id}/unread")
    newest = posts(placemaking)[-1]
    assert jump.headers["Location"].endswith(f"#post-{newest.number}")
    body = page(preston, f"/forum/threads/{placemaking.id}")[1]
    assert body.index("New since your last visit") < body.index("Fresh news.")
    preston.post(f"/forum/threads/{placemaking.id}/notifications", data={"level": "tracking"})
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "More news."})
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Even more."})
    assert "2 unread" in page(preston, f"/forum/categories/{placemaking.category_id}")[1]


def test_muting_a_thread_silences_even_mentions(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/notifications", data={"level": "muted"})
    sign_in_as("rep@preston.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "@Chris Walker, thoughts?"})
    assert outbox("forum_mention", to="rep@oldham.example.org") == []


def test_a_level_that_is_not_offered_is_refused(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    preston = sign_in_as("rep@preston.example.org")
    preston.post(f"/forum/threads/{placemaking.id}/notifications", data={"level": "loud"})
    assert follow.levels(person("rep@preston.example.org"), [placemaking])[placemaking.id] == "normal"


def test_the_forums_digest_command_still_sends_the_one_digest_once(app, sign_in_as):
    wmca = person("rep@wmca.example.org")
    follow.set_level(wmca, "watching", category=category("Community wealth building"))
    db.session.flush()
    wealth = category("Community wealth building")
    sign_in_as("rep@preston.example.org").post(f"/forum/categories/{wealth.id}/new", data={"title": "Land", "body": "From the command."})
    first = app.test_cli_runner().invoke(args=["portal", "forum", "digest"])
    second = app.test_cli_runner().invoke(args=["portal", "digest"])
    assert first.exit_code == 0 and "0 digests sent" not in first.output
    assert second.exit_code == 0 and "0 digests sent" in second.output
    assert len(outbox(DIGEST_KIND, to=wmca.email)) == 1


def test_a_thread_read_again_writes_nothing(sign_in_as, rollback):
    from ..conftest import WriteWatch

    placemaking = thread("Co-operative placemaking")
    preston = sign_in_as("rep@preston.example.org")
    with WriteWatch(rollback.connection) as first:
        preston.get(f"/forum/threads/{placemaking.id}")
    with WriteWatch(rollback.connection) as again:
        preston.get(f"/forum/threads/{placemaking.id}")
    assert (first.suspect, again.suspect) == (True, False)
