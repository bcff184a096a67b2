"""Fixtures: one migrated database with the demo network per run, and a transaction per
test that is rolled back, so every test starts from the demo as loaded.

PORTAL_TEST_DATABASE_URL chooses the database (``make test`` sets it for PostgreSQL);
without it the suite uses a SQLite file in a temporary folder.
"""

import contextlib
import contextvars
import hashlib
import http.cookiejar
import logging
import os
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from flask import has_app_context
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.engine import make_url
from werkzeug.serving import make_server

from portal import create_app
from portal.extensions import db, limiter

DEMO_PASSWORD = "demo-password-2026"

TEST_CONFIG = {
    "ENV_NAME": "testing",
    "TESTING": True,
    "SECRET_KEY": "test-secret-key",
    "WTF_CSRF_ENABLED": False,
    "RATELIMIT_ENABLED": False,
    "ARGON2_TIME_COST": 1,
    "ARGON2_MEMORY_COST": 1024,
    "ARGON2_PARALLELISM": 1,
    "MAIL_BACKEND": "console",
    "BASE_URL": "http://portal.test",
    "DIRECTORY_TILE_URL": "",  # no tile server: the map shows its markers alone
    "SERVER_NAME": None,
    # Tests sign the same people in many times a minute; one test turns this back on.
    "SECOND_FACTOR_REFUSE_REUSE": False,
    # Tests move decisions' closes and expect the next request to see them; one test asks less often.
    "DECISIONS_DUE_CHECK_SECONDS": 0,
}


def _audit_code_has_words(mapper, connection, entry):
    """A code recorded anywhere in the suite (the demo's loading included) must have words for
    "Your data" and the audit log; the tests' own codes begin with "test."."""
    from portal.audit.labels import LABELS

    assert entry.action in LABELS or entry.action.startswith("test."), (
        f"the audit code {entry.action!r} has no words in portal/audit/labels.py")


def _refuse_audit_codes_without_words():
    from portal.audit.models import AuditEntry

    if not event.contains(AuditEntry, "before_insert", _audit_code_has_words):
        event.listen(AuditEntry, "before_insert", _audit_code_has_words)


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in a context of its own, as in production:
    its own app context, ``g`` and database session, whatever the test has pushed."""

    def open(self, *args, **kwargs):
        response = contextvars.Context().run(super().open, *args, **kwargs)
        if has_app_context():
            db.session.expire_all()
        return response


def pytest_configure(config):
    """Make an app once before any test module is imported: that maps every area's models, whose
    relationships name each other's classes, so a folder of tests run on its own (which may
    import one area's models first) finds them all."""
    create_app({**TEST_CONFIG, "DATABASE_URL": "sqlite://"})


def pytest_report_header(config):
    return f"database: {os.environ.get('PORTAL_TEST_DATABASE_URL') or 'SQLite (temporary file)'}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    return os.environ.get("PORTAL_TEST_DATABASE_URL") or (
        "sqlite:///" + str(tmp_path_factory.mktemp("database") / "portal.sqlite3")
    )


@contextlib.contextmanager
def throwaway_database(database_url, folder, label):
    """An empty database of the suite's kind beside the suite's own, removed afterwards."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{folder / (label + '.sqlite3')}"
        return
    name = f"portal_{label}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def build_app(database_url, **overrides):
    app = create_app({**TEST_CONFIG, "DATABASE_URL": database_url, **overrides})
    app.test_client_class = IsolatedClient
    _refuse_audit_codes_without_words()
    return app


def with_demo_network(app):
    """Build ``app``'s database with the migrations and load the demo network into it."""
    from portal import demo

    with app.app_context():
        upgrade()
        demo.load()
        db.session.commit()
        db.session.remove()
    return app


@pytest.fixture(scope="session")
def upload_folder(tmp_path_factory):
    """Where the test apps keep uploaded documents: not the install's own instance folder."""
    return str(tmp_path_factory.mktemp("uploads"))


