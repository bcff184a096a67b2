"""Writing in the forum: threads, replies, quotes, edits, removal, flags; and how closely
each person follows what."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...auth.access import ANYONE, Rule, access
from ...auth.forms import ConfirmForm
from ...auth.models import Person
from ...core.inputs import number_arg
from ...extensions import db
from ..forms import FlagForm, LevelForm, PostForm, ThreadForm
from ..models import Category, Post, Revision, Thread
from ..permissions import EDIT_POST, FLAG_POST, FOLLOW_CATEGORY, FOLLOW_THREAD, REMOVE_POST, REPLY, SEE_HISTORY, START_THREAD
from ..rules import access as forum_access
from ..rules import follow, moderation, posting
from ..rules.subjects import subject, thread_of
from .reading import load_category, load_thread, post_url

bp = Blueprint("forum_writing", __name__, url_prefix="/forum", template_folder="../templates")


def _posted(form, write, done, where):
    """Run ``write`` for a valid form: on success commit, say ``done`` and redirect to
    ``where(result)``; if refused (a suspension, the posting limit), say why beside the field."""
    if not form.validate_on_submit():
        return None
    try:
        result = write()
    except posting.Refused as refused:
        db.session.rollback()
        getattr(form, refused.field, form.body).errors.append(str(refused.message))
        return None
    db.session.commit()
    flash(done, "success")
    return redirect(where(result))


@bp.route("/categories/<int:category_id>/new", methods=["GET", "POST"])
@access(START_THREAD)
def new_thread(category_id):
    category = load_category(category_id)
    form = ThreadForm()
    done = _posted(form, lambda: posting.start_thread(category, current_user, form.title.data, form.body.data),
                   _("Your thread has been started."), lambda thread: url_for("forum.thread", thread_id=thread.id))
    return done or render_template("forum/thread_form.html", category=category, form=form)


def quoted(post):
    """A post as a Markdown quotation, with who wrote it."""
    lines = (post.body or "").strip().splitlines()
    name = post.author.name if post.author else _("Someone")
    return "> " + _("%(name)s wrote:", name=name) + "\n>\n" + "\n".join("> " + line for line in lines) + "\n\n"


@bp.route("/threads/<int:thread_id>/reply", methods=["GET", "POST"])
@access(REPLY)
def reply(thread_id):
    thread = load_thread(thread_id)
    form = PostForm()
    if request.method == "GET" and number_arg("quote"):
        quoted_post = db.session.get(Post, number_arg("quote"))
        if quoted_post is not None and quoted_post.thread_id == thread.id and quoted_post.state == "visible":
            form.body.data = quoted(quoted_post)
    done = _posted(form, lambda: posting.reply(thread, current_user, form.body.data), _("Your post has been added."), post_url)
    return done or render_template("forum/post_form.html", thread=thread, form=form, post=None)


def _discusses(person, values):
    found = subject(values.get("kind"), values.get("subject_id"))
    return found is None or forum_access.may_discuss(person, found.kind, found.id)


DISCUSS = Rule("whoever may see the lab, proposal or decision and write in the forum", _discusses)


@bp.post("/discuss/<kind>/<int:subject_id>")
@access(DISCUSS)
def discuss(kind, subject_id):
    """A post in the discussion of a lab, proposal or decision, from that thing's page."""
    found = subject(kind, subject_id) or abort(404)
    form = PostForm()
    done = _posted(form, lambda: posting.discuss(found.kind, found.id, found.title, current_user, form.body.data),
                   _("Your post has been added."), post_url)
    return done or render_template("forum/discuss_form.html", subject=found, thread=thread_of(found.kind, found.id), form=form)


def load_post(post_id):
    return db.first_or_404(select(Post).where(Post.id == post_id).options(joinedload(Post.thread).joinedload(Thread.category).joinedload(Category.group), joinedload(Post.author)))


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@access(EDIT_POST)
def edit(post_id):
    post = load_post(post_id)
    form = PostForm(data={"body": post.body} if request.method == "GET" else None)
    if form.validate_on_submit():
        posting.edit(post, current_user, form.body.data)
        db.session.commit()
        flash(_("The post has been changed."), "success")
        return redirect(post_url(post))
    return render_template("forum/post_form.html", thread=post.thread, form=form, post=post)


@bp.route("/posts/<int:post_id>/remove", methods=["GET", "POST"])
@access(REMOVE_POST)
def remove(post_id):
    post = load_post(post_id)
    form = ConfirmForm()
    if form.validate_on_submit():
        posting.remove(post, current_user)
        db.session.commit()
        flash(_("Your post has been removed. A note that it was removed stays in its place."), "success")
        return redirect(post_url(post))
    return render_template("forum/remove.html", post=post, form=form)


@bp.get("/posts/<int:post_id>/history")
@access(SEE_HISTORY)
def history(post_id):
    post = load_post(post_id)
    revisions = db.session.scalars(
        select(Revision).where(Revision.post_id == post.id).options(joinedload(Revision.replaced_by)).order_by(Revision.replaced_at.desc())
    ).all()
    return render_template("forum/history.html", post=post, revisions=revisions)


@bp.route("/posts/<int:post_id>/flag", methods=["GET", "POST"])
@access(FLAG_POST)
def flag(post_id):
    post = load_post(post_id)
    if post.author_id == current_user.id:
        flash(_("You cannot flag your own post. You can change or remove it instead."), "error")
        return redirect(post_url(post))
    form = FlagForm()
    if form.validate_on_submit():
        added = moderation.flag(post, current_user, form.reason.data, form.note.data or "")
        db.session.commit()
        if added:
            flash(_("Thank you. The moderators will look at the post."), "success")
        else:
            flash(_("You had already flagged this post. The moderators will look at it."), "success")
        return redirect(post_url(post))
    return render_template("forum/flag.html", post=post, form=form)


def _set_level(back, done, **target):
    form = LevelForm()
    if form.validate_on_submit():
        follow.set_level(current_user, form.level.data, **target)
        db.session.commit()
        flash(done, "success")
    else:
        flash(_("Choose how closely to follow"), "error")
    return redirect(back)


@bp.post("/threads/<int:thread_id>/notifications")
@access(FOLLOW_THREAD)
def follow_thread(thread_id):
    thread = load_thread(thread_id)
    return _set_level(url_for("forum.thread", thread_id=thread.id), _("Your notifications for this thread have been changed."), thread=thread)


@bp.post("/categories/<int:category_id>/notifications")
@access(FOLLOW_CATEGORY)
def follow_category(category_id):
    category = load_category(category_id)
    return _set_level(url_for("forum.category", category_id=category.id), _("Your notifications for this category have been changed."),
                      category=category)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@access(ANYONE)
def unsubscribe(token):
    """The link in every forum email: the signed token says who and what, so no sign-in is needed."""
    found = follow.read_unsubscribe_token(token)
    person = db.session.get(Person, found[0]) if found else None
    if person is None:
        abort(404)
    _, what, thing_id = found
    thing = None
    if what in ("thread", "mute"):
        thing = db.session.get(Thread, thing_id) or abort(404)
    elif what == "category":
        thing = db.session.get(Category, thing_id) or abort(404)
    form = ConfirmForm()
    if form.validate_on_submit():
        follow.unsubscribe(person, what, thing)
        db.session.commit()
        return render_template("forum/unsubscribed.html", what=what, thing=thing)
    return render_template("forum/unsubscribe.html", what=what, thing=thing, form=form)
