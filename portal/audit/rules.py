"""Appending to the audit log and checking its chain."""

from dataclasses import dataclass
from functools import cache

from flask import has_request_context
from flask_login import current_user
from sqlalchemy import bindparam, select, update

from ..db import utcnow
from ..extensions import db
from .models import GENESIS, HASHED_COLUMNS, SYSTEM_ACTOR_ID, AuditEntry, AuditHead, chain_hash


class _System:
    """The actor to name for work run by the schedule rather than by a person."""

    id = SYSTEM_ACTOR_ID


SYSTEM = _System()


@cache
def _head_statements():
    """Taking the next number (which locks the head until commit) and setting the last hash.
    Statements on the table, not the ORM entity: the head is never loaded as an object, and the
    ORM's bulk-update machinery cost more than the statements themselves. Made once: every
    change a person makes is recorded, and making them cost as much as running them."""
    head = AuditHead.__table__.c
    take_next = update(AuditHead.__table__).where(head.id == 1).values(seq=head.seq + 1).returning(head.seq, head.last_hash)
    set_last_hash = update(AuditHead.__table__).where(head.id == 1).values(last_hash=bindparam("last_hash"))
    return take_next, set_last_hash


def record(action, obj=None, *, actor=None, detail=None):
    """Append an entry for ``action`` on ``obj`` by ``actor`` (default: who is signed in; pass
    ``SYSTEM`` for what the schedule does, whoever's request runs it).

    Flushes, never commits: the entry lands or not with the change it describes. The
    head row is updated first, which locks it until commit, so concurrent writers
    append one after another and the chain never forks.
    """
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    take_next, set_last_hash = _head_statements()
    seq, prev_hash = db.session.execute(take_next).one()  # the migration that creates the table inserts the head row
    entry = AuditEntry(
        seq=seq,
        at=utcnow(),
        actor_id=getattr(actor, "id", None),
        action=action,
        object_type=getattr(obj, "__tablename__", None),
        object_id=getattr(obj, "id", None),
        detail=detail or {},
        prev_hash=prev_hash,
    )
    entry.hash = entry.compute_hash()
    db.session.add(entry)
    db.session.execute(set_last_hash, {"last_hash": entry.hash})
    db.session.flush()
    return entry


@dataclass
class Verification:
    entries: int
    broken_at: int | None = None
    reason: str | None = None

    @property
    def holds(self):
        return self.broken_at is None


def verify(batch_size=5000):
    """Walk the chain in order; report the first entry whose link or content does not match."""
    columns = [getattr(AuditEntry, name) for name in HASHED_COLUMNS] + [AuditEntry.hash]
    prev_hash, expected_seq = GENESIS, 1
    while True:
        rows = db.session.execute(
            select(*columns).where(AuditEntry.seq >= expected_seq).order_by(AuditEntry.seq).limit(batch_size)
        ).all()
        if not rows:
            break
        for row in rows:
            if row.seq != expected_seq:
                return Verification(expected_seq - 1, expected_seq, "missing")
            if row.prev_hash != prev_hash:
                return Verification(expected_seq - 1, row.seq, "link")
            if chain_hash(row) != row.hash:
                return Verification(expected_seq - 1, row.seq, "content")
            prev_hash, expected_seq = row.hash, expected_seq + 1
    head = db.session.execute(select(AuditHead.seq, AuditHead.last_hash).where(AuditHead.id == 1)).one_or_none()
    if head is not None and (head.seq, head.last_hash) != (expected_seq - 1, prev_hash):
        return Verification(expected_seq - 1, expected_seq, "missing")
    return Verification(expected_seq - 1)
