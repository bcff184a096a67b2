"""Flags, the moderators' queue, and what moderators do."""

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.forum.models import Flag, Post

from ..conftest import person
from .helpers import category, page, posts, thread


def _advert():
    return posts(thread("Social value weightings"))[2]


def _audited(action, object_id):
    return db.session.scalar(select(AuditEntry).where(AuditEntry.action == action, AuditEntry.object_id == object_id)) is not None


def test_the_third_flag_from_a_different_person_hides_the_post(sign_in_as):
    advert = _advert()
    assert advert.state == "visible"  # the demo's two flags are waiting
    oldham = sign_in_as("rep@oldham.example.org")
    page_before = page(oldham, f"/forum/threads/{advert.thread_id}")[1]
    assert "Day rates on request" in page_before
    preston = sign_in_as("rep@preston.example.org")
    preston.post(f"/forum/posts/{advert.id}/flag", data={"reason": "spam"})  # a second flag from the same person
    db.session.refresh(advert)
    assert advert.state == "visible"
    oldham.post(f"/forum/posts/{advert.id}/flag", data={"reason": "spam", "note": "An advert."})
    db.session.refresh(advert)
    assert advert.state == "hidden" and advert.hidden_because == "flags"
    assert _audited("forum.post_hidden_by_flags", advert.id)
    body = page(oldham, f"/forum/threads/{advert.thread_id}")[1]
    assert "Day rates on request" not in body and "hidden while the moderators look at it" in body
    assert "Day rates on request" in page(sign_in_as("moderator@example.org"), f"/forum/threads/{advert.thread_id}")[1]


def test_a_flag_needs_a_reason_and_nobody_flags_their_own_post(sign_in_as):
    advert = _advert()
    response = sign_in_as("rep@oldham.example.org").post(f"/forum/posts/{advert.id}/flag", data={"reason": ""})
    assert "Choose what is wrong with the post" in response.get_data(as_text=True)
    sign_in_as("affiliate@devco.example.org").post(f"/forum/posts/{advert.id}/flag", data={"reason": "other"})
    assert db.session.scalar(select(Flag).where(Flag.post_id == advert.id, Flag.person_id == advert.author_id)) is None


def test_the_queue_shows_flags_history_and_the_authors_record(sign_in_as):
    body = page(sign_in_as("moderator@example.org"), "/forum/moderation/")[1]
    assert "Day rates on request" in body and "Spam or advertising" in body
    assert "suspensions 1" in body
    assert sign_in_as("rep@oxford.example.org").get("/forum/moderation/").status_code == 403


def test_restoring_settles_the_flags_and_hiding_is_audited(sign_in_as):
    advert = _advert()
    moderator = sign_in_as("moderator@example.org")
    moderator.post(f"/forum/moderation/posts/{advert.id}/restore")
    assert db.session.scalar(select(Flag.id).where(Flag.post_id == advert.id, Flag.resolved_at.is_(None))) is None
    assert "No posts are waiting" in page(moderator, "/forum/moderation/")[1]
    moderator.post(f"/forum/moderation/posts/{advert.id}/hide")
    db.session.refresh(advert)
    assert advert.state == "hidden" and advert.hidden_because == "moderator"
    assert _audited("forum.post_restored", advert.id) and _audited("forum.post_hidden", advert.id)


def test_group_posts_stay_out_of_a_moderators_queue_unless_they_are_the_secretariat(sign_in_as):
    private = posts(thread("Case study drafts"))[0]
    sign_in_as("rep@torbay.example.org").post(f"/forum/posts/{private.id}/flag", data={"reason": "private"})
    assert "Case study authors" not in page(sign_in_as("moderator@example.org"), "/forum/moderation/")[1]
    assert "Case study authors" in page(sign_in_as("secretariat@example.org"), "/forum/moderation/")[1]
    assert sign_in_as("moderator@example.org").post(f"/forum/moderation/posts/{private.id}/hide").status_code == 403


