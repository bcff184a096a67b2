"""Group-private and proposal discussions never reach anyone else: not in pages, lists,
counts, search, emails, digests or the feed."""

from sqlalchemy import delete, select

from portal.extensions import db
from portal.forum.rules import follow
from portal.notifications.kinds import DIGEST
from portal.notifications.models import Notification
from portal.notifications.rules import set_choices
from portal.groups.models import GroupMember
from portal.labs.models import Lab

from ..conftest import outbox, person
from .helpers import category, group_category, page, thread

SEED = "Growing an Inclusive"
SECRET = "Case study authors"


def test_a_groups_thread_is_refused_to_people_outside_the_group(sign_in_as, client):
    private = thread("Case study drafts")
    assert client.get(f"/forum/threads/{private.id}").status_code == 302
    assert sign_in_as("rep@kirklees.example.org").get(f"/forum/threads/{private.id}").status_code == 403
    assert sign_in_as("rep@kirklees.example.org").get(f"/forum/categories/{private.category_id}").status_code == 403
    assert SECRET in page(sign_in_as("rep@torbay.example.org"), f"/forum/threads/{private.id}")[1]
    assert SECRET in page(sign_in_as("secretariat@example.org"), f"/forum/threads/{private.id}")[1]


def test_the_forum_index_lists_and_counts_only_what_each_person_may_read(sign_in_as, client):
    anonymous = page(client, "/forum/")[1]
    assert "Sharing learning" in anonymous and "Community wealth building" not in anonymous
    assert f"{SEED} Cooperative Economy: steering group" not in anonymous
    outsider = page(sign_in_as("rep@kirklees.example.org"), "/forum/")[1]
    assert "Community wealth building" in outsider and "steering group" not in outsider
    insider = page(sign_in_as("rep@torbay.example.org"), "/forum/")[1]
    assert f"{SEED} Cooperative Economy: steering group" in insider


def test_search_finds_private_words_only_for_those_who_may_read_them(sign_in_as, client):
    for who in ("rep@kirklees.example.org", None):
        viewer = sign_in_as(who) if who else client
        body = page(viewer, "/forum/search?q=collate+drafts")[1]
        assert "0 posts found" in body and SECRET not in body
    assert SECRET in page(sign_in_as("rep@torbay.example.org"), "/forum/search?q=collate+drafts")[1]


def test_nobody_outside_the_group_is_emailed_its_posts_even_if_they_once_watched(sign_in_as):
    torbay = person("rep@torbay.example.org")
    private_category = group_category(SEED)
    private = thread("Case study drafts")
    follow.set_level(torbay, "watching", thread=private)
    chair = sign_in_as("chair@oxford.example.org")
    chair.post(f"/forum/threads/{private.id}/reply", data={"body": "Reminder: drafts by Friday."})
    assert len(outbox("forum_post", to=torbay.email)) == 1  # while in the group
    db.session.execute(delete(GroupMember).where(GroupMember.person_id == torbay.id, GroupMember.group_id == private_category.group_id))
    db.session.flush()
    chair.post(f"/forum/threads/{private.id}/reply", data={"body": "Second reminder."})
    assert len(outbox("forum_post", to=torbay.email)) == 1  # nothing after leaving it
    set_choices(torbay, {"forum": DIGEST})
    chair.post(f"/forum/threads/{private.id}/reply", data={"body": "Third reminder."})
    assert db.session.scalars(select(Notification.subject).where(Notification.person_id == torbay.id, Notification.kind == "forum_post")).all() == [
        "New post in “Case study drafts: due Friday”"]  # the first, while in the group; none for the digest


def test_the_public_feed_holds_public_posts_only(client):
    feed = client.get("/forum/feed.atom")
    assert feed.mimetype == "application/atom+xml"
    body = feed.get_data(as_text=True)
    assert "Co-operative placemaking" in body and "How much officer time" in body
    assert SECRET not in body and "Social value weightings" not in body and "Gofal cymdeithasol" not in body


def test_a_proposals_discussion_stays_with_its_people(sign_in_as):
    lab = db.session.scalar(select(Lab).where(Lab.title.like(f"{SEED}%")))
    lead = sign_in_as("rep@oxford.example.org")
    assert lead.post(f"/forum/discuss/proposal/{lab.id}", data={"body": "A confidential note about our match funding."}).status_code == 302
    proposals = category("Proposals")
    outsider = sign_in_as("rep@kirklees.example.org")
    assert outsider.post(f"/forum/discuss/proposal/{lab.id}", data={"body": "Let me in"}).status_code == 403
    assert "confidential note" not in page(outsider, f"/forum/categories/{proposals.id}")[1]
    assert "confidential note" not in page(outsider, "/forum/search?q=confidential")[1]
    assert "about our match funding" in page(lead, "/forum/search?q=confidential")[1]
    assert "confidential note" in page(lead, f"/proposals/{lab.id}")[1]
    assert "confidential note" not in page(outsider, f"/labs/{lab.id}")[1]


def test_the_thread_pages_one_statement_answers_as_can_read_does_for_everyone(app):
    """The thread page loads a thread by the statement that asks whether one may read it, and
    keeps that answer (and, when readable, that the category is visible): it must agree with
    can_read and can_see_category asked afresh, for every thread and every kind of person."""
    from flask import g

    from portal.auth.models import Anonymous
    from portal.forum.models import Thread
    from portal.forum.rules import access

    people = [Anonymous()] + [person(email) for email in (
        "rep@kirklees.example.org", "rep@torbay.example.org", "chair@oxford.example.org", "secretariat@example.org")]
    threads = db.session.scalars(select(Thread)).all()
    answers = set()
    with app.test_request_context():
        for who in people:
            for each in threads:
                g.pop("_loaded", None)
                loaded = access.load_and_ask_can_read(who, each.id)
                kept = (access.can_read(who, loaded), access.can_see_category(who, loaded.category))
                g.pop("_loaded", None)
                assert kept == (access.can_read(who, each), access.can_see_category(who, each.category)), (who, each.title)
                answers.add(kept[0])
        assert access.load_and_ask_can_read(people[1], -1) is None
    assert answers == {True, False}  # both answers were met
