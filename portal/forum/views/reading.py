"""Reading the forum: categories, a category's threads, a thread, search, the public feed."""

from flask import Blueprint, abort, make_response, redirect, render_template, url_for
from flask_babel import get_locale
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...auth.access import ANYONE, access
from ...auth.models import Anonymous
from ...core.inputs import page_number, query_args
from ...db import end_reading, utcnow, writing
from ...extensions import db
from ..forms import LevelForm, PostForm, SearchForm
from ..models import Category, Post, Thread
from ..permissions import READ_POST, READ_THREAD, SEE_CATEGORY, thread_of
from ..rules import access as forum_access
from ..rules import follow, reading
from ..rules import search as searching
from ..rules.subjects import subject
from .pages import page_of_posts

bp = Blueprint("forum", __name__, url_prefix="/forum", template_folder="../templates")

PER_PAGE = 50  # posts on a page of a thread
THREADS_PER_PAGE = 30


def page_of(number):
    return (number - 1) // PER_PAGE + 1


def post_url(post, **extra):
    return url_for("forum.thread", thread_id=post.thread_id, page=page_of(post.number), _anchor=f"post-{post.number}", **extra)


@bp.get("/")
@access(ANYONE)
def index():
    locale = str(get_locale())
    totals = forum_access.category_totals(current_user)
    # All that the table shows of each category: its key, as the table is kept.
    rows = tuple((category.id, category.kind, category.name_in(locale), category.description_in(locale),
                  *totals.get(category.id, (0, 0, None))) for category in forum_access.listed_categories(current_user))
    return render_template("forum/index.html", rows=rows, search=SearchForm(formdata=None))


def load_category(category_id):
    return db.get_or_404(Category, category_id)


@bp.get("/categories/<int:category_id>")
@access(SEE_CATEGORY)
def category(category_id):
    category = load_category(category_id)
    page = db.paginate(
        select(Thread).where(Thread.category_id == category.id, forum_access.visible_threads(current_user))
        .options(joinedload(Thread.author))
        .order_by(Thread.pinned.desc(), Thread.last_post_at.desc(), Thread.id.desc()),
        page=page_number(), per_page=THREADS_PER_PAGE, error_out=False,
    )
    threads = page.items
    level = follow.category_level(current_user, category) if current_user.is_authenticated else None
    return render_template(
        "forum/category.html", category=category, page=page, threads=threads, locale=str(get_locale()),
        read=reading.last_read(current_user, threads), levels=follow.levels(current_user, threads),
        level=level, level_form=LevelForm(formdata=None, level=level), may_start=forum_access.may_start_thread(current_user, category),
    )


def load_thread(thread_id):
    """The thread (already loaded by the page's permission check, if it ran), or 404."""
    return thread_of({"thread_id": thread_id}) or abort(404)


@bp.get("/threads/<int:thread_id>")
@access(READ_THREAD)
def thread(thread_id):
    thread = load_thread(thread_id)
    if thread.merged_into_id is not None:
        return redirect(url_for("forum.thread", thread_id=thread.merged_into_id), 301)
    pages = max(page_of(thread.post_count), 1)
    page = min(page_number(), pages)
    first = (page - 1) * PER_PAGE + 1
    is_moderator = forum_access.is_moderator(current_user)
    posts, cards = page_of_posts(thread, first, PER_PAGE, is_moderator)
    read = reading.last_read(current_user, [thread]).get(thread.id)
    # The "new since your last visit" line goes before the first post not yet read.
    unread = next((index for index, post in enumerate(posts) if read and post.number == read + 1), len(posts))
    level = follow.levels(current_user, [thread]).get(thread.id)
    may_reply = forum_access.may_reply(current_user, thread)
    page_html = render_template(
        "forum/thread.html", thread=thread, page=page, pages=pages, has_posts=bool(posts),
        cards_read=Markup("").join(cards[:unread]), cards_unread=Markup("").join(cards[unread:]), divider=unread < len(posts),
        level=level, level_form=LevelForm(formdata=None, level=level),
        # The reply box is on the last page only.
        form=PostForm(formdata=None) if may_reply and page == pages else None, may_reply=may_reply,
        subject=subject(thread.subject_kind, thread.subject_id) if thread.subject_kind else None,
        is_moderator=is_moderator,
    )
    # Marked once the page is made, in a short transaction of its own (on SQLite the page's
    # reading holds up no writer), and only when the page showed posts not yet read.
    seen = posts[-1].number if posts else 0
    if current_user.is_authenticated and seen > (read or 0):
        end_reading()
        with writing():
            reading.mark_read(current_user, thread, seen)
            db.session.commit()
    return page_html


@bp.get("/threads/<int:thread_id>/unread")
@access(READ_THREAD)
def first_unread(thread_id):
    """Jump to the first post not yet read (or the last post, if all are read)."""
    thread = load_thread(thread_id)
    read = reading.last_read(current_user, [thread]).get(thread.id, 0)
    number = min(read + 1, max(thread.post_count, 1))
    return redirect(url_for("forum.thread", thread_id=thread.id, page=page_of(number), _anchor=f"post-{number}"))


@bp.get("/posts/<int:post_id>")
@access(READ_POST)
def post(post_id):
    """A post's lasting address: the page of its thread where it is now."""
    post = db.get_or_404(Post, post_id)
    return redirect(post_url(post))


@bp.get("/search")
@access(ANYONE)
def search():
    form = SearchForm(query_args())
    query = (form.q.data or "").strip()[:200]
    results = searching.search(current_user, query, page_number()) if query else None
    return render_template("forum/search.html", form=form, query=query, results=results,
                           terms=searching.words(query), excerpt=searching.excerpt)


@bp.get("/feed.atom")
@access(ANYONE)
def feed():
    """The latest posts anyone may read, as an Atom feed."""
    posts = db.session.scalars(
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(forum_access.visible_threads(Anonymous()), Post.state == "visible")
        .options(joinedload(Post.thread), joinedload(Post.author))
        .order_by(Post.created_at.desc(), Post.id.desc()).limit(50)
    ).all()
    updated = posts[0].created_at if posts else utcnow()
    response = make_response(render_template("forum/feed.xml", posts=posts, updated=updated))
    response.mimetype = "application/atom+xml"
    return response
