"""What each person has read: "new since your last visit" and the jump to the first unread post."""

from sqlalchemy import select

from ...db import upsert_greatest
from ...extensions import db
from ..models import ReadMark


def mark_read(person, thread, number):
    """Remember that ``person`` has seen ``thread`` up to post ``number`` (never backwards)."""
    if getattr(person, "is_authenticated", False) and number:
        upsert_greatest(ReadMark, {"person_id": person.id, "thread_id": thread.id}, "last_number", number)


def last_read(person, threads):
    """{thread id: the last post number read} for the threads ``person`` has opened."""
    if not getattr(person, "is_authenticated", False) or not threads:
        return {}
    return dict(db.session.execute(
        select(ReadMark.thread_id, ReadMark.last_number).where(
            ReadMark.person_id == person.id, ReadMark.thread_id.in_([thread.id for thread in threads])
        )
    ).all())


def unread(thread, read):
    """How many posts of ``thread`` came after the last one read, or None if never opened."""
    if thread.id not in read:
        return None
    return max(thread.post_count - read[thread.id], 0)
