"""Who may read, write and moderate what in the forum: decided here, and only here.

Reading is one SQL condition, ``visible_threads(person)``, used by every list, search,
count, digest and feed; single things are checked with the same condition, so a page and
a list can never disagree. A thread is readable when its category is (public: anyone;
members and announcements: anyone signed in; a group's: its people and the secretariat)
and so is what it discusses (a lab once public, a proposal by its people and reviewers,
a decision once it is out of draft).
"""

from functools import cache

from sqlalchemy import and_, bindparam, false, func, literal, or_, select, true

from ...core.cache import per_request
from ...decisions.models import Decision
from ...decisions.permissions import MEMBER_STATES
from ...extensions import db
from ...groups.models import Group
from ...groups.rules.access import can_edit as in_group_or_secretariat
from ...groups.rules.access import visible_groups
from ...labs.models import Lab
from ...labs.permissions import visible_proposals
from ...labs.models.labs import PUBLIC_STATES as PUBLIC_LAB_STATES
from ...membership.models.members import GOOD_STANDING
from ...programme.models import Idea
from ...programme.models.calls import VISIBLE_STATES as VISIBLE_IDEA_STATES
from ..models import Category, Thread

# Categories that hold the discussions of labs, proposals and decisions: their threads are
# started from those pages, not from the category.
SUBJECT_CATEGORIES = {"lab": "labs", "proposal": "proposals", "decision": "decisions", "idea": "programme"}


def signed_in(person):
    return getattr(person, "is_authenticated", False)


def is_moderator(person):
    return signed_in(person) and person.has_role("moderator", "secretariat", "admin")


def visible_categories(person):
    """A condition on Category for the categories ``person`` may read."""
    if not signed_in(person):
        return Category.kind == "public"
    if person.is_secretariat:
        return true()
    return or_(
        Category.kind != "group",
        Category.group_id.in_(select(Group.id).where(visible_groups(person))),
    )


def visible_subjects(person, kind=Thread.subject_kind, subject_id=Thread.subject_id):
    """A condition that what a thread discusses, if anything, is visible to ``person``; by
    default on Thread's columns, or on literals to ask of one subject."""
    if signed_in(person) and person.is_secretariat:
        return true()
    return or_(
        kind.is_(None),
        and_(kind == "lab", subject_id.in_(select(Lab.id).where(Lab.status.in_(PUBLIC_LAB_STATES)))),
        and_(kind == "proposal", subject_id.in_(select(Lab.id).where(visible_proposals(person)))),
        and_(kind == "decision", subject_id.in_(select(Decision.id).where(Decision.status.in_(MEMBER_STATES))))
        if signed_in(person) else false(),
        and_(kind == "idea", subject_id.in_(select(Idea.id).where(Idea.status.in_(VISIBLE_IDEA_STATES))))
        if signed_in(person) else false(),
    )


def may_see_subject(person, kind, subject_id):
    key = ("forum subject", getattr(person, "id", None), kind, subject_id)
    return per_request(key, lambda: db.session.scalar(
        select(literal(1)).where(visible_subjects(person, literal(kind), literal(subject_id)))
    ) is not None)


def readable_threads(person):
    """A condition on Thread for the threads ``person`` may read."""
    return and_(Thread.category_id.in_(select(Category.id).where(visible_categories(person))), visible_subjects(person))


def visible_threads(person):
    """The threads ``person`` may read that lists show (a thread merged into another is not)."""
    return and_(readable_threads(person), Thread.merged_into_id.is_(None))


def can_see_category(person, category):
    if signed_in(person) and person.is_secretariat:
        return True
    return per_request(_category_key(person, category.id), lambda: db.session.scalar(
        select(Category.id).where(Category.id == category.id, visible_categories(person))
    ) is not None)


def _category_key(person, category_id):
    return ("forum category", getattr(person, "id", None), category_id)


def can_read(person, thread):
    return per_request(_read_key(person, thread.id), lambda: db.session.scalar(
        select(Thread.id).where(Thread.id == thread.id, readable_threads(person))
    ) is not None)


def _read_key(person, thread_id):
    return ("forum thread", getattr(person, "id", None), thread_id)


def load_and_ask_can_read(person, thread_id, options=()):
    """The thread (None if there is none), loaded by the statement that asks whether
    ``person`` may read it: the answer is kept for the request, so ``can_read`` need not ask
    again. A readable thread's category is visible (``readable_threads`` says so), which is
    kept too."""
    shape, reader = _reader_shape(person)
    row = db.session.execute(_load_and_ask(*shape, options), {"thread_id": thread_id, **reader}).first()
    if row is None:
        return None
    thread, readable = row[0], bool(row[1])  # NULL, as the condition in a WHERE, is not readable
    per_request(_read_key(person, thread.id), lambda: readable)
    if readable:
        per_request(_category_key(person, thread.category_id), lambda: True)
    return thread


