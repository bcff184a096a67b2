"""Flags and what moderators do: hide and restore posts, pin, lock, move and merge threads,
and suspend people from posting. Every moderator's act is in the audit log."""

from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update

from ... import audit
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ..models import Flag, Post, Suspension, Thread
from .posting import Refused


def flag(post, person, reason, note=""):
    """Flag ``post``; True when this person had not flagged it before. Enough flags from
    different people hide it until a moderator decides."""
    # Lock the post so that flags arriving together are counted one after another.
    db.session.execute(select(Post.id).where(Post.id == post.id).with_for_update())
    added = insert_ignoring_duplicates(Flag, {"post_id": post.id, "person_id": person.id, "reason": reason, "note": note, "created_at": utcnow()})
    if not added:
        return False
    waiting = db.session.scalar(select(func.count(Flag.id)).where(Flag.post_id == post.id, Flag.resolved_at.is_(None)))
    db.session.refresh(post)
    if waiting >= current_app.config["FORUM_FLAGS_TO_HIDE"] and post.state == "visible":
        post.state, post.hidden_because = "hidden", "flags"
        audit.record("forum.post_hidden_by_flags", post, actor=person, detail={"thread_id": post.thread_id, "flags": waiting})
    return True


def _resolve_flags(post, by, outcome):
    db.session.execute(
        update(Flag).where(Flag.post_id == post.id, Flag.resolved_at.is_(None))
        .values(resolved_at=utcnow(), resolved_by_id=by.id, outcome=outcome)
    )


def hide(post, by, note=""):
    post.state, post.hidden_because = "hidden", "moderator"
    _resolve_flags(post, by, "hidden")
    audit.record("forum.post_hidden", post, actor=by, detail={"thread_id": post.thread_id, "note": note})


def restore(post, by):
    if post.state == "hidden":
        post.state, post.hidden_because = "visible", None
    _resolve_flags(post, by, "restored")
    audit.record("forum.post_restored", post, actor=by, detail={"thread_id": post.thread_id})


def set_pinned(thread, pinned, by):
    thread.pinned = pinned
    audit.record("forum.thread_pinned" if pinned else "forum.thread_unpinned", thread, actor=by)


def set_locked(thread, locked, by):
    thread.locked = locked
    audit.record("forum.thread_locked" if locked else "forum.thread_unlocked", thread, actor=by)


def move(thread, category, by):
    if thread.subject_kind is not None:
        raise Refused(_l("This thread is the discussion of a page, so it stays in its category."), "category_id")
    before = thread.category_id
    thread.category_id = category.id
    audit.record("forum.thread_moved", thread, actor=by, detail={"from": before, "to": category.id})


def merge(thread, into, by):
    """Put ``thread``'s posts after ``into``'s, in the order they were written; the old
    address sends readers on."""
    if into.id == thread.id or into.merged_into_id is not None:
        raise Refused(_l("Choose another thread to merge into."), "into")
    if thread.subject_kind is not None:
        raise Refused(_l("This thread is the discussion of a page, so it cannot be merged away."), "into")
    # Claim the numbers in one step, so replies arriving meanwhile cannot take them.
    count = db.session.scalar(select(func.count(Post.id)).where(Post.thread_id == thread.id))
    start = db.session.execute(
        update(Thread).where(Thread.id == into.id).values(post_count=Thread.post_count + count).returning(Thread.post_count)
    ).scalar_one() - count
    posts = db.session.scalars(select(Post).where(Post.thread_id == thread.id).order_by(Post.number)).all()
    for offset, post in enumerate(posts, start=1):
        post.thread_id, post.number = into.id, start + offset
    last = max((post.created_at for post in posts), default=into.last_post_at)
    db.session.execute(update(Thread).where(Thread.id == into.id, Thread.last_post_at < last).values(last_post_at=last))
    thread.merged_into_id, thread.post_count = into.id, 0
    db.session.flush()
    audit.record("forum.thread_merged", thread, actor=by, detail={"into": into.id, "posts": count})


def suspend(person, days, reason, by):
    now = utcnow()
    suspension = Suspension(person_id=person.id, starts_at=now, ends_at=now + timedelta(days=days), reason=reason, by_id=by.id)
    db.session.add(suspension)
    db.session.flush()
    audit.record("forum.person_suspended", person, actor=by, detail={"days": days, "reason": reason, "suspension_id": suspension.id})
    return suspension


def lift(suspension, by):
    suspension.lifted_at = utcnow()
    audit.record("forum.suspension_lifted", suspension, actor=by, detail={"person_id": suspension.person_id})


def record_of(person_ids):
    """{person id: (posts, hidden posts, suspensions)} for the moderators' queue, in three queries."""
    def counts(statement):
        return dict(db.session.execute(statement).all())

    posts = counts(select(Post.author_id, func.count(Post.id)).where(Post.author_id.in_(person_ids)).group_by(Post.author_id))
    hidden = counts(select(Post.author_id, func.count(Post.id)).where(Post.author_id.in_(person_ids), Post.state == "hidden").group_by(Post.author_id))
    suspended = counts(select(Suspension.person_id, func.count(Suspension.id)).where(Suspension.person_id.in_(person_ids)).group_by(Suspension.person_id))
    return {pid: (posts.get(pid, 0), hidden.get(pid, 0), suspended.get(pid, 0)) for pid in person_ids}
