"""How a group's timeline page copes with 200 tasks over three years, with a dependency
chain, owners, contributors and a baseline: the time to serve the page, its queries, and
the size of the SVG. Run: .venv/bin/python bench/timeline.py

Goals (issue 6): the page stays readable (a row of 26 px for each task, under 2,000 px
wide), its query count does not grow with the tasks, and it is served in under 1 s.
"""

import re
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event, select  # noqa: E402

from portal.auth.models import Person  # noqa: E402
from portal.extensions import db  # noqa: E402
from portal.groups.models import Group, Task, TaskContributor, TaskDependency  # noqa: E402
from portal.groups.rules import gantt, plan  # noqa: E402
from portal.membership.models import Member  # noqa: E402
from tests.conftest import build_app, sign_in, with_demo_network  # noqa: E402

TASKS = 200


def fill(group_id, numbers):
    group = db.session.get(Group, group_id)
    members = db.session.scalars(select(Member).order_by(Member.id).limit(10)).all()
    secretary = db.session.scalar(select(Person).where(Person.email == "secretariat@example.org"))
    tasks = db.session.scalars(select(Task).where(Task.group_id == group_id).order_by(Task.position)).all()
    for n in numbers:
        starts = date(2026, 1, 5) + timedelta(days=(n * 5) % 1050)
        tasks.append(Task(group_id=group.id, position=n, title=f"Task {n + 1}", phase=f"Phase {n // 40 + 1}",
                          starts_on=starts, ends_on=starts + timedelta(days=14 + n % 45), owner_member_id=members[n % 10].id,
                          status="in_progress" if n % 3 else "not_started", percent=n % 100, milestone=n % 20 == 19))
    db.session.add_all(tasks)
    db.session.flush()
    for n, task in ((n, tasks[n]) for n in numbers):
        db.session.add(TaskContributor(task_id=task.id, member_id=members[(n + 1) % 10].id))
        if n:
            db.session.add(TaskDependency(task_id=task.id, predecessor_id=tasks[n - 1].id))
    plan.save_baseline(group, by=secretary)
    for task in tasks[numbers[0]::7]:
        task.ends_on += timedelta(days=10)
    db.session.commit()
    db.session.remove()


def main():
    with tempfile.TemporaryDirectory() as folder:
        app = with_demo_network(build_app(f"sqlite:///{folder}/bench.sqlite3"))
        with app.app_context():
            group_id = db.session.scalar(select(Group.id).where(Group.name.like("Values and Principles%")))
            db.session.remove()  # the requests below write (signing in), and SQLite waits for readers
            fill(group_id, range(20))
            few = count_and_time(app, group_id, runs=1)[2]
            fill(group_id, range(20, TASKS))
            best, median, queries, body = count_and_time(app, group_id, runs=10, drawn=True)
            kept_best, kept_median, kept_queries, _ = count_and_time(app, group_id, runs=10)
        svg = re.search(r"<svg.*?</svg>", body, re.S).group(0)
        width = int(re.search(r'viewBox="0 0 (\d+)', svg).group(1))
        height = int(re.search(r'viewBox="0 0 \d+ (\d+)', svg).group(1))
        bars = len(re.findall(r'class="portal-gantt__(?:bar|milestone)[ "]', svg))
        print(f"| timeline page, {TASKS} tasks over 3 years, drawn | {best:.3f} s | {median:.3f} s | "
              f"{queries} queries (20 tasks: {few}) | SVG {len(svg) // 1024} KiB, {width} × {height} px, {bars} bars and diamonds, "
              f"{gantt.ROW} px a row |")
        print(f"| the same, kept (the plan unchanged since it was drawn) | {kept_best:.3f} s | {kept_median:.3f} s | {kept_queries} queries | |")


def count_and_time(app, group_id, runs, drawn=False):
    """Best and median time, queries and page; ``drawn``: the kept timelines are forgotten
    before each request, so that every one draws the plan (as the first after a change does)."""
    client = sign_in(app.test_client(), "secretariat@example.org")
    statements = []

    def count(*_):
        statements.append(1)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        times = []
        for _ in range(runs):
            statements.clear()
            if drawn:
                app.extensions.get("portal_kept", {}).pop("timelines", None)
            start = time.perf_counter()
            response = client.get(f"/groups/{group_id}/timeline")
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, response.status_code
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return min(times), statistics.median(times), len(statements), response.get_data(as_text=True)


if __name__ == "__main__":
    main()
