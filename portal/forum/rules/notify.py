"""Emails about the forum, through the outbox: a new post to those watching, a mention to
the person named. Nobody is told of a post they could not read."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import mail
from ...auth.models import Person
from ...extensions import db
from . import follow
from .access import can_read


def new_post(post, already_told=()):
    """Email everyone watching the thread (or its category) who can read it, except the
    author and those just told of a mention; each one's choice for forum messages decides
    whether it is emailed now, in their daily digest, or only shown on the portal."""
    thread = post.thread
    levels = follow.watchers(thread)
    ids = [pid for pid, (level, _) in levels.items() if level == "watching" and pid != post.author_id and pid not in already_told]
    if not ids:
        return 0
    people = db.session.scalars(select(Person).where(Person.id.in_(ids)).order_by(Person.id)).all()
    sent = 0
    for person in people:
        if not person.is_active or not can_read(person, thread):
            continue
        # Which setting brought the email is which the link turns off.
        what = levels[person.id][1]
        thing_id = thread.id if what == "thread" else thread.category_id
        mail.enqueue(
            person.email, lambda: _l("New post in “%(title)s”", title=thread.title), "forum/email/post.txt",
            kind="forum_post", person=person, post=post, thread=thread,
            unsubscribe=follow.unsubscribe_token(person, what, thing_id), what=what,
        )
        sent += 1
    return sent


def mentioned(post, person):
    """Tell ``person`` they were named in ``post``, unless they cannot read it or muted the thread."""
    thread = post.thread
    if not person.is_active or not can_read(person, thread):
        return False
    if follow.levels(person, [thread]).get(thread.id) == "muted":
        return False
    mail.enqueue(
        person.email, lambda: _l("%(name)s mentioned you in “%(title)s”", name=post.author.name, title=thread.title),
        "forum/email/mention.txt", kind="forum_mention", person=person, post=post, thread=thread,
        unsubscribe=follow.unsubscribe_token(person, "mute", thread.id), what="mute",
    )
    return True
