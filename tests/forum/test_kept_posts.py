"""A post's header, words and each reader's actions are drawn once and kept (portal/core/cache.py):
every change must show at once on a page already seen, and each reader keeps their own actions."""

import html
import re

from sqlalchemy import event, select

from portal.extensions import db
from portal.forum.models import Post
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
    """The thread page asks the rules once for each kind of post its reader did not write, of
    the posts as it keeps them: for every demo thread, reader and kind of post, that answers as
    asking for the post alone."""
    from datetime import timedelta

    from flask_login import login_user

    from portal.db import utcnow
    from portal.forum.models import Post, Thread
    from portal.forum.permissions import post_actions
    from portal.forum.rules import access
    from portal.forum.views.pages import PostAsAsked

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
                # As the page asks them: of the posts as kept (views/pages.py), not of the posts loaded.
                together = [post_actions(PostAsAsked(post.id, post.number, post.author_id, post.state, post.edited_at, each),
                                         each, moderate) for post in thread_posts]
            for post, answer in zip(thread_posts, together):
                with app.app_context(), app.test_request_context("/"):
                    login_user(reader)
                    assert post_actions(post, each, moderate) == answer, (each.title, post.number, reader.email)
                compared += 1
    assert compared > 90


class _Statements:
    """The statements sent to the database inside the block."""

    def __enter__(self):
        self.sent = []
        event.listen(db.engine, "before_cursor_execute", self._see)
        return self

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._see)

    def _see(self, connection, cursor, statement, *args):
        self.sent.append(statement)

    def on(self, table):
        return [statement for statement in self.sent if re.search(rf'\bFROM "?{table}"?\b', statement)]


def test_a_page_of_posts_already_seen_is_not_loaded_again_for_a_reader_with_the_same_answers(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    path = f"/forum/threads/{placemaking.id}"
    first_reader, second_reader = sign_in_as("rep@preston.example.org"), sign_in_as("rep@wmca.example.org")
    seen = _page(first_reader, path)
    with _Statements() as statements:
        again = _page(second_reader, path)
    assert statements.sent and not statements.on("forum_post")  # the page was asked of, but its posts not loaded
    assert [_card(again, n) for n in range(1, 5)] == [_card(seen, n) for n in range(1, 5)]
    # The author of the first post is answered for each of their own posts: their own cards.
    mine = _page(sign_in_as("rep@stevenage.example.org"), path)
    assert f'/forum/posts/{posts(placemaking)[0].id}/edit"' in _card(mine, 1)
    assert "/edit" not in _card(again, 1)


def test_replies_removals_flags_and_restoring_show_at_once_on_a_thread_already_seen(sign_in_as):
    procurement = thread("Social value weightings")
    path = f"/forum/threads/{procurement.id}"
    reader = sign_in_as("rep@oxford.example.org")
    first, _second, advert = posts(procurement)[:3]
    assert "Day rates on request" in _card(_page(reader, path), 3)

    sign_in_as("rep@torbay.example.org").post(f"/forum/posts/{advert.id}/flag", data={"reason": "spam"})
    assert "This post is hidden while the moderators look at it." in _card(_page(reader, path), 3)
    sign_in_as("moderator@example.org").post(f"/forum/moderation/posts/{advert.id}/restore")
    assert "Day rates on request" in _card(_page(reader, path), 3)

    author = sign_in_as("rep@preston.example.org")
    author.post(f"{path}/reply", data={"body": "Thank you all: we will publish our scoring guide with the tender."})
    number = posts(procurement)[-1].number
    assert "we will publish our scoring guide" in _card(_page(reader, path), number)
    author.post(f"/forum/posts/{first.id}/remove")
    card = _card(_page(reader, path), 1)
    assert "Post removed by its author." in card and "refreshing our social value policy" not in card


def test_a_merge_and_leaving_an_organisation_show_at_once_on_a_thread_already_seen(sign_in_as):
    placemaking, procurement = thread("Co-operative placemaking"), thread("Social value weightings")
    path = f"/forum/threads/{placemaking.id}"
    reader = sign_in_as("rep@oxford.example.org")
    before = _page(reader, path)
    assert "Torbay Council" in _card(before, 3) and "refreshing our social value policy" not in before
    joins_at = placemaking.post_count + 1

    sign_in_as("moderator@example.org").post(f"/forum/moderation/threads/{procurement.id}/merge", data={"into": placemaking.id})
    assert "refreshing our social value policy" in _card(_page(reader, path), joins_at)

    torbay = person("rep@torbay.example.org")
    sign_in_as("secretariat@example.org").post(f"/members/{torbay.member_id}/people/{torbay.id}/remove")
    assert person("rep@torbay.example.org").member_id is None
    card = _card(_page(reader, path), 3)
    assert torbay.name in card and "Torbay Council" not in card


def test_a_discussion_already_seen_on_a_lab_page_shows_a_reply_a_hidden_post_and_an_erased_name_at_once(sign_in_as, client):
    from portal.labs.models import Lab

    lab = db.session.scalar(select(Lab).where(Lab.title.like("Growing an Inclusive%")))
    path = f"/labs/{lab.id}"
    question = db.session.scalar(select(Post).where(Post.body.like("%How much officer time%")))
    author = question.author
    seen = _page(client, path)
    assert "How much officer time" in seen and author.name in seen

    sign_in_as("rep@torbay.example.org").post(f"/forum/discuss/lab/{lab.id}", data={"body": "Torbay would join a second phase."})
    assert "Torbay would join a second phase." in _page(client, path)
    sign_in_as("moderator@example.org").post(f"/forum/moderation/posts/{question.id}/hide")
    shown = _page(client, path)
    assert "This post was hidden by a moderator." in shown and "How much officer time" not in shown

    name = author.name
    privacy.erase(author, by=person("secretariat@example.org"))
    db.session.commit()
    shown = _page(client, path)
    assert name not in shown and f"Former user {author.id}" in shown


def test_the_kept_category_list_shows_a_new_post_at_once_and_only_the_readers_own_categories(sign_in_as):
    placemaking = thread("Co-operative placemaking")
    reader = sign_in_as("rep@oxford.example.org")

    def row(client, name):
        page = _page(client, "/forum/")
        found = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{re.escape(name)}.*?</tr>", page, re.S)
        return found and re.findall(r"numeric\">(\d+)<", found.group(0))

    threads, posts_before = row(reader, "Sharing learning")
    sign_in_as("rep@preston.example.org").post(f"/forum/threads/{placemaking.id}/reply", data={"body": "Preston agrees."})
    assert row(reader, "Sharing learning") == [threads, str(int(posts_before) + 1)]
    secretariat_rows = _page(sign_in_as("secretariat@example.org"), "/forum/").count("<tr")
    assert _page(reader, "/forum/").count("<tr") < secretariat_rows  # the groups' categories the reader is not in are not listed
