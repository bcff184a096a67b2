"""What each person follows: watching (a message per post, emailed at once, in the daily
digest or on the portal only, as they chose for forum messages), tracking (unread counts),
normal (a mark when there is something new), muted (nothing, not even mentions). A thread's
own setting wins over its category's; those who post in a thread track it."""

from itsdangerous import BadSignature, URLSafeSerializer
from flask import current_app
from sqlalchemy import or_, select, update

from ...db import insert_ignoring_duplicates
from ...extensions import db
from ...notifications.kinds import PORTAL
from ...notifications.rules import set_choices
from ..models import LEVELS, Watch

DEFAULT = "normal"


def levels(person, threads):
    """{thread id: the person's level for it} for ``threads``, in one query."""
    if not getattr(person, "is_authenticated", False) or not threads:
        return {}
    thread_ids = {thread.id for thread in threads}
    category_ids = {thread.category_id for thread in threads}
    rows = db.session.execute(
        select(Watch.thread_id, Watch.category_id, Watch.level).where(
            Watch.person_id == person.id, or_(Watch.thread_id.in_(thread_ids), Watch.category_id.in_(category_ids))
        )
    ).all()
    by_thread = {t: level for t, c, level in rows if t is not None}
    by_category = {c: level for t, c, level in rows if c is not None}
    return {thread.id: by_thread.get(thread.id) or by_category.get(thread.category_id) or DEFAULT for thread in threads}


def category_level(person, category):
    level = db.session.scalar(select(Watch.level).where(Watch.person_id == person.id, Watch.category_id == category.id))
    return level or DEFAULT


def watchers(thread):
    """{person id: (level, "thread" or "category")} for everyone with a setting that reaches
    ``thread``: the thread's own setting wins."""
    rows = db.session.execute(
        select(Watch.person_id, Watch.thread_id, Watch.level).where(
            or_(Watch.thread_id == thread.id, Watch.category_id == thread.category_id)
        )
    ).all()
    found = {}
    for person_id, thread_id, level in sorted(rows, key=lambda row: row[1] is not None):  # the thread's own last
        found[person_id] = (level, "thread" if thread_id is not None else "category")
    return found


def set_level(person, level, *, thread=None, category=None):
    assert level in LEVELS and (thread is None) != (category is None)
    column, value = (Watch.thread_id, thread.id) if thread is not None else (Watch.category_id, category.id)
    changed = db.session.execute(update(Watch).where(Watch.person_id == person.id, column == value).values(level=level)).rowcount
    if not changed:
        insert_ignoring_duplicates(Watch, {"person_id": person.id, column.key: value, "level": level})


# One-click unsubscribe: a signed note of who and what, in every forum email.

def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="forum-unsubscribe")


def unsubscribe_token(person, what, thing_id=None):
    """``what`` is "thread", "category", "mute" (a thread) or "all"."""
    return _serializer().dumps([person.id, what, thing_id])


def read_unsubscribe_token(token):
    try:
        person_id, what, thing_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if what not in ("thread", "category", "mute", "all"):
        return None
    return person_id, what, thing_id


def unsubscribe(person, what, thing):
    """Stop the emails: a thread or category goes back to tracking, "mute" silences a thread,
    "all" ends every watch and keeps forum messages (mentions too) on the portal only."""
    if what == "mute":
        set_level(person, "muted", thread=thing)
    elif what == "thread":
        set_level(person, "tracking", thread=thing)
    elif what == "category":
        set_level(person, "tracking", category=thing)
    else:
        set_choices(person, {"forum": PORTAL})
        db.session.execute(update(Watch).where(Watch.person_id == person.id, Watch.level == "watching").values(level="tracking"))
