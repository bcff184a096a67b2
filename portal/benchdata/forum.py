"""The bench forum: threads across the demo's categories and a few more, each group's private
category, and the discussions of labs and decisions; about twenty posts a thread with a long
tail, and one thread of exactly 500 posts for the harness to page through.

Threads are written as ``posting`` leaves them: posts numbered 1, 2, 3 ... with no gaps,
``post_count`` the last number, ``last_post_at`` the time of the last post, and each poster
tracking the thread (and having read it up to their post). Search indexes follow by the
migrations' triggers (SQLite) and expression indexes (PostgreSQL).
"""

from datetime import timedelta

from sqlalchemy import select

from ..extensions import db
from ..forum.models import Category, Post, ReadMark, Thread, Watch
from ..forum.rules.categories import system_category
from . import writing
from .bulk import CHUNK, insert_rows
from .plan import LONG_THREAD

CATEGORIES = (
    ("Procurement and social value", "Caffael a gwerth cymdeithasol", "members", 52),
    ("Community energy", "Ynni cymunedol", "members", 54),
    ("Housing and community land", "Tai a thir cymunedol", "members", 56),
    ("Care co-operatives", "Mentrau gofal cydweithredol", "members", 58),
    ("Regional networks", "Rhwydweithiau rhanbarthol", "members", 62),
    ("Policy Lab ideas", "Syniadau am Labordai Polisi", "public", 12),
)
# Shares of the threads, by where they are.
SHARES = {"announcements": 2, "sharing": 14, "members": 49, "cymraeg": 3, "group": 18, "lab": 8, "decision": 6}
DAYS = 730  # posts are from the last two years
REMOVED = 0.003  # posts their authors took down


def write(bench):
    """Insert the plan's threads and posts; note the long thread for the manifest."""
    places = _places(bench)
    threads = _threads(bench, places)
    with bench.stage("Threads", len(threads)) as bar:
        ids = insert_rows(Thread, [t["row"] for t in threads], ids=True, bar=bar)
    for thread_id, thread in zip(ids, threads):
        thread["id"] = thread_id
    bench.found["thread"] = threads[0]
    with bench.stage("Posts", sum(t["row"]["post_count"] for t in threads)) as bar:
        _posts(bench, threads, bar)


def _places(bench):
    """Where threads go: category ids by kind of place, and the authors who may write there."""
    demo = bench.demo.categories
    made = insert_rows(Category, [{"name": name, "name_cy": cy, "kind": kind, "position": position,
                                   "description": f"{name}: members share what they are doing and ask each other.",
                                   "description_cy": "", "created_at": bench.now - timedelta(days=DAYS + 30)}
                                  for name, cy, kind, position in CATEGORIES], ids=True)
    writers = [p["id"] for p in bench.people.values() if p["settled"] and p["active"]
               and bench.member_by_id[p["member_id"]]["status"] in ("active", "in_grace")]
    writers = writers or [p["id"] for p in bench.people.values() if p["active"]]
    return {
        "announcements": [demo["Announcements"]], "sharing": [demo["Sharing learning"]], "cymraeg": [demo["Yn Gymraeg"]],
        "members": [demo["Community wealth building"]] + made, "lab": system_category("labs").id,
        "decision": system_category("decisions").id, "writers": _weighted(bench.rng, writers),
    }


def _weighted(rng, people):
    """A few people write most of the posts: weights falling with a random rank."""
    people = list(people)
    rng.shuffle(people)
    cumulative, total = [], 0.0
    for rank in range(len(people)):
        total += 1 / (rank + 1) ** 0.7
        cumulative.append(total)
    return people, cumulative


def _threads(bench, places):
    """Thread specs: the long one first, the big lab's discussion, then the rest by share."""
    rng, plan = bench.rng, bench.plan
    sizes = [LONG_THREAD] + _sizes(rng, plan.posts - LONG_THREAD, plan.threads - 1)
    big_lab = bench.found["lab"]
    kinds = ["members", "lab"] + rng.choices(list(SHARES), weights=list(SHARES.values()), k=plan.threads - 2)
    labs = [lab for lab in bench.labs[1:] if lab["row"]["status"] in ("approved", "active", "completed")]
    rng.shuffle(labs)
    decisions = [d for d in bench.found["decisions"] if d["state"] != "draft"]
    rng.shuffle(decisions)
    groups = [g for g in bench.groups if _group_writers(bench, g)]
    threads = []
    for index, (kind, size) in enumerate(zip(kinds, sizes)):
        subject = None
        if kind == "lab":
            subject = big_lab if index == 1 else (labs.pop() if labs else None)
        elif kind == "decision":
            subject = decisions.pop() if decisions else None
        if (kind in ("lab", "decision") and subject is None) or (kind == "group" and not groups):
            kind = "sharing"
        threads.append(_thread(bench, places, kind, size, subject, rng.choice(groups) if kind == "group" else None,
                               long=index == 0))
    return threads


