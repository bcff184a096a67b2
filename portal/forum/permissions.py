"""Route rules for the forum, built on the one place that decides (rules/access.py)."""

from functools import cache
from typing import NamedTuple

from flask_login import current_user
from sqlalchemy.orm import joinedload

from ..auth.access import Rule, allowed, ask
from ..core.cache import per_request
from ..extensions import db
from .models import Category, Post, Thread
from .rules import access

@cache
def _loading():
    """Who may read a thread depends on its category and the category's group, so they are
    loaded with it. Made once, when first asked (on import it would configure the mappers
    before every model is imported)."""
    group = joinedload(Category.group)
    category = joinedload(Thread.category).options(group)
    return {"category": (group,), "thread": (category,), "post": (joinedload(Post.thread).options(category),)}


def _category(values):
    return per_request(("forum category", values.get("category_id")),
                       lambda: db.session.get(Category, values.get("category_id"), options=_loading()["category"]))


def _thread(values):
    return per_request(("forum thread", values.get("thread_id")),
                       lambda: db.session.get(Thread, values.get("thread_id"), options=_loading()["thread"]))


thread_of = _thread


def _post(values):
    return per_request(("forum post", values.get("post_id")),
                       lambda: db.session.get(Post, values.get("post_id"), options=_loading()["post"]))


def _sees_category(person, values):
    category = _category(values)
    return category is None or access.can_see_category(person, category)


def _starts_thread(person, values):
    category = _category(values)
    return category is None or access.may_start_thread(person, category)


def _reads_thread(person, values):
    # The thread page's first question: the thread is loaded by the statement that answers it.
    thread = per_request(("forum thread", values.get("thread_id")), lambda: access.load_and_ask_can_read(
        person, values.get("thread_id"), _loading()["thread"]))
    return thread is None or access.can_read(person, thread)


def _replies(person, values):
    thread = _thread(values)
    return thread is None or access.may_reply(person, thread)


def _reads_post(person, values):
    post = _post(values)
    return post is None or access.can_read(person, post.thread)


def _edits_post(person, values):
    post = _post(values)
    return post is None or access.may_edit(person, post)


def _removes_post(person, values):
    post = _post(values)
    return post is None or (post.author_id == getattr(person, "id", None) and post.state == "visible")


def _sees_history(person, values):
    post = _post(values)
    return post is None or access.may_see_history(person, post)


def _moderates(person, values):
    return access.is_moderator(person)


SEE_CATEGORY = Rule("anyone for public categories; people signed in; a group's people for its own", _sees_category, needs_sign_in=False)
START_THREAD = Rule("those who may write in the category (the secretariat for announcements)", _starts_thread)
READ_THREAD = Rule("whoever may read the thread", _reads_thread, needs_sign_in=False)
REPLY = Rule("whoever may write in the thread, unless it is locked", _replies)
READ_POST = Rule("whoever may read the post's thread", _reads_post, needs_sign_in=False)
FOLLOW_THREAD = Rule("whoever may read the thread, signed in", _reads_thread)
FOLLOW_CATEGORY = Rule("whoever may read the category, signed in", _sees_category)
FLAG_POST = Rule("whoever may read the post, signed in", _reads_post)
EDIT_POST = Rule("the post's author, or a moderator", _edits_post)
REMOVE_POST = Rule("the post's author", _removes_post)
SEE_HISTORY = Rule("the post's author, or a moderator", _sees_history)
MODERATE = Rule("moderators and the secretariat", _moderates)


class PostActions(NamedTuple):
    quote: bool
    edit: bool
    remove: bool
    history: bool
    flag: bool
    moderate: bool


def post_actions(post, thread, moderate=False):
    """What the signed-in reader may do with ``post``: each answer is the rule of the page the
    action leads to. The post, already loaded by the page, is lent to those rules.

    The rules answer alike for every post of one kind that the reader did not write: whatever
    else is true of it, only its state and whether it was edited weigh for someone who is not
    its author. So they are asked once a page for each such kind, and afresh for each of the
    reader's own posts (a test compares this with the rules asked of every post)."""
    person = current_user._get_current_object()
    if post.author_id == person.id:
        return _ask_actions(person, post, thread, moderate)
    kind = ("forum post actions", thread.id, post.state, post.edited_at is not None, bool(moderate))
    return per_request(kind, lambda: _ask_actions(person, post, thread, moderate))


def _ask_actions(person, post, thread, moderate):
    per_request(("forum post", post.id), lambda: post)
    values = {"post_id": post.id}
    return PostActions(
        quote=post.state == "visible" and allowed("forum_writing.reply", thread_id=thread.id),
        edit=ask(person, "forum_writing.edit", values),
        remove=ask(person, "forum_writing.remove", values),
        history=post.edited_at is not None and ask(person, "forum_writing.history", values),
        flag=post.state == "visible" and post.author_id != person.id,
        moderate=bool(moderate),
    )


def card_key(post, thread, heading, is_moderator):
    """All that a post's card shows (for ``kept_html``): made here rather than in the template,
    where each of its dozen attributes cost Jinja's lookup, fifty times a page."""
    author = post.author
    member = author.member if author is not None else None
    return ("post", post.id, post.number, thread.id, heading, post.state, post.hidden_because, post.created_at,
            post.edited_at, post.body, author.name if author is not None else None,
            member.name if member is not None else None, bool(is_moderator and post.state == "hidden"))
