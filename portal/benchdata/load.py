"""Filling a database that holds the demo network with believable data at scale, for the
performance harness: the stages in order, the marker that says it is done, and the counts.

Every function here flushes and never commits: ``flask portal bench-data`` commits once, at
the end, and a test can run them inside a transaction that is rolled back.
"""

import os

from sqlalchemy import func, select

from .. import audit
from ..audit.models import AuditEntry
from ..auth.passwords import hash_password
from ..db import utcnow
from ..extensions import db
from ..membership.rules.dates import today
from ..membership.rules.status import refresh_all
from . import decisions, forum, groups, labs, manifest, members, people
from .bulk import quiet
from .context import Bench, find_demo
from .plan import plan_for

MARKER = "bench.loaded"  # an audit entry: it can be neither edited nor deleted
DEFAULT_PASSWORD = "bench-password-2026"
STAGES = (members.write, people.write, labs.write, groups.write, decisions.write, forum.write)


class AlreadyLoaded(Exception):
    """The database already holds bench data; ``at`` says when it was written."""

    def __init__(self, at):
        super().__init__(f"bench data already loaded at {at.isoformat(timespec='seconds')}")
        self.at = at


def bench_password():
    """The password every bench person has: PORTAL_BENCH_PASSWORD, or the bench default."""
    return os.environ.get("PORTAL_BENCH_PASSWORD") or DEFAULT_PASSWORD


def loaded_at():
    """When bench data was written into this database, or None if it never was."""
    return db.session.scalar(select(AuditEntry.at).where(AuditEntry.action == MARKER).limit(1))


def load(scale, *, password=None, demo_password=None, progress=quiet):
    """Write the bench data for ``scale`` on top of the demo network and return its manifest.

    Refuses (AlreadyLoaded) a database that already holds bench data, and (DemoMissing) one
    without the demo network. Every bench person gets ``password``, hashed once.
    """
    if (at := loaded_at()) is not None:
        raise AlreadyLoaded(at)
    password = password or bench_password()
    plan = plan_for(scale)
    before = table_counts()
    bench = Bench(plan=plan, demo=find_demo(), password_hash=hash_password(password), now=utcnow(), today=today(),
                  progress=progress)
    for stage in STAGES:
        stage(bench)
        _write_audit(bench)
        if stage is people.write:
            refresh_all()  # the statuses written agree with the portal's rule: this changes nothing
    audit.record(MARKER, detail={"scale": scale, **{name: value for name, value in plan.as_dict().items() if name != "scale"}})
    counts = {name: count - before.get(name, 0) for name, count in table_counts().items() if count != before.get(name, 0)}
    return manifest.build(bench, counts, password=password, demo_password=demo_password)


def _write_audit(bench):
    waiting = len(bench.audit.events)
    if waiting:
        with bench.stage("Audit log", waiting) as bar:
            bench.audit.write(bar)


def table_counts():
    """Rows in each of the portal's tables."""
    return {table.name: db.session.scalar(select(func.count()).select_from(table)) for table in db.metadata.sorted_tables}
