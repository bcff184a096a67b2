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
