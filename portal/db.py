"""The small adapter between the portal and its two databases, SQLite and PostgreSQL.

Everything dialect-specific outside full-text search lives here.
"""

from datetime import UTC, datetime

from flask import current_app, has_request_context, request
from sqlalchemy import DateTime, event
from sqlalchemy.types import TypeDecorator

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def utcnow():
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A moment in time, stored as UTC on both databases and always read back timezone-aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are refused: say which timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def writes_on_get(view):
    """Mark a page that writes as it is shown (a forum thread marks what was read): on SQLite
    its transaction takes the write lock at BEGIN, like a form's."""
    view.writes_on_get = True
    return view


def _view_writes_on_get():
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return getattr(view, "writes_on_get", False)


def configure_engine(engine, busy_timeout_ms):
    """Give SQLite what the portal relies on: WAL, foreign keys, a busy timeout, and
    transactions that take the write lock up front when they are going to write."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # A read transaction that later writes can fail at once with SQLITE_BUSY when
        # another writer got in first; taking the lock at BEGIN makes writers queue
        # behind the busy timeout instead. Page views stay concurrent readers.
        if has_request_context() and request.method in SAFE_METHODS and not _view_writes_on_get():
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def insert_ignoring_duplicates(model, values):
    """Insert a row unless one with the same unique key exists; True when it was inserted.

    Safe under concurrency on both databases (ON CONFLICT DO NOTHING).
    """
    from .extensions import db

    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = model.__table__
    statement = insert(table).values(**values).on_conflict_do_nothing().returning(*table.primary_key.columns)
    return db.session.execute(statement).first() is not None


def upsert_greatest(model, keys, column, value):
    """Insert a row with ``column`` = ``value``, or raise an existing row's ``column`` to
    ``value`` if that is larger; never lowers it. Safe under concurrency on both databases."""
    from sqlalchemy import func

    from .extensions import db

    dialect = db.session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert

        larger = func.greatest
    else:
        from sqlalchemy.dialects.sqlite import insert

        larger = func.max  # SQLite's max() of two arguments is the larger
    table = model.__table__
    statement = insert(table).values(**keys, **{column: value})
    statement = statement.on_conflict_do_update(
        index_elements=list(keys), set_={column: larger(table.c[column], statement.excluded[column])}
    )
    db.session.execute(statement)


# Full-text search indexes (FTS5 tables on SQLite, GIN indexes on PostgreSQL) are made by
# hand in the migrations and have no model: comparing models with the database skips them.
HAND_MADE_PREFIX = ("forum_search", "directory_search")


def compared_with_models(name, type_, parent_names):
    """Alembic's ``include_name``: leave out what the migrations make by hand."""
    return not (name or "").startswith(HAND_MADE_PREFIX)
