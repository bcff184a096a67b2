"""The migrations build exactly the models, on SQLite and on PostgreSQL, both ways."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from portal.extensions import db

from .conftest import build_app


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    """A database of the suite's kind, empty, dropped afterwards."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.sqlite3'}"
        return
    name = f"portal_migrations_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _pending_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_build_exactly_the_models_and_round_trip(empty_database_url):
    app = build_app(empty_database_url)
    with app.app_context():
        upgrade()
        assert _pending_differences() == []
        tables = set(inspect(db.engine).get_table_names())
        assert set(db.metadata.tables) <= tables

        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}

        upgrade()
        assert _pending_differences() == []
        db.engine.dispose()


def test_migration_files_are_named_for_what_they_do():
    from pathlib import Path

    versions = Path(__file__).resolve().parent.parent / "migrations" / "versions"
    names = [path.name for path in versions.glob("*.py")]
    assert names, "no migrations found"
    assert all(len(name.split("_", 2)[2]) > 10 for name in names), names