def _sizes(rng, total, count):
    """``count`` thread sizes of at least one post adding up to ``total``: most short, a few long."""
    if count <= 0:
        return []
    weights = [rng.lognormvariate(0, 1.1) for _ in range(count)]
    spare, whole = total - count, sum(weights)
    sizes = [1 + int(spare * weight / whole) for weight in weights]
    for index in rng.sample(range(count), total - sum(sizes)):
        sizes[index] += 1
    return sizes


def _thread(bench, places, kind, size, subject, group, long=False):
    rng, now = bench.rng, bench.now
    started = now - timedelta(days=DAYS - 30 if long else rng.uniform(1, DAYS))
    ends = now - timedelta(minutes=5) if long else min(now - timedelta(minutes=5), started + timedelta(days=rng.uniform(0.5, 4) * size ** 0.7))
    times = sorted(started + (ends - started) * rng.random() for _ in range(size - 1))
    title = writing.thread_title(rng)
    authors = places["writers"]
    if kind == "group":
        category, title = group["category_id"], rng.choice(writing.GROUP_THREAD_TITLES)
        authors = _weighted(rng, _group_writers(bench, group))
    elif kind in ("lab", "decision"):
        category, title = places[kind], subject["row"]["title" if kind == "lab" else "title_en"]
    else:
        category = rng.choice(places[kind])
        if kind == "announcements":
            title = rng.choice(writing.ANNOUNCEMENTS)
    if long:
        title = "Anchor institutions and local spend: share your figures"
    first_author = bench.demo.secretariat_id if kind == "announcements" else _author(rng, authors)
    row = {"category_id": category, "title": title[:200], "author_id": first_author, "created_at": started,
           "last_post_at": times[-1] if times else started, "post_count": size, "pinned": False,
           "locked": not long and (times[-1] if times else started) < now - timedelta(days=365) and rng.random() < 0.02,
           "subject_kind": kind if kind in ("lab", "decision") else None,
           "subject_id": subject["id"] if kind in ("lab", "decision") else None}
    return {"row": row, "times": [started] + times, "authors": authors}


def _group_writers(bench, group):
    """The group's bench people who write in the forum (settled, active accounts)."""
    return [pid for pid, _ in group["people"] if bench.people.get(pid, {}).get("settled") and bench.people[pid]["active"]]


def _author(rng, authors):
    people, cumulative = authors
    return rng.choices(people, cum_weights=cumulative)[0]


def _posts(bench, threads, bar):
    rng, rows, marks = bench.rng, [], {}
    for thread in threads:
        for number, at in enumerate(thread["times"], 1):
            author = thread["row"]["author_id"] if number == 1 else _author(rng, thread["authors"])
            body = writing.post_body(rng, first=number == 1)
            if thread is threads[0] and number == LONG_THREAD // 2:
                body += "\n\n" + writing.RARE_ASIDE  # so that a search for the rare phrase finds something at any scale
            rows.append({"thread_id": thread["id"], "number": number, "author_id": author, "body": body, "created_at": at,
                         "edited_at": at + timedelta(minutes=rng.randint(2, 90)) if rng.random() < 0.02 else None,
                         "state": "removed" if number > 1 and rng.random() < REMOVED else "visible", "hidden_because": None})
            marks[(author, thread["id"])] = number
        if len(rows) >= CHUNK:
            insert_rows(Post, rows, bar=bar)
            rows = []
    insert_rows(Post, rows, bar=bar)
    insert_rows(Watch, [{"person_id": person, "thread_id": thread, "category_id": None, "level": "tracking"}
                        for person, thread in marks])
    insert_rows(ReadMark, [{"person_id": person, "thread_id": thread, "last_number": number}
                           for (person, thread), number in marks.items()])
    _audit_removed(bench, [t["id"] for t in threads])


def _audit_removed(bench, thread_ids):
    """A post its author took down is in the audit log, as ``posting.remove`` records it."""
    lowest = min(thread_ids)
    for post_id, thread_id, author_id in db.session.execute(
        select(Post.id, Post.thread_id, Post.author_id).where(Post.thread_id >= lowest, Post.state == "removed").order_by(Post.id)
    ):
        bench.audit.add("forum.post_removed", "forum_post", post_id, actor_id=author_id, detail={"thread_id": thread_id})
