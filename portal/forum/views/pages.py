"""A page of a thread's posts, loaded and drawn once for each version of the thread and kept.

Each worker keeps, under the thread's posts stamp (see stamps.py), what the post rules read
of each post on a page: its id, number, author, state and when it was edited. The reader's
answers for each post (``post_actions``) are asked of those, and the cards, as drawn for
readers with the same answers, are kept under the stamp and the answers. Only when one is
not kept are the posts loaded with their authors. A moderator's cards carry forms with the
moderator's own token, so they are drawn for each moderator's page afresh.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...core.cache import kept, page_key
from ...extensions import db
from ..models import Post, Thread
from ..permissions import post_actions

# Characters of drawn pages of posts each worker keeps: a page of fifty posts is 60,000 or so.
PAGES_KEPT = 6_000_000
# Posts, as the rules see them, each worker keeps the rows of (a few hundred pages' worth).
ROWS_KEPT = 20_000


@dataclass(slots=True)
class PostAsAsked:
    """A post as the post rules read it, from a kept row: what ``post_actions`` asks of."""

    id: int
    number: int
    author_id: int | None
    state: str
    edited_at: datetime | None
    thread: Thread

    @property
    def thread_id(self):
        return self.thread.id


def page_of_posts(thread, first, count, moderate):
    """The posts numbered from ``first`` (at most ``count``) as the rules see them, and their
    cards drawn for the signed-in reader (who moderates if ``moderate``), in order."""
    loaded = {}  # the posts, if this request had to load them for their rows
    rows = kept("thread page rows", ROWS_KEPT, weigh=len).get(
        ("rows", thread.id, first, count, thread.posts_stamp), lambda: _rows(loaded, thread, first, count))
    posts = [PostAsAsked(*row, thread) for row in rows]

    def draw():
        return _draw(loaded["posts"] if "posts" in loaded else _load(thread, first, count), thread, moderate)

    if moderate:
        return posts, draw()
    answers = tuple(post_actions(post, thread) for post in posts) if current_user.is_authenticated else None
    return posts, kept("thread pages", PAGES_KEPT).get(page_key("posts", thread.id, first, count, thread.posts_stamp, answers), draw)


def _load(thread, first, count):
    # The LIMIT changes no answer (a range of ``count`` numbers holds at most ``count`` posts),
    # but tells PostgreSQL so: without it, it guessed hundreds of rows and read every person
    # to join the authors (6 ms a page at scale 1, against 1 ms).
    return db.session.scalars(
        select(Post).where(Post.thread_id == thread.id, Post.number.between(first, first + count - 1))
        .options(joinedload(Post.author)).order_by(Post.number).limit(count)
    ).all()


def _rows(loaded, thread, first, count):
    loaded["posts"] = _load(thread, first, count)
    return tuple((post.id, post.number, post.author_id, post.state, post.edited_at) for post in loaded["posts"])


def _draw(posts, thread, moderate):
    """Each post's card, as the thread's page draws it (``post_card`` in forum/_macros.html)."""
    context = {}
    current_app.update_template_context(context)
    macros = current_app.jinja_env.get_template("forum/_macros.html").make_module(context)
    return tuple(macros.post_card(post, thread, moderate) for post in posts)
