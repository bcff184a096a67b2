"""Writing in the forum: threads, replies, quotes, mentions, edits, removal, and the limits."""

import html
from datetime import timedelta

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.extensions import db
from portal.forum.models import Post, Revision, Thread

from ..conftest import database_digest, outbox, person
from .helpers import category, page, posts, thread


def test_a_member_starts_a_thread_and_others_reply(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    learning = category("Sharing learning")
    response = oxford.post(f"/forum/categories/{learning.id}/new", data={"title": "Anchor institutions", "body": "Who has a **charter**?"})
    assert response.status_code == 302
    started = thread("Anchor institutions")
    assert started.post_count == 1 and started.author_id == person("rep@oxford.example.org").id
    torbay = sign_in_as("rep@torbay.example.org")
    assert torbay.post(f"/forum/threads/{started.id}/reply", data={"body": "We do."}).status_code == 302
    status, body = page(torbay, f"/forum/threads/{started.id}")
    assert status == 200 and "<strong>charter</strong>" in body and "We do." in body
    assert [p.number for p in posts(started)] == [1, 2]


def test_an_empty_post_is_refused_next_to_the_field_and_nothing_is_written(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    learning = category("Sharing learning")
    before = database_digest()
    response = oxford.post(f"/forum/categories/{learning.id}/new", data={"title": "", "body": "   "})
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "Enter a title" in body and "Write your post" in body
    assert 'class="govuk-error-message"' in body
    assert database_digest() == before


def test_errors_are_in_welsh_for_a_welsh_speaker(sign_in_as):
    cardiff = sign_in_as("cynrychiolydd@cardiff.example.org")
    learning = category("Sharing learning")
    body = cardiff.post(f"/forum/categories/{learning.id}/new", data={"title": "Teitl", "body": ""}).get_data(as_text=True)
    assert "Write your post" not in body and "Ysgrifennwch eich neges" in body


def test_only_the_secretariat_starts_announcements_but_members_reply(sign_in_as):
    announcements = category("Announcements")
    oxford = sign_in_as("rep@oxford.example.org")
    assert oxford.get(f"/forum/categories/{announcements.id}/new").status_code == 403
    welcome = thread("Welcome to the forum")
    assert oxford.post(f"/forum/threads/{welcome.id}/reply", data={"body": "Thank you."}).status_code == 302
    secretariat = sign_in_as("secretariat@example.org")
    assert secretariat.get(f"/forum/categories/{announcements.id}/new").status_code == 200


def test_quoting_fills_the_reply_with_the_post_and_its_author(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    first = posts(placemaking)[0]
    body = html.unescape(sign_in_as("rep@preston.example.org").get(f"/forum/threads/{placemaking.id}/reply?quote={first.id}").get_data(as_text=True))
    assert "> Grace Adeyemi wrote:" in body and "> Stevenage has been trying" in body


def test_a_mention_emails_the_person_named_once_even_after_edits(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    preston = sign_in_as("rep@preston.example.org")
    preston.post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Good point, @Chris Walker. And @Nobody Here."})
    told = outbox("forum_mention", to="rep@oldham.example.org")
    assert len(told) == 1 and "Aisha Rahman mentioned you" in told[0].subject
    assert "/forum/unsubscribe/" in told[0].body
    reply = posts(placemaking)[-1]
    preston.post(f"/forum/posts/{reply.id}/edit", data={"body": "Good point, @Chris Walker, thank you."})
    assert len(outbox("forum_mention", to="rep@oldham.example.org")) == 1


def test_a_mention_of_someone_who_cannot_read_the_thread_tells_them_nothing(sign_in_as):
    private = thread("Case study drafts")
    sign_in_as("chair@oxford.example.org").post(f"/forum/threads/{private.id}/reply", data={"body": "@Imran Hussain, could Kirklees help?"})
    assert outbox("forum_mention", to="rep@kirklees.example.org") == []


def test_a_quoted_mention_is_not_a_new_mention():
    from portal.forum.rules.mentions import mentioned

    assert [p.name for p in mentioned("> @Chris Walker wrote this\n\nI agree.")] == []
    assert [p.name for p in mentioned("```\n@Chris Walker\n```")] == []
    assert [p.name for p in mentioned("Thanks @Chris Walker.")] == ["Chris Walker"]


def test_editing_marks_the_post_and_keeps_its_history_for_author_and_moderators(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    first = posts(placemaking)[0]
    stevenage = sign_in_as("rep@stevenage.example.org")
    assert stevenage.post(f"/forum/posts/{first.id}/edit", data={"body": "Paying for an organiser first made the difference."}).status_code == 302
    revisions = db.session.scalars(select(Revision).where(Revision.post_id == first.id)).all()
    assert len(revisions) == 1 and revisions[0].body.startswith("Stevenage has been trying")
    status, body = page(sign_in_as("rep@oldham.example.org"), f"/forum/threads/{placemaking.id}")
    assert "edited" in body and "Stevenage has been trying" not in body
    assert sign_in_as("rep@oldham.example.org").get(f"/forum/posts/{first.id}/history").status_code == 403
    assert "Stevenage has been trying" in page(sign_in_as("moderator@example.org"), f"/forum/posts/{first.id}/history")[1]
    assert "Stevenage has been trying" in page(stevenage, f"/forum/posts/{first.id}/history")[1]
    assert sign_in_as("rep@oldham.example.org").get(f"/forum/posts/{first.id}/edit").status_code == 403


def test_the_author_removes_a_post_and_a_note_stays_in_its_place(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    oldham_post = posts(placemaking)[1]
    oldham = sign_in_as("rep@oldham.example.org")
    assert sign_in_as("rep@torbay.example.org").post(f"/forum/posts/{oldham_post.id}/remove").status_code == 403
    assert oldham.post(f"/forum/posts/{oldham_post.id}/remove").status_code == 302
    body = page(sign_in_as("rep@preston.example.org"), f"/forum/threads/{placemaking.id}")[1]
    assert "Post removed by its author." in body and "a café" not in body
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "forum.post_removed", AuditEntry.object_id == oldham_post.id))


def test_posts_are_sanitised_and_links_are_marked(sign_in_as):
    learning = category("Sharing learning")
    oxford = sign_in_as("rep@oxford.example.org")
    oxford.post(f"/forum/categories/{learning.id}/new", data={
        "title": "Markdown", "body": "[toolkit](https://example.org/t) ![a chart](https://example.org/c.png) <b onclick=x>bold</b>\n\n```\ncode()\n```",
    })
    body = page(oxford, f"/forum/threads/{thread('Markdown').id}")[1]
    assert '<a href="https://example.org/t" class="govuk-link" rel="nofollow noopener">toolkit</a>' in body
    assert "<img" not in body and 'href="https://example.org/c.png"' in body  # an image becomes a link to it
    assert "<b onclick" not in body and "&lt;b onclick=x&gt;" in body and "<pre><code>code()" in body


def test_new_accounts_post_a_few_times_an_hour_and_are_told_why(sign_in_as, app):
    newcomer = person("rep@torbay.example.org")
    newcomer.created_at = utcnow() - timedelta(days=2)
    db.session.flush()
    torbay = sign_in_as("rep@torbay.example.org")
    placemaking = thread("Co-operative placemaking")
    limit = app.config["FORUM_NEW_ACCOUNT_POSTS_PER_HOUR"]
    for n in range(limit):
        assert torbay.post(f"/forum/threads/{placemaking.id}/reply", data={"body": f"Post {n}"}).status_code == 302
    before = database_digest()
    response = torbay.post(f"/forum/threads/{placemaking.id}/reply", data={"body": "One too many"})
    assert response.status_code == 200 and f"New accounts can post {limit} times an hour" in response.get_data(as_text=True)
    assert database_digest() == before


def test_everyone_has_a_posting_limit(sign_in_as, app):
    app.config["FORUM_POSTS_PER_HOUR"], saved = 2, app.config["FORUM_POSTS_PER_HOUR"]
    try:
        oxford = sign_in_as("rep@oxford.example.org")
        welcome = thread("Welcome to the forum")
        for _ in range(2):
            assert oxford.post(f"/forum/threads/{welcome.id}/reply", data={"body": "Hello"}).status_code == 302
        response = oxford.post(f"/forum/threads/{welcome.id}/reply", data={"body": "Hello again"})
        assert "You can post 2 times an hour" in response.get_data(as_text=True)
    finally:
        app.config["FORUM_POSTS_PER_HOUR"] = saved


def test_a_locked_thread_takes_replies_only_from_moderators(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    moderator = sign_in_as("moderator@example.org")
    assert moderator.post(f"/forum/moderation/threads/{placemaking.id}/lock").status_code == 302
    assert sign_in_as("rep@oldham.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Hi"}).status_code == 403
    assert moderator.post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Locked while we tidy up."}).status_code == 302
    assert "This thread is locked" in page(sign_in_as("rep@oldham.example.org"), f"/forum/threads/{placemaking.id}")[1]


def test_the_kept_reply_box_of_a_discussion_is_in_each_readers_language(sign_in_as):
    from portal.labs.models import Lab

    lab = db.session.scalar(select(Lab).where(Lab.title.like("Growing an Inclusive%")))
    english = sign_in_as("rep@stevenage.example.org").get(f"/labs/{lab.id}").get_data(as_text=True)
    welsh = sign_in_as("cynrychiolydd@cardiff.example.org").get(f"/labs/{lab.id}").get_data(as_text=True)
    assert "Add to the discussion" in english and "Cyfrannu at y drafodaeth" not in english
    assert "Cyfrannu at y drafodaeth" in welsh and "Add to the discussion" not in welsh


def test_the_lab_page_shows_its_discussion_and_takes_a_first_post_on_a_decision(sign_in_as, client):
    from portal.decisions.models import Decision
    from portal.labs.models import Lab

    lab = db.session.scalar(select(Lab).where(Lab.title.like("Growing an Inclusive%")))
    anonymous_view = client.get(f"/labs/{lab.id}").get_data(as_text=True)
    assert "Discussion" in anonymous_view and "How much officer time" in anonymous_view
    decision = db.session.scalar(select(Decision).where(Decision.status == "open"))
    stevenage = sign_in_as("rep@stevenage.example.org")
    assert "Add to the discussion" in stevenage.get(f"/decisions/{decision.id}").get_data(as_text=True)
    stevenage.post(f"/forum/discuss/decision/{decision.id}", data={"body": "Stevenage supports the priorities."})
    discussion = db.session.scalar(select(Thread).where(Thread.subject_kind == "decision", Thread.subject_id == decision.id))
    assert discussion is not None and discussion.category.slug == "decisions"
    assert "Stevenage supports the priorities." in stevenage.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert db.session.scalar(select(Post.id).where(Post.thread_id == discussion.id, Post.body.like("Stevenage supports%")))
