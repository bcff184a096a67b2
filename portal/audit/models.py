"""Audit entries and the head of their hash chain."""

import hashlib
import json
from datetime import datetime

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import UTCDateTime, utcnow
from ..extensions import db

GENESIS = "0" * 64
# The actor of what the portal does on its own, on a schedule (opening and closing voting),
# whoever's request happened to run it: no person's id is 0 on either database.
SYSTEM_ACTOR_ID = 0


HASHED_COLUMNS = ("seq", "at", "actor_id", "action", "object_type", "object_id", "detail", "prev_hash")


def chain_hash(entry):
    """The SHA-256 of an entry's content and its predecessor's hash (entry: object or row)."""
    content = {name: getattr(entry, name) for name in HASHED_COLUMNS}
    content["at"] = content["at"].isoformat(timespec="microseconds")
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


class AuditEntry(db.Model):
    """One recorded change. Rows are never updated or deleted (triggers refuse it), and
    each carries the hash of the one before, so a rewritten history shows."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # A plain number, not a foreign key: the entry must outlive the account and still
    # verify after the person is anonymised.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str | None] = mapped_column(String(40))
    object_id: Mapped[int | None]
    detail: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    def compute_hash(self):
        return chain_hash(self)


class AuditHead(db.Model):
    """The single row holding the chain's latest link; writers lock it to append in turn."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(default=0)
    last_hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
