"""Moderators' pages: the queue of flagged posts, a thread's settings, a person's record
and suspensions; and the secretariat's categories."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...auth.access import SECRETARIAT, access
from ...auth.forms import ConfirmForm
from ...auth.models import Person
from ...core.forms import choices
from ...db import utcnow
from ...extensions import db
from ..forms import CategoryForm, MergeForm, MoveForm, SuspendForm
from ..models import Category, Flag, Post, Revision, Suspension, Thread
from ..permissions import MODERATE, READ_POST, READ_THREAD
from ..rules import access as forum_access
from ..rules import moderation
from ..rules.posting import Refused, current_suspension
from .reading import load_category, load_thread, post_url
from .writing import load_post

bp = Blueprint("forum_moderation", __name__, url_prefix="/forum/moderation", template_folder="../templates")


@bp.get("/")
@access(MODERATE)
def queue():
    """Posts with flags no moderator has decided on, oldest first, that this moderator may read."""
    flags = db.session.scalars(
        select(Flag).join(Post, Post.id == Flag.post_id).join(Thread, Thread.id == Post.thread_id)
        .where(Flag.resolved_at.is_(None), forum_access.visible_threads(current_user))
        .options(joinedload(Flag.person)).order_by(Flag.created_at)
    ).all()
    post_ids = list(dict.fromkeys(flag.post_id for flag in flags))
    posts = db.session.scalars(
        select(Post).where(Post.id.in_(post_ids)).options(joinedload(Post.author), joinedload(Post.thread))
    ).all() if post_ids else []
    posts.sort(key=lambda post: post_ids.index(post.id))
    edits = dict(db.session.execute(
        select(Revision.post_id, db.func.count(Revision.id)).where(Revision.post_id.in_(post_ids)).group_by(Revision.post_id)
    ).all()) if post_ids else {}
    records = moderation.record_of({post.author_id for post in posts if post.author_id})
    by_post = {}
    for flag in flags:
        by_post.setdefault(flag.post_id, []).append(flag)
    return render_template("forum/queue.html", posts=posts, flags=by_post, edits=edits, records=records,
                           form=ConfirmForm(), post_url=post_url)


@bp.post("/posts/<int:post_id>/<any(hide, restore):decision>")
@access(MODERATE & READ_POST)
def decide(post_id, decision):
    """Hide a post, or show it again and settle its flags."""
    post = load_post(post_id)
    if ConfirmForm().validate_on_submit():
        if decision == "hide":
            moderation.hide(post, current_user)
        else:
            moderation.restore(post, current_user)
        db.session.commit()
        flash(_("The post is hidden.") if decision == "hide" else _("The post is shown again and its flags are settled."), "success")
    return redirect(post_url(post))


def _move_form(thread):
    form = MoveForm()
    categories = db.session.scalars(
        select(Category).where(forum_access.visible_categories(current_user), Category.slug.is_(None)).order_by(Category.position, Category.name)
    ).all()
    locale = str(get_locale())
    form.category_id.choices = choices([(c.id, c.name_in(locale)) for c in categories if c.id != thread.category_id])
    return form, {c.id: c for c in categories}


@bp.get("/threads/<int:thread_id>")
@access(MODERATE & READ_THREAD)
def thread(thread_id):
    """Pin, lock, move or merge a thread."""
    thread = load_thread(thread_id)
    move_form, _categories = _move_form(thread)
    return render_template("forum/moderate_thread.html", thread=thread, move_form=move_form, merge_form=MergeForm(formdata=None),
                           confirm=ConfirmForm())


@bp.post("/threads/<int:thread_id>/<any(pin, unpin, lock, unlock):change>")
@access(MODERATE & READ_THREAD)
def toggle(thread_id, change):
    thread = load_thread(thread_id)
    if ConfirmForm().validate_on_submit():
        if change in ("pin", "unpin"):
            moderation.set_pinned(thread, change == "pin", current_user)
        else:
            moderation.set_locked(thread, change == "lock", current_user)
        db.session.commit()
        flash({"pin": _("The thread is pinned to the top of its category."), "unpin": _("The thread is no longer pinned."),
               "lock": _("The thread is locked: only moderators can post in it."), "unlock": _("The thread is open to replies again.")}[change],
              "success")
    return redirect(url_for("forum.thread", thread_id=thread.id))


@bp.post("/threads/<int:thread_id>/move")
@access(MODERATE & READ_THREAD)
def move(thread_id):
    thread = load_thread(thread_id)
    move_form, categories = _move_form(thread)
    if move_form.validate_on_submit():
        target = categories.get(move_form.category_id.data)
        if target is None or target.id == thread.category_id:
            move_form.category_id.errors.append(_("Choose a category"))
        else:
            try:
                moderation.move(thread, target, current_user)
            except Refused as refused:
                move_form.category_id.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("The thread has been moved to %(category)s.", category=target.name_in(str(get_locale()))), "success")
                return redirect(url_for("forum.thread", thread_id=thread.id))
    return render_template("forum/moderate_thread.html", thread=thread, move_form=move_form, merge_form=MergeForm(formdata=None),
                           confirm=ConfirmForm()), 400


@bp.post("/threads/<int:thread_id>/merge")
@access(MODERATE & READ_THREAD)
def merge(thread_id):
    thread = load_thread(thread_id)
    merge_form = MergeForm()
    if merge_form.validate_on_submit():
        into = db.session.get(Thread, merge_form.into.data)
        if into is None or not forum_access.can_read(current_user, into):
            merge_form.into.errors.append(_("There is no thread with that number that you can see"))
        else:
            try:
                moderation.merge(thread, into, current_user)
            except Refused as refused:
                db.session.rollback()
                merge_form.into.errors.append(str(refused.message))
            else:
                db.session.commit()
                flash(_("The threads have been merged."), "success")
                return redirect(url_for("forum.thread", thread_id=into.id))
    move_form, _categories = _move_form(thread)
    return render_template("forum/moderate_thread.html", thread=thread, move_form=move_form,
                           merge_form=merge_form, confirm=ConfirmForm()), 400


@bp.route("/people/<int:person_id>", methods=["GET", "POST"])
@access(MODERATE)
def person(person_id):
    """A person's record in the forum, and suspending them from posting."""
    person = db.get_or_404(Person, person_id)
    form = SuspendForm()
    if form.validate_on_submit():
        moderation.suspend(person, form.days.data, form.reason.data, current_user)
        db.session.commit()
        flash(_("%(name)s cannot post until the suspension ends.", name=person.name), "success")
        return redirect(url_for("forum_moderation.person", person_id=person.id))
    suspensions = db.session.scalars(
        select(Suspension).where(Suspension.person_id == person.id).options(joinedload(Suspension.by)).order_by(Suspension.starts_at.desc())
    ).all()
    hidden = db.session.scalars(
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(Post.author_id == person.id, Post.state == "hidden", forum_access.visible_threads(current_user))
        .options(joinedload(Post.thread)).order_by(Post.created_at.desc()).limit(20)
    ).all()
    return render_template("forum/person.html", person=person, form=form, suspensions=suspensions, hidden=hidden,
                           record=moderation.record_of({person.id})[person.id], current=current_suspension(person),
                           confirm=ConfirmForm(), now=utcnow(), post_url=post_url)


