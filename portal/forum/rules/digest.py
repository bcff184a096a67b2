"""The daily digest: for those who chose it, one email a day with the new posts in what
they watch. Running it twice in a day sends nothing more."""

from datetime import timedelta

from flask_babel import ngettext
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import joinedload

from ... import mail
from ...auth.models import Person
from ...extensions import db
from ..models import Post, Preference, Thread, Watch
from . import follow
from .access import visible_threads

MOST_POSTS = 200


def send(day, now):
    """Send today's digests; return how many went."""
    due = db.session.scalars(
        select(Preference.person_id).where(
            Preference.digest.is_(True), or_(Preference.digest_sent_on.is_(None), Preference.digest_sent_on < day)
        )
    ).all()
    sent = 0
    for person_id in due:
        claimed = db.session.execute(
            update(Preference)
            .where(Preference.person_id == person_id, or_(Preference.digest_sent_on.is_(None), Preference.digest_sent_on < day))
            .values(digest_sent_on=day)
        ).rowcount
        if not claimed:
            continue  # another run has it
        preference = db.session.get(Preference, person_id)
        person = db.session.get(Person, person_id)
        since = preference.digest_through or now - timedelta(days=1)
        preference.digest_through = now
        if person is None or not person.is_active:
            continue
        posts = new_posts(person, since, now)
        if posts:
            mail.enqueue(
                person.email, lambda count=len(posts): ngettext("Forum digest: %(num)d new post", "Forum digest: %(num)d new posts", count), "forum/email/digest.txt",
                kind="forum_digest", person=person, threads=_by_thread(posts),
                unsubscribe=follow.unsubscribe_token(person, "all"), what="all",
            )
            sent += 1
        db.session.commit()
    return sent


def new_posts(person, since, until):
    """Visible posts after ``since`` in the threads ``person`` watches (directly or by category)."""
    watches = db.session.execute(select(Watch.thread_id, Watch.category_id, Watch.level).where(Watch.person_id == person.id)).all()
    threads_watched = [t for t, c, level in watches if t is not None and level == "watching"]
    threads_not = [t for t, c, level in watches if t is not None and level != "watching"]
    categories_watched = [c for t, c, level in watches if c is not None and level == "watching"]
    if not threads_watched and not categories_watched:
        return []
    reached = or_(Thread.id.in_(threads_watched), and_(Thread.category_id.in_(categories_watched), Thread.id.not_in(threads_not)))
    return db.session.scalars(
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(reached, visible_threads(person), Post.state == "visible", Post.author_id != person.id,
               Post.created_at > since, Post.created_at <= until)
        .options(joinedload(Post.thread), joinedload(Post.author))
        .order_by(Post.thread_id, Post.number).limit(MOST_POSTS)
    ).all()


def _by_thread(posts):
    grouped = {}
    for post in posts:
        grouped.setdefault(post.thread, []).append(post)
    return list(grouped.items())
