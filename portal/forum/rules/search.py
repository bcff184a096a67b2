"""Full-text search of threads' titles and posts, through each database's own index
(core/search.py): a search finds posts holding every word.

The index objects are named ``forum_search...``; migrations/env.py leaves them out of
model comparison.
"""

import re

from markupsafe import Markup, escape
from sqlalchemy import select, union
from sqlalchemy.orm import joinedload

from ...core.search import matching_ids, words
from ...extensions import db
from ..models import Post, Thread
from .access import visible_threads


def search(person, query, page, per_page=20):
    """A page of the visible posts holding every word (or starting a thread whose title does), newest first."""
    terms = words(query)
    if not terms:
        return None
    # Two index lookups joined by UNION, so that neither database falls back to reading every post.
    in_body = matching_ids(Post.id, Post.body, "forum_search_post", terms)
    titled = select(Post.id).where(Post.number == 1, Post.thread_id.in_(matching_ids(Thread.id, Thread.title, "forum_search_thread", terms)))
    statement = (
        select(Post).join(Thread, Thread.id == Post.thread_id)
        .where(Post.id.in_(union(in_body, titled)), visible_threads(person), Post.state == "visible")
        .options(joinedload(Post.thread).joinedload(Thread.category), joinedload(Post.author))
        .order_by(Post.created_at.desc(), Post.id.desc())
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def excerpt(body, terms, width=240):
    """Some of ``body`` around the first word searched for, the words marked."""
    plain = re.sub(r"[#>*_`\[\]()]+", " ", body or "")
    plain = re.sub(r"\s+", " ", plain).strip()
    lowered = plain.lower()
    first = min((lowered.find(term) for term in terms if term in lowered), default=0)
    start = max(first - width // 3, 0)
    piece = plain[start:start + width]
    if start:
        piece = "…" + piece
    if start + width < len(plain):
        piece += "…"
    if not terms:
        return escape(piece)
    pattern = re.compile("(" + "|".join(re.escape(term) for term in terms) + ")", re.I)
    return Markup("").join(Markup("<mark>{}</mark>").format(part) if index % 2 else escape(part)
                           for index, part in enumerate(pattern.split(piece)))