@pytest.fixture(scope="session")
def app(database_url, upload_folder):
    """The app, its database built by the migrations and filled with the demo network."""
    return with_demo_network(build_app(database_url, UPLOAD_FOLDER=upload_folder))


class Rollback:
    """The test's open transaction: apps bound to it share it, and it is undone at the end."""

    def __init__(self, connection):
        self.connection = connection
        self._apps = []

    def bind(self, app):
        """Make every database session of ``app`` use this test's connection."""
        with app.app_context():
            engines = db._app_engines[app]
            self._apps.append((app, engines[None]))
            engines[None] = self.connection
        return app

    @contextlib.contextmanager
    def savepoint(self):
        """Undo whatever happens inside, even what requests commit."""
        db.session.connection()  # the test's own savepoint must sit outside this one
        nested = self.connection.begin_nested()
        try:
            yield
        finally:
            if nested.is_active:
                nested.rollback()
            # The rows beneath the session went back: forget what it thinks it knows.
            db.session.expire_all()

    def release(self):
        for app, engine in self._apps:
            db._app_engines[app][None] = engine


@pytest.fixture(autouse=True)
def rollback(app):
    with app.app_context():
        engine = db.engine
    connection = engine.connect()
    transaction = connection.begin()
    factory_kw = db.session.session_factory.kw
    factory_kw["join_transaction_mode"] = "create_savepoint"
    state = Rollback(connection)
    state.bind(app)
    ctx = app.app_context()
    ctx.push()
    try:
        yield state
    finally:
        db.session.remove()
        ctx.pop()
        state.release()
        factory_kw.pop("join_transaction_mode", None)
        transaction.rollback()
        connection.close()


@pytest.fixture
def make_app(database_url, upload_folder, rollback):
    """Another app on the same test transaction, with different settings."""

    def make(**overrides):
        return rollback.bind(build_app(database_url, **{"UPLOAD_FOLDER": upload_folder, **overrides}))

    # Flask-Limiter keeps one switch for the process, set by the last app made: an app made
    # with the limits on would leave them on for the suite's app (whose sign-in and join
    # forms then refuse the tests that follow, as many as the order puts behind it).
    enabled = limiter.enabled
    yield make
    limiter.enabled = enabled


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(response):
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', response.get_data(as_text=True))
    return match.group(1) if match else None


def totp_now(secret=None):
    import pyotp

    from portal.demo import DEMO_TOTP_SECRET

    return pyotp.TOTP(secret or DEMO_TOTP_SECRET).now()


def sign_in(client, email, password=DEMO_PASSWORD):
    """Sign in through the real forms (with the demo's authenticator code when asked); fail
    the test if it does not work."""
    page = client.get("/sign-in")
    data = {"email": email, "password": password}
    token = csrf_token(page)
    if token:
        data["csrf_token"] = token
    response = client.post("/sign-in", data=data)
    assert response.status_code == 302, f"could not sign in as {email}: {response.status_code}"
    if response.headers["Location"].endswith("/sign-in/code"):
        data = {"code": totp_now()}
        if token:
            data["csrf_token"] = csrf_token(client.get("/sign-in/code"))
        response = client.post("/sign-in/code", data=data)
        assert response.status_code == 302, f"could not give the code for {email}: {response.status_code}"
    return client


@pytest.fixture
def sign_in_as(app):
    """``sign_in_as(email)`` returns a fresh client signed in as that demo person."""

    def make(email):
        return sign_in(app.test_client(), email)

    return make


def person(email):
    from portal.auth.models import Person

    return db.session.scalar(select(Person).where(Person.email == email))


