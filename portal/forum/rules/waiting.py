"""What waits for a person in the forum: threads they watch (themselves, or through the
thread's category when the thread has no setting of its own) with posts they have not read,
and for moderators the posts flagged and not yet decided. Only threads they may read
(``access.visible_threads``), as the forum's own pages."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from ...core import waiting
from ..models import Flag, Post, ReadMark, Thread, Watch
from . import access

SECTION = "forum.index"


def statements(person, now):
    own = aliased(Watch)
    by_category = aliased(Watch)
    read = func.coalesce(ReadMark.last_number, 0)
    watched = (select(*waiting.columns("forum.unread", SECTION, ref=Thread.id, title=Thread.title, at=Thread.last_post_at,
                                       number=Thread.post_count - read))
               .outerjoin(own, and_(own.thread_id == Thread.id, own.person_id == person.id))
               .outerjoin(by_category, and_(by_category.category_id == Thread.category_id, by_category.person_id == person.id))
               .outerjoin(ReadMark, and_(ReadMark.thread_id == Thread.id, ReadMark.person_id == person.id))
               .where(or_(own.level == "watching", and_(own.id.is_(None), by_category.level == "watching")),
                      Thread.post_count > read, access.visible_threads(person)))
    branches = [watched]
    if access.is_moderator(person):
        flagged = (select(Flag.post_id).distinct().join(Post, Post.id == Flag.post_id).join(Thread, Thread.id == Post.thread_id)
                   .where(Flag.resolved_at.is_(None), access.visible_threads(person)))
        branches.append(waiting.summary("forum.flags", SECTION, flagged))
    return branches


def _unread(row):
    return waiting.Item("forum.unread", _("New posts in a thread you watch: %(title)s", title=row.title),
                        url_for("forum.first_unread", thread_id=row.ref),
                        status=_("%(count)d new", count=row.number))


def _flags(row):
    return waiting.Item("forum.flags", _("Flagged posts for a moderator to decide: %(count)d", count=row.number),
                        url_for("forum_moderation.queue"))


waiting.source(statements, {"forum.unread": _unread, "forum.flags": _flags})
