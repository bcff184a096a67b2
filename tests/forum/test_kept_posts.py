"""A post's header, words and each reader's actions are drawn once and kept (portal/core/cache.py):
every change must show at once on a page already seen, and each reader keeps their own actions."""

import html
import re

from sqlalchemy import select

from portal.extensions import db
from portal.membership.models import Member
from portal.privacy import rules as privacy

from ..conftest import person
from .helpers import posts, thread


def _page(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _card(page, number):
    """The article of post ``number`` on the page."""
    found = re.search(rf'<article[^>]*id="post-{number}".*?</article>', page, re.S)
    assert found, f"post {number} is not on the page"
    return found.group(0)


def test_edits_hiding_and_names_show_at_once_on_a_thread_already_seen(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    first, second = posts(placemaking)[:2]
    path = f"/forum/threads/{placemaking.id}"
    reader = sign_in_as("rep@preston.example.org")
    seen = _page(reader, path)
    assert "Stevenage has been trying" in _card(seen, 1) and "edited" not in _card(seen, 1)
    words = second.body.split()[0]
    assert words in _card(seen, 2)

    sign_in_as("rep@stevenage.example.org").post(f"/forum/posts/{first.id}/edit", data={"body": "Paying for an organiser first made the difference."})
    card = _card(_page(reader, path), 1)
    assert "Paying for an organiser" in card and "Stevenage has been trying" not in card and "edited" in card

    sign_in_as("moderator@example.org").post(f"/forum/moderation/posts/{second.id}/hide")
    card = _card(_page(reader, path), 2)
    assert "This post was hidden by a moderator." in card and second.body not in card

    stevenage = db.session.scalar(select(Member).where(Member.name == "Stevenage Borough Council"))
    stevenage.name = "Stevenage Borough Council (Co-operative Neighbourhoods)"
    db.session.commit()
    assert "Stevenage Borough Council (Co-operative Neighbourhoods)" in _card(_page(reader, path), 1)

    author = person("rep@stevenage.example.org")
    name = author.name
    privacy.erase(author, by=person("secretariat@example.org"))
    db.session.commit()
    card = _card(_page(reader, path), 1)
    assert name not in card and f"Former user {author.id}" in card


def test_each_reader_keeps_their_own_actions(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    first = posts(placemaking)[0]  # Stevenage's
    path = f"/forum/threads/{placemaking.id}"
    author, reader = sign_in_as("rep@stevenage.example.org"), sign_in_as("rep@preston.example.org")
    edit = f'href="/forum/posts/{first.id}/edit"'
    flag = f'href="/forum/posts/{first.id}/flag"'
    quote = f"quote={first.id}"
    for _ in range(2):  # drawn, then kept: the same answers
        mine, theirs = _card(_page(author, path), 1), _card(_page(reader, path), 1)
        assert edit in mine and flag not in mine and quote in mine
        assert edit not in theirs and flag in theirs and quote in theirs

    sign_in_as("moderator@example.org").post(f"/forum/moderation/threads/{placemaking.id}/lock")
    mine, theirs = _card(_page(author, path), 1), _card(_page(reader, path), 1)
    assert quote not in mine and quote not in theirs and edit not in mine  # locked: nobody but moderators writes
    assert flag in theirs

    moderating = _card(_page(sign_in_as("moderator@example.org"), path), 1)
    assert f"/forum/moderation/posts/{first.id}/hide" in moderating and 'name="csrf_token"' in moderating


def test_a_welsh_reader_gets_the_post_in_welsh_after_an_english_one(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    path = f"/forum/threads/{placemaking.id}"
    assert "Post 1<" in _card(_page(sign_in_as("rep@preston.example.org"), path), 1)
    welsh = _card(_page(sign_in_as("cynrychiolydd@cardiff.example.org"), path), 1)
    assert "Post 1<" not in welsh and "Neges 1<" in welsh


def test_the_follow_form_shows_each_readers_own_level(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    path = f"/forum/threads/{placemaking.id}"
    reader, other = sign_in_as("rep@preston.example.org"), sign_in_as("rep@torbay.example.org")
    checked = re.compile(r'<input[^>]*value="(\w+)"[^>]*checked|<input[^>]*checked[^>]*value="(\w+)"')

    def level(client):
        return [a or b for a, b in checked.findall(_page(client, path))]

    mine, theirs = level(reader), level(other)
    assert len(mine) == len(theirs) == 1 and mine != ["watching"]
    reader.post(f"{path}/notifications", data={"level": "watching"})
    assert level(reader) == ["watching"] and level(other) == theirs


def test_a_pages_answers_for_each_post_are_the_rules_asked_of_that_post_alone(app):
    """The thread page asks the rules once for each kind of post its reader did not write:
    for every demo thread, reader and kind of post, that answers as asking for the post alone."""
    from datetime import timedelta

    from flask_login import login_user

    from portal.db import utcnow
    from portal.forum.models import Post, Thread
    from portal.forum.permissions import post_actions
    from portal.forum.rules import access

    placemaking = thread("Co-operative placemaking")
    first, second, third = posts(placemaking)[:3]
    first.edited_at = utcnow() - timedelta(minutes=5)
    second.state, second.hidden_because = "hidden", "moderator"
    third.state = "removed"
    db.session.commit()
    readers = [person(email) for email in (
        "rep@stevenage.example.org", "rep@preston.example.org", "moderator@example.org",
        "secretariat@example.org", "officer@stevenage.example.org", "cynrychiolydd@cardiff.example.org")]
    authors = {post.author_id for post in db.session.scalars(select(Post))}
    assert authors & {reader.id for reader in readers}, "some readers must have written posts"
    compared = 0
    for each in db.session.scalars(select(Thread).where(Thread.merged_into_id.is_(None))).all():
        thread_posts = posts(each)
        for reader in readers:
            moderate = access.is_moderator(reader)
            # A context of its own for each page and each post: what a request keeps is kept in g.
            with app.app_context(), app.test_request_context("/"):
                login_user(reader)
                together = [post_actions(post, each, moderate) for post in thread_posts]
            for post, answer in zip(thread_posts, together):
                with app.app_context(), app.test_request_context("/"):
                    login_user(reader)
                    assert post_actions(post, each, moderate) == answer, (each.title, post.number, reader.email)
                compared += 1
    assert compared > 90
