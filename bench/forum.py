"""The forum at 100,000 posts: a category of 2,000 threads, a thread of 5,000 posts, and
search, each page served to a member. Run: .venv/bin/python bench/forum.py
(PORTAL_BENCH_DATABASE_URL=postgresql+psycopg://... runs it on an empty PostgreSQL database.)

Goals (issue 7): at 100,000 posts, list and thread pages under 0.1 s with the deepest page
as fast as the first and the same number of queries as with the demo's few posts; a search
for a rare word under 0.1 s; a search matching most posts (the worst case) under 0.5 s.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, insert, select, text  # noqa: E402

from portal.auth.models import Person  # noqa: E402
from portal.db import utcnow  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.forum.models import Category, Post, Thread  # noqa: E402
from tests.conftest import build_app, sign_in, with_demo_network  # noqa: E402

POSTS = 100_000
THREADS = 2_000
LONG_THREAD = 5_000
WORDS = ("community wealth procurement anchor land trust co-operative placemaking social value housing energy care food "
         "council partners steering group toolkit case study report evidence budget").split()


def fill():
    rng = random.Random(2026)
    people = db.session.scalars(select(Person.id)).all()
    category = Category(kind="members", name="Bench", position=999)
    db.session.add(category)
    db.session.flush()
    now = utcnow()
    sizes = [LONG_THREAD] + [(POSTS - LONG_THREAD) // (THREADS - 1)] * (THREADS - 1)
    db.session.execute(insert(Thread), [
        {"category_id": category.id, "title": f"Bench thread {n}: " + " ".join(rng.sample(WORDS, 4)), "author_id": rng.choice(people),
         "post_count": size, "created_at": now - timedelta(days=400), "last_post_at": now - timedelta(minutes=n),
         "pinned": False, "locked": False}
        for n, size in enumerate(sizes)
    ])
    thread_ids = db.session.scalars(select(Thread.id).where(Thread.category_id == category.id).order_by(Thread.id)).all()
    rows = []
    for thread_id, size in zip(thread_ids, sizes):
        for number in range(1, size + 1):
            rows.append({"thread_id": thread_id, "number": number, "author_id": rng.choice(people), "state": "visible",
                         "body": " ".join(rng.choices(WORDS, k=40)) + (" zanzibar" if rng.random() < 0.001 else ""),
                         "created_at": now - timedelta(minutes=size - number)})
        if len(rows) >= 20_000:
            db.session.execute(insert(Post), rows)
            rows = []
    if rows:
        db.session.execute(insert(Post), rows)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))  # as autovacuum would, after a load this size
        db.session.commit()
    return category.id, thread_ids[0]


def measure(app, paths, runs=7):
    client = sign_in(app.test_client(), "rep@oxford.example.org")
    statements = []
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    results = []
    try:
        for label, path in paths:
            times = []
            for _ in range(runs):
                statements.clear()
                start = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200, (path, response.status_code)
            results.append((label, min(times), statistics.median(times), len(statements)))
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return results


def main():
    url = os.environ.get("PORTAL_BENCH_DATABASE_URL")
    with tempfile.TemporaryDirectory() as folder:
        app = with_demo_network(build_app(url or f"sqlite:///{folder}/bench.sqlite3"))
        with app.app_context():
            start = time.perf_counter()
            category_id, long_thread = fill()
            filled = time.perf_counter() - start
            db.session.remove()
            last_page = (LONG_THREAD - 1) // 50 + 1
            paths = [
                ("category, first page", f"/forum/categories/{category_id}"),
                ("category, page 60 of 67", f"/forum/categories/{category_id}?page=60"),
                (f"thread of {LONG_THREAD:,} posts, first page", f"/forum/threads/{long_thread}"),
                (f"thread of {LONG_THREAD:,} posts, last page", f"/forum/threads/{long_thread}?page={last_page}"),
                ("search, a rare word (~100 posts)", "/forum/search?q=zanzibar"),
                ("search, two common words", "/forum/search?q=anchor+procurement"),
                ("search, two common words, page 50", "/forum/search?q=anchor+procurement&page=50"),
                ("forum index", "/forum/"),
            ]
            results = measure(app, paths)
            db.engine.dispose()
    print(f"database: {'PostgreSQL' if url else 'SQLite'}; {POSTS:,} posts written in {filled:.1f} s")
    for label, best, median, queries in results:
        print(f"| {label} | {best * 1000:.0f} ms | {median * 1000:.0f} ms | {queries} |")


if __name__ == "__main__":
    main()