def test_a_moderator_outside_a_group_can_neither_edit_its_posts_nor_read_their_history(sign_in_as):
    private = posts(thread("Case study drafts"))[0]
    sign_in_as("chair@oxford.example.org").post(f"/forum/posts/{private.id}/edit", data={"body": "Drafts by Thursday, please."})
    moderator = sign_in_as("moderator@example.org")
    assert moderator.get(f"/forum/posts/{private.id}/edit").status_code == 403
    assert moderator.get(f"/forum/posts/{private.id}/history").status_code == 403
    assert moderator.post(f"/forum/posts/{private.id}/edit", data={"body": "Rewritten from outside."}).status_code == 403
    db.session.refresh(private)
    assert private.body == "Drafts by Thursday, please."
    status, history = page(sign_in_as("secretariat@example.org"), f"/forum/posts/{private.id}/history")
    assert status == 200 and "Case study authors" in history


def test_pin_move_and_merge(sign_in_as):
    moderator = sign_in_as("moderator@example.org")
    procurement, placemaking = thread("Social value weightings"), thread("Co-operative placemaking")
    moderator.post(f"/forum/moderation/threads/{procurement.id}/pin")
    listing = page(moderator, f"/forum/categories/{procurement.category_id}")[1]
    assert "Pinned" in listing
    learning = category("Sharing learning")
    response = moderator.post(f"/forum/moderation/threads/{procurement.id}/move", data={"category_id": learning.id})
    assert response.status_code == 302
    db.session.refresh(procurement)
    assert procurement.category_id == learning.id and _audited("forum.thread_moved", procurement.id)
    before = placemaking.post_count
    moved = [p.id for p in posts(procurement)]
    response = moderator.post(f"/forum/moderation/threads/{procurement.id}/merge", data={"into": placemaking.id})
    assert response.status_code == 302
    db.session.refresh(placemaking)
    merged = posts(placemaking)
    assert [p.number for p in merged] == list(range(1, before + len(moved) + 1))
    assert [p.id for p in merged[before:]] == moved
    assert moderator.get(f"/forum/threads/{procurement.id}").headers["Location"].endswith(f"/forum/threads/{placemaking.id}")
    assert "Social value weightings" not in page(moderator, f"/forum/categories/{learning.id}")[1]


def test_merging_into_nothing_or_itself_is_refused_next_to_the_field(sign_in_as):
    moderator = sign_in_as("moderator@example.org")
    placemaking = thread("Co-operative placemaking")
    body = moderator.post(f"/forum/moderation/threads/{placemaking.id}/merge", data={"into": "999999"}).get_data(as_text=True)
    assert "There is no thread with that number that you can see" in body
    body = moderator.post(f"/forum/moderation/threads/{placemaking.id}/merge", data={"into": placemaking.id}).get_data(as_text=True)
    assert "Choose another thread to merge into." in body
    assert moderator.post(f"/forum/moderation/threads/{placemaking.id}/merge", data={"into": "ten"}).status_code == 400


def test_a_suspended_person_cannot_post_and_is_told_why_until_it_is_lifted(sign_in_as):
    torbay = person("rep@torbay.example.org")
    moderator = sign_in_as("moderator@example.org")
    response = moderator.post(f"/forum/moderation/people/{torbay.id}", data={"days": "7", "reason": "Repeated personal remarks."})
    assert response.status_code == 302 and _audited("forum.person_suspended", torbay.id)
    client = sign_in_as("rep@torbay.example.org")
    welcome = thread("Welcome to the forum")
    body = client.post(f"/forum/threads/{welcome.id}/reply", data={"body": "Hello"}).get_data(as_text=True)
    assert "You cannot post until" in body and "Repeated personal remarks." in body
    bad = moderator.post(f"/forum/moderation/people/{torbay.id}", data={"days": "0", "reason": ""}).get_data(as_text=True)
    assert "Enter a number of days from 1 to 365" in bad and "Say why" in bad
    from portal.forum.models import Suspension

    suspension = db.session.scalar(select(Suspension).where(Suspension.person_id == torbay.id, Suspension.lifted_at.is_(None)).order_by(Suspension.id.desc()))
    moderator.post(f"/forum/moderation/suspensions/{suspension.id}/lift")
    assert client.post(f"/forum/threads/{welcome.id}/reply", data={"body": "Hello"}).status_code == 302
    assert db.session.scalar(select(Post.id).where(Post.author_id == torbay.id, Post.body == "Hello"))
