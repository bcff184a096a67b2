"""A thread of 500 posts and a category of 10,000 threads cost the same number of queries
as small ones: pages never load per post or per thread."""

from datetime import timedelta

from sqlalchemy import insert

from portal.db import utcnow
from portal.extensions import db
from portal.forum.models import Category, Post, Thread

from ..conftest import person
from ..test_routes import QueryCounter


def _queries(client, rollback, path):
    with QueryCounter(rollback.connection) as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    return counter.count


def _thread_with(posts, author_ids, category_id):
    now = utcnow()
    thread = Thread(category_id=category_id, title=f"A thread of {posts}", author_id=author_ids[0], post_count=posts, last_post_at=now)
    db.session.add(thread)
    db.session.flush()
    db.session.execute(insert(Post), [
        {"thread_id": thread.id, "number": n, "author_id": author_ids[n % len(author_ids)], "body": f"Post **{n}**",
         "created_at": now - timedelta(minutes=posts - n), "state": "visible"}
        for n in range(1, posts + 1)
    ])
    return thread


def test_a_thread_of_500_posts_costs_what_a_thread_of_5_does(sign_in_as, rollback):
    learning = db.session.query(Category).filter_by(name="Sharing learning").one()
    authors = [person(email).id for email in ("rep@oxford.example.org", "rep@oldham.example.org", "rep@torbay.example.org",
                                                "cynrychiolydd@cardiff.example.org", "rep@preston.example.org")]
    small, large = _thread_with(5, authors, learning.id), _thread_with(500, authors, learning.id)
    db.session.flush()
    reader = sign_in_as("rep@stevenage.example.org")
    baseline = _queries(reader, rollback, f"/forum/threads/{small.id}")
    assert _queries(reader, rollback, f"/forum/threads/{large.id}") == baseline
    assert _queries(reader, rollback, f"/forum/threads/{large.id}?page=10") == baseline
    assert "Post <strong>500</strong>" in reader.get(f"/forum/threads/{large.id}?page=10").get_data(as_text=True)


def test_a_category_of_10000_threads_costs_what_a_category_of_10_does(sign_in_as, rollback):
    now = utcnow()
    author = person("rep@oxford.example.org").id
    categories = []
    for size in (10, 10_000):
        category = Category(kind="members", name=f"{size} threads", position=500)
        db.session.add(category)
        db.session.flush()
        db.session.execute(insert(Thread), [
            {"category_id": category.id, "title": f"Thread {n}", "author_id": author, "post_count": 1,
             "created_at": now, "last_post_at": now - timedelta(minutes=n), "pinned": n == 7, "locked": False}
            for n in range(size)
        ])
        categories.append(category.id)
    reader = sign_in_as("rep@stevenage.example.org")
    small, large = (_queries(reader, rollback, f"/forum/categories/{cid}") for cid in categories)
    assert small == large
    assert _queries(reader, rollback, f"/forum/categories/{categories[1]}?page=300") == small
    first_page = reader.get(f"/forum/categories/{categories[1]}").get_data(as_text=True)
    assert first_page.index("Thread 7") < first_page.index("Thread 0")  # the pinned thread first
    assert _queries(reader, rollback, "/forum/") == _queries(sign_in_as("rep@oldham.example.org"), rollback, "/forum/")
