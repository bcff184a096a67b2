"""The small adapter between the portal and its two databases, SQLite and PostgreSQL.

Everything dialect-specific outside full-text search lives here.
"""

import secrets
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import chain

from flask import before_render_template, current_app, g, has_request_context, request, template_rendered
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import DateTime, event, inspect, update
from sqlalchemy.types import TypeDecorator

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def utcnow():
    return datetime.now(UTC)


def flushed(session):
    """What a flush (in ``after_flush``) added, changed or removed: the objects only touched,
    with nothing changed, left out."""
    for thing in chain(session.new, session.dirty, session.deleted):
        if thing in session.dirty and not session.is_modified(thing):
            continue
        yield thing


def renamed(session, thing):
    """Whether ``thing``, changed in this flush, had its ``name`` changed."""
    return thing in session.dirty and inspect(thing).attrs.name.history.has_changes()


def new_stamp():
    """A fresh version stamp for drawn pages that are kept (a group's plan, a lab's page).
    Random rather than counted, so a change rolled back, or a backup put back, can never meet
    a copy drawn from other data."""
    return secrets.token_hex(16)


def renew_stamps(session, column, where=None):
    """In a flush (``after_flush``), give the rows ``where`` holds (every row, if None) a fresh
    stamp in ``column``: the labs', groups' and threads' kept pages are drawn under theirs."""
    statement = update(column.table).values({column.name: new_stamp()})
    if where is not None:
        statement = statement.where(where)
    session.connection().execute(statement)


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


def commit_keeping_loaded():
    """Commit, keeping what the session has loaded, for a view that draws its answer from
    objects it has just written: after a plain commit, drawing them loads each again (the
    person, the decision, its questions), a query apiece while a vote is in full flow. The
    request ends with the page, so nothing it keeps can go stale."""
    from .extensions import db

    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


@contextmanager
def writing():
    """Let a transaction begun inside take SQLite's write lock at BEGIN, in a request that
    otherwise only reads (a forum thread marks what was read once it has been shown)."""
    g._portal_writing = g.get("_portal_writing", 0) + 1
    try:
        yield
    finally:
        g._portal_writing -= 1


def reads_first(view):
    """Mark a form's view that reads (who is asking, what they may do, the form) in a
    transaction of its own, commits it, and writes only inside ``writing()``. On SQLite the
    write lock is then held for the writing alone, not for the whole request: when a
    thousand representatives vote in the same minute, only the casting queues."""
    view.portal_reads_first = True
    return view


def end_reading():
    """End a request's reading before its ``writing()`` (a ``reads_first`` form, a page that
    marks what was read, an expired session's entry): on SQLite, commit (keeping what was
    loaded), so that the writing begins a transaction that takes the write lock. PostgreSQL
    locks rows, not the database: the request goes on as it is."""
    from .extensions import db

    if db.session.get_bind().dialect.name == "sqlite":
        commit_keeping_loaded()


def _takes_write_lock():
    """Whether a transaction beginning now takes SQLite's write lock at BEGIN: in a form's
    request, but not while a page is being drawn (which only reads: after a form's last
    commit, drawing the answer must not hold up every other writer), nor in a page's, nor
    before a ``reads_first`` view has finished reading."""
    if not has_request_context() or g.get("_portal_writing"):
        return True
    if g.get("_portal_rendering") or request.method in SAFE_METHODS:
        return False
    view = current_app.view_functions.get(request.endpoint) if request.endpoint else None
    return not getattr(view, "portal_reads_first", False)


def _rendering(sender, **extra):
    g._portal_rendering = g.get("_portal_rendering", 0) + 1


def _rendered(sender, **extra):
    g._portal_rendering = max(g.get("_portal_rendering", 1) - 1, 0)


def watch_rendering(app):
    """Know when ``app`` is drawing a page, for ``_takes_write_lock``."""
    before_render_template.connect(_rendering, app)
    template_rendered.connect(_rendered, app)


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
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _takes_write_lock() else "BEGIN")


class RowPagination(SelectPagination):
    """``db.paginate`` for a select of columns: its items are the rows, where ``db.paginate``
    gives the first column of each. A list that shows a few columns of wide rows (the member
    directory) loads them without building an object for each."""

    def _query_items(self):
        page = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(page).all())


def paginate_rows(statement, **arguments):
    from .extensions import db

    return RowPagination(select=statement, session=db.session(), **arguments)


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


def added_once(record):
    """Add ``record`` in a savepoint; False (and nothing added) when its unique key is taken:
    the key decides, so two requests adding the same at once give one row and one refusal."""
    from sqlalchemy.exc import IntegrityError

    from .extensions import db

    try:
        with db.session.begin_nested():
            db.session.add(record)
            db.session.flush()
    except IntegrityError:
        return False
    return True


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
