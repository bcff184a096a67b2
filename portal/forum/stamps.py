"""Each thread's posts stamp, renewed whenever what its pages of posts show changes.

A page of a long thread is read far more often than its posts change, so each worker keeps
the page's posts, as the rules see them and as drawn, under the thread's stamp (see
views/pages.py). Every flush that adds, changes or removes a post gives its thread a new
stamp (a post moved by a merge renews the thread it joined). A card names its author and
their organisation, so renaming a person (erasure does), moving a person to another
organisation or out of one, or renaming an organisation renews every thread's. The stamp is random (``new_stamp``), never counted, so a change rolled back can
never meet a copy drawn from other data.
"""

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..auth.models import Person
from ..db import flushed, renamed, renew_stamps
from ..membership.models import Member
from .models import Post, Thread


def _moved(session, person):
    """Whether ``person``, changed in this flush, joined, left or changed organisation."""
    attrs = inspect(person).attrs
    return person in session.dirty and (attrs.member_id.history.has_changes() or attrs.member.history.has_changes())


def _changed(session):
    """(thread ids, whether a name that cards show changed) for this flush."""
    threads, names = set(), False
    for thing in flushed(session):
        if isinstance(thing, Post):
            threads.add(thing.thread_id)  # a merged post's new thread (the one it left shows no posts again)
        elif isinstance(thing, Person) and (renamed(session, thing) or _moved(session, thing)):
            names = True
        elif isinstance(thing, Member) and renamed(session, thing):
            names = True
    return threads - {None}, names


def _renew(session, _flush_context):
    threads, names = _changed(session)
    if not (threads or names):
        return
    table = Thread.__table__
    renew_stamps(session, table.c.posts_stamp, None if names else table.c.id.in_(threads))


def connect():
    if not event.contains(Session, "after_flush", _renew):
        event.listen(Session, "after_flush", _renew)
