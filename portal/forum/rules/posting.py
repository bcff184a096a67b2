"""Starting threads, replying, editing and removing posts, and the limits on posting.

Post numbers are claimed by one UPDATE of the thread's count, so replies that arrive
together take consecutive numbers; the limits are counted with the poster's row locked
(PostgreSQL) or under SQLite's write lock, so they hold when requests race.
"""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ... import audit
from ...auth.models import Person
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...i18n import format_datetime
from ..models import Mention, Post, Revision, Suspension, Thread, Watch
from . import follow, mentions, notify
from .access import SUBJECT_CATEGORIES


class Refused(Exception):
    """The post was not accepted; ``message`` says why, beside ``field``."""

    def __init__(self, message, field="body"):
        super().__init__(str(message))
        self.message = message
        self.field = field


def current_suspension(person, now=None):
    now = now or utcnow()
    return db.session.scalar(
        select(Suspension).where(Suspension.person_id == person.id, Suspension.lifted_at.is_(None), Suspension.ends_at > now)
        .order_by(Suspension.ends_at.desc()).limit(1)
    )


def check_may_post(person, now=None):
    """Refuse a suspended person, and anyone past their posting limit for the last hour."""
    now = now or utcnow()
    # Serialise this person's posts, so two at once cannot both slip under the limit.
    db.session.execute(select(Person.id).where(Person.id == person.id).with_for_update())
    suspension = current_suspension(person, now)
    if suspension is not None:
        raise Refused(_l("You cannot post until %(when)s. The moderators said: %(reason)s",
                         when=format_datetime(suspension.ends_at), reason=suspension.reason))
    config = current_app.config
    new = person.created_at > now - timedelta(days=config["FORUM_NEW_ACCOUNT_DAYS"])
    limit = config["FORUM_NEW_ACCOUNT_POSTS_PER_HOUR"] if new else config["FORUM_POSTS_PER_HOUR"]
    recent = db.session.scalar(
        select(func.count(Post.id)).where(Post.author_id == person.id, Post.created_at > now - timedelta(hours=1))
    )
    if recent >= limit:
        if new:
            raise Refused(_l("New accounts can post %(count)d times an hour. Please wait a while before posting again.", count=limit))
        raise Refused(_l("You can post %(count)d times an hour. Please wait a while before posting again.", count=limit))


def start_thread(category, person, title, body):
    check_may_post(person)
    now = utcnow()
    thread = Thread(category_id=category.id, title=title, author_id=person.id, created_at=now, last_post_at=now)
    db.session.add(thread)
    db.session.flush()
    _add_post(thread, person, body, now)
    return thread


def reply(thread, person, body):
    check_may_post(person)
    return _add_post(thread, person, body, utcnow())


def discuss(subject_kind, subject_id, title, person, body):
    """Post in the discussion of a lab, proposal or decision, starting it with the first post."""
    from .categories import system_category

    check_may_post(person)
    now = utcnow()
    category = system_category(SUBJECT_CATEGORIES[subject_kind])
    # Two first posts at once: one makes the thread, both post in it.
    insert_ignoring_duplicates(Thread, {
        "category_id": category.id, "title": title[:200], "author_id": person.id, "created_at": now, "last_post_at": now,
        "subject_kind": subject_kind, "subject_id": subject_id, "post_count": 0, "pinned": False, "locked": False,
    })
    thread = db.session.scalar(select(Thread).where(Thread.subject_kind == subject_kind, Thread.subject_id == subject_id))
    if thread.locked and not person.has_role("moderator", "secretariat", "admin"):
        raise Refused(_l("This discussion is closed to new posts."))
    return _add_post(thread, person, body, now)


def _add_post(thread, person, body, now):
    number = db.session.execute(
        update(Thread).where(Thread.id == thread.id)
        .values(post_count=Thread.post_count + 1, last_post_at=now)
        .returning(Thread.post_count)
    ).scalar_one()
    post = Post(thread_id=thread.id, number=number, author_id=person.id, body=body, created_at=now)
    db.session.add(post)
    db.session.flush()
    db.session.refresh(thread)
    post.thread = thread
    # Those who post track the thread from then on, unless they chose otherwise (or follow it more closely).
    if follow.levels(person, [thread]).get(thread.id) == follow.DEFAULT:
        insert_ignoring_duplicates(Watch, {"person_id": person.id, "thread_id": thread.id, "level": "tracking"})
    told = _record_mentions(post)
    notify.new_post(post, already_told=told)
    return post


def _record_mentions(post):
    """Record who the post names for the first time, tell them, and return them."""
    told = set()
    for person in mentions.mentioned(post.body):
        if person.id == post.author_id:
            continue
        if insert_ignoring_duplicates(Mention, {"post_id": post.id, "person_id": person.id}):
            if notify.mentioned(post, person):
                told.add(person.id)
    return told


def edit(post, person, body):
    if body == post.body:
        return False
    db.session.add(Revision(post_id=post.id, body=post.body, replaced_at=utcnow(), replaced_by_id=person.id))
    post.body, post.edited_at = body, utcnow()
    db.session.flush()
    if person.id != post.author_id:
        audit.record("forum.post_edited_by_moderator", post, actor=person, detail={"thread_id": post.thread_id})
    _record_mentions(post)
    return True


def remove(post, person):
    """The author takes a post down: "post removed" stays in its place."""
    post.state = "removed"
    audit.record("forum.post_removed", post, actor=person, detail={"thread_id": post.thread_id})
