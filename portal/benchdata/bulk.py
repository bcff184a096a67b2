"""Writing many rows at once: chunked bulk inserts, and audit entries appended to the chain
in one go. Both flush into the session's transaction and never commit."""

from contextlib import contextmanager
from types import SimpleNamespace

from sqlalchemy import insert, update

from ..audit.models import AuditEntry, AuditHead, chain_hash
from ..db import utcnow
from ..extensions import db

CHUNK = 5_000  # rows per executemany; SQLAlchemy splits each into multi-row INSERTs


class NoProgress:
    """A progress bar that shows nothing (for tests, and callers that want quiet)."""

    def update(self, _count):
        pass


@contextmanager
def quiet(_label, _length):
    yield NoProgress()


def insert_rows(model, rows, *, bar=None, ids=False):
    """Insert ``rows`` (dicts) into ``model``'s table in chunks; with ``ids``, return the new
    primary keys in the order of ``rows``."""
    made = []
    # A None is written as NULL rather than left out: left out, rows with Nones in different
    # columns would go in as many small batches, one for each pattern of Nones.
    statement = insert(model).execution_options(render_nulls=True)
    if ids:
        statement = statement.returning(model.id, sort_by_parameter_order=True)
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        if ids:
            made.extend(db.session.execute(statement, chunk).scalars().all())
        else:
            db.session.execute(statement, chunk)
        if bar is not None:
            bar.update(len(chunk))
    return made


class AuditBatch:
    """Audit entries gathered while writing, appended to the hash chain together.

    The head row is moved on by the whole batch in one conditional update, which locks it
    as ``audit.record`` does, so the chain cannot fork under a concurrent writer; each
    entry is hashed with the audit log's own ``chain_hash``.
    """

    def __init__(self):
        self.events = []

    def add(self, action, object_type, object_id, *, actor_id=None, detail=None):
        self.events.append((action, object_type, object_id, actor_id, detail or {}))

    def write(self, bar=None):
        """Append the gathered entries after the chain's head; return how many."""
        count = len(self.events)
        if not count:
            return 0
        seq, prev_hash = db.session.execute(
            update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + count)
            .returning(AuditHead.seq, AuditHead.last_hash).execution_options(synchronize_session=False)
        ).one()
        at = utcnow()
        rows = []
        for offset, (action, object_type, object_id, actor_id, detail) in enumerate(self.events):
            row = {"seq": seq - count + 1 + offset, "at": at, "actor_id": actor_id, "action": action,
                   "object_type": object_type, "object_id": object_id, "detail": detail, "prev_hash": prev_hash}
            row["hash"] = prev_hash = chain_hash(SimpleNamespace(**row))
            rows.append(row)
        insert_rows(AuditEntry, rows, bar=bar)
        db.session.execute(
            update(AuditHead).where(AuditHead.id == 1).values(last_hash=prev_hash).execution_options(synchronize_session=False)
        )
        self.events = []
        return count