@bp.post("/suspensions/<int:suspension_id>/lift")
@access(MODERATE)
def lift(suspension_id):
    suspension = db.get_or_404(Suspension, suspension_id)
    if ConfirmForm().validate_on_submit() and suspension.lifted_at is None:
        moderation.lift(suspension, current_user)
        db.session.commit()
        flash(_("The suspension has been lifted."), "success")
    return redirect(url_for("forum_moderation.person", person_id=suspension.person_id))


@bp.route("/categories/new", methods=["GET", "POST"])
@access(SECRETARIAT)
def new_category():
    return _category_form(Category())


@bp.route("/categories/<int:category_id>", methods=["GET", "POST"])
@access(SECRETARIAT)
def edit_category(category_id):
    return _category_form(load_category(category_id))


def _category_form(category):
    from ... import audit

    fixed = category.kind == "group" or category.slug is not None  # made by the portal: only the words change
    form = CategoryForm(obj=category if category.id else None)
    if fixed:
        del form.kind
    if form.validate_on_submit():
        category.name, category.name_cy = form.name.data, form.name_cy.data or ""
        category.description, category.description_cy = form.description.data or "", form.description_cy.data or ""
        category.position = form.position.data if form.position.data is not None else 100
        if not fixed:
            category.kind = form.kind.data
        if category.id is None:
            db.session.add(category)
        db.session.flush()
        audit.record("forum.category_saved", category, detail={"kind": category.kind})
        db.session.commit()
        flash(_("The category has been saved."), "success")
        return redirect(url_for("forum.category", category_id=category.id))
    return render_template("forum/category_form.html", category=category, form=form, fixed=fixed)