def outbox(kind=None, to=None):
    """The outbox's messages, once the requests in it (a reset asked for) have been turned
    into their emails, as delivery does first."""
    from portal.mail.models import OutboxMessage
    from portal.mail.rules import prepare_requests

    prepare_requests()
    statement = select(OutboxMessage).where(~OutboxMessage.kind.startswith("request:")).order_by(OutboxMessage.id)
    if kind:
        statement = statement.where(OutboxMessage.kind == kind)
    if to:
        statement = statement.where(OutboxMessage.to_address == to)
    return db.session.scalars(statement).all()


def link_in(message):
    match = re.search(r"http://portal\.test(/\S+)", message.body)
    assert match, f"no link in: {message.body}"
    return match.group(1)


class WriteWatch:
    """Watches what a block sends to the database. A block that sent only reads cannot have
    changed it, so the sweeps take the costly digest only after a block that sent anything
    else (``suspect``), and compare it with the digest once the block's savepoint is rolled
    back: the state before the block."""

    READS = ("SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "PRAGMA", "SHOW")
    WRITE = re.compile(r'(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.I)

    def __init__(self, connection, exclude=()):
        self.connection, self.exclude, self.suspect = connection, set(exclude), False

    def __enter__(self):
        event.listen(self.connection, "before_cursor_execute", self._see)
        return self

    def __exit__(self, *exc):
        event.remove(self.connection, "before_cursor_execute", self._see)

    def _see(self, connection, cursor, statement, *args):
        text_ = statement.lstrip()
        if text_.upper().startswith(self.READS):
            return
        written = self.WRITE.match(text_)
        if written is None or written.group(1).lower() not in self.exclude:
            self.suspect = True


def database_digest(exclude=()):
    """A fingerprint of every row of every table, to prove a refused request wrote nothing."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name in exclude:
            continue
        order = [column for column in table.primary_key.columns] or list(table.columns)
        for row in db.session.execute(select(table).order_by(*order)):
            digest.update(repr(tuple(row)).encode())
        digest.update(table.name.encode())
    return digest.hexdigest()


# One served app for the whole run, shared by the browser tests and the tests that send
# real concurrent requests. It runs on a free loopback port against its own database (a
# SQLite file, or a throwaway PostgreSQL database beside the suite's), with CSRF on.

@pytest.fixture(scope="session")
def live_database_url(database_url, tmp_path_factory):
    with throwaway_database(database_url, tmp_path_factory.mktemp("live"), "live") as url:
        yield url


@pytest.fixture(scope="session")
def live_app(live_database_url, upload_folder):
    return with_demo_network(build_app(live_database_url, WTF_CSRF_ENABLED=True, UPLOAD_FOLDER=upload_folder))


@pytest.fixture(scope="session")
def live_server(live_app):
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with live_app.app_context():
        db.engine.dispose()




class HttpSession:
    """A browser-like client for the served app over real HTTP: keeps cookies, never follows redirects."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), self._NoRedirect)

    def request(self, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=60) as response:
                return response.status, response.read().decode(), response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location", "")

    def form_token(self, path):
        status, page, _ = self.request(path)
        assert status == 200, (path, status)
        return page, re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)

    def sign_in(self, email, password=DEMO_PASSWORD):
        _, token = self.form_token("/sign-in")
        status, _, location = self.request("/sign-in", {"email": email, "password": password, "csrf_token": token})
        assert status == 302, f"could not sign in as {email}"
        if location.endswith("/sign-in/code"):
            _, token = self.form_token("/sign-in/code")
            status, _, _ = self.request("/sign-in/code", {"code": totp_now(), "csrf_token": token})
            assert status == 302, f"could not give the code for {email}"
        return self


def in_app(live_app, work):
    """Run ``work()`` against the served app's database, outside any test transaction."""
    with live_app.app_context():
        try:
            return work()
        finally:
            db.session.remove()


def at_once(function, arguments):
    """Run ``function`` on every argument in its own thread, all released together."""
    barrier = threading.Barrier(len(arguments))
    results = [None] * len(arguments)

    def run(index, argument):
        barrier.wait()
        results[index] = function(argument)

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(arguments)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
