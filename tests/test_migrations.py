"""The migrations build exactly the models, on SQLite and on PostgreSQL, both ways."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from portal.db import compared_with_models
from portal.extensions import db

from .conftest import build_app, throwaway_database


@pytest.fixture
def empty_database_url(database_url, tmp_path):
    with throwaway_database(database_url, tmp_path, "migrations") as url:
        yield url


def _pending_differences():
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": compared_with_models})
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
