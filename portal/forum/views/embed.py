"""A lab's, proposal's or decision's discussion, shown on that thing's page."""

from flask import render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ...extensions import db
from ..forms import PostForm
from ..models import Post
from ..rules import access as forum_access
from .reading import post_url

LATEST = 5


def discussion(kind, subject_id):
    """The latest posts of the discussion and a box to add one, or nothing for those who may not see it."""
    # One query finds the discussion and proves it readable; only without one is the subject itself asked about.
    thread = forum_access.readable_discussion(current_user, kind, subject_id)
    if thread is None and not (forum_access.signed_in(current_user) and forum_access.may_see_subject(current_user, kind, subject_id)):
        return Markup("")
    if thread is not None:
        may_post = not (thread.locked and not forum_access.is_moderator(current_user)) and forum_access.may_write_about(current_user, kind)
    else:
        may_post = forum_access.may_write_about(current_user, kind)
    html = render_template("forum/_discussion.html", kind=kind, subject_id=subject_id, thread=thread, latest=_latest,
                           may_post=may_post, form=PostForm(formdata=None), post_url=post_url)
    # An autoescaped template's output, marked safe so that the page does not escape it twice.
    return Markup(html)  # nosec B704


def _latest(thread):
    """The discussion's latest posts, oldest first: loaded only when their cards, kept under the
    thread's posts stamp, are drawn."""
    return db.session.scalars(
        select(Post).where(Post.thread_id == thread.id).options(joinedload(Post.author)).order_by(Post.number.desc()).limit(LATEST)
    ).all()[::-1]