def listed_categories(person):
    """The categories ``person`` may read, in the forum's order."""
    shape, reader = _reader_shape(person)
    return db.session.scalars(_listed_categories(*shape), reader).all()


def category_totals(person):
    """{category id: (threads, posts, when the latest was posted)} over the threads ``person`` may read."""
    shape, reader = _reader_shape(person)
    return {category_id: (threads, posts, latest) for category_id, threads, posts, latest in db.session.execute(
        _category_totals(*shape), reader)}


def readable_discussion(person, kind, subject_id):
    """The thread discussing ``kind`` ``subject_id`` if ``person`` may read it, else None."""
    shape, reader = _reader_shape(person)
    return db.session.scalar(_readable_discussion(*shape), {"kind": kind, "subject_id": subject_id, **reader})


def _reader_shape(person):
    """(signed in, secretariat, has a member): which of the statements made once serves ``person``;
    and the values of its bound parameters for them."""
    member_id = getattr(person, "member_id", None)
    shape = (signed_in(person), signed_in(person) and person.is_secretariat, member_id is not None)
    return shape, {"reader_id": getattr(person, "id", None), "reader_member_id": member_id}


@cache
def _readable_discussion(signed_in, secretariat, has_member):
    """Made once for each shape of reader, as ``_load_and_ask`` is: a lab's page asks it."""
    reader = _Reader(signed_in, secretariat, has_member)
    return select(Thread).where(Thread.subject_kind == bindparam("kind"), Thread.subject_id == bindparam("subject_id"),
                                readable_threads(reader))


@cache
def _listed_categories(signed_in, secretariat, has_member):
    """Made once for each shape of reader, as ``_load_and_ask`` is: the forum's first page asks it."""
    return select(Category).where(visible_categories(_Reader(signed_in, secretariat, has_member))).order_by(
        Category.position, Category.name)


@cache
def _category_totals(signed_in, secretariat, has_member):
    return select(Thread.category_id, func.count(Thread.id), func.sum(Thread.post_count), func.max(Thread.last_post_at)).where(
        visible_threads(_Reader(signed_in, secretariat, has_member))).group_by(Thread.category_id)


class _Reader:
    """A person as the reading conditions see them (``visible_categories``, ``visible_subjects``
    and the group and proposal conditions they use read nothing else), with their ids as bound
    parameters: one statement then serves every person of the same shape."""

    def __init__(self, signed_in, secretariat, has_member):
        self.is_authenticated, self.is_secretariat = signed_in, secretariat
        self.id = bindparam("reader_id")
        self.member_id = bindparam("reader_member_id") if has_member else None


@cache
def _load_and_ask(signed_in, secretariat, has_member, options):
    """Made once for each shape of reader: building the conditions, and SQLAlchemy's walk of
    them to find its compiled copy, were a tenth of a thread page."""
    reader = _Reader(signed_in, secretariat, has_member)
    return select(Thread, readable_threads(reader).label("readable")).where(
        Thread.id == bindparam("thread_id")).options(*options)


def is_writer(person):
    """People of members in good standing, the secretariat and the moderators write in the forum."""
    if not signed_in(person) or not person.is_active:
        return False
    if person.is_secretariat or is_moderator(person):
        return True
    return person.member is not None and person.member.status in GOOD_STANDING


def may_write_in(person, category):
    if not is_writer(person) or not can_see_category(person, category):
        return False
    if category.kind == "group" and not person.is_secretariat:
        return in_group_or_secretariat(person, category.group)
    return True


def may_write_about(person, kind):
    """Who, among those who may see a subject, may post in its discussion."""
    if kind == "proposal":
        return signed_in(person) and person.is_active  # those who see a proposal are its people and reviewers
    return is_writer(person)


def may_discuss(person, kind, subject_id):
    """Who may post in the discussion of a subject (starting it with the first post)."""
    return may_see_subject(person, kind, subject_id) and may_write_about(person, kind)


def may_start_thread(person, category):
    if category.slug in SUBJECT_CATEGORIES.values():
        return False
    if category.kind == "announcements":
        return signed_in(person) and person.is_secretariat
    return may_write_in(person, category)


def may_reply(person, thread):
    if thread.merged_into_id is not None or not can_read(person, thread):
        return False
    if thread.locked and not is_moderator(person):
        return False
    if thread.subject_kind is not None:
        return may_write_about(person, thread.subject_kind)  # can_read has seen to the subject
    return may_write_in(person, thread.category)


def moderates_thread(person, thread):
    """A moderator who may read ``thread``: a group's thread is its people's and the
    secretariat's alone, so other moderators may not reach its posts by editing them."""
    return is_moderator(person) and can_read(person, thread)


def may_edit(person, post):
    if not signed_in(person) or post.state == "removed":
        return False
    return moderates_thread(person, post.thread) or (
        post.author_id == person.id and post.state == "visible" and may_reply(person, post.thread))


def may_see_history(person, post):
    return signed_in(person) and (post.author_id == person.id or moderates_thread(person, post.thread))
