"""The migrations build exactly the models, on SQLite and on PostgreSQL, both ways."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select

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


# The schema as first released (22 November 2026); every migration after it meets real data.
FIRST_RELEASE = "e7eae1740e44"


def test_the_migrations_since_the_first_release_keep_a_database_full_of_data(empty_database_url):
    """Down to the first release and up again, with the demo network in the tables they change
    and in the tables that refer to those (SQLite cannot drop a table that rows refer to)."""
    from portal import demo
    from portal.decisions.models import Ballot, Decision
    from portal.groups.models import Group, Task

    app = build_app(empty_database_url)
    with app.app_context():
        upgrade()
        demo.load()
        db.session.commit()
        tables = (Group, Task, Decision, Ballot)
        held = {model.__tablename__: db.session.query(model).count() for model in tables}
        assert all(held.values())
        db.session.remove()

        downgrade(revision=FIRST_RELEASE)
        upgrade()
        assert _pending_differences() == []
        assert {model.__tablename__: db.session.query(model).count() for model in tables} == held
        assert _claimed_by_lab() == _claims_by_lab() != {}
        assert _forum_digest_takers() == ["rep@wmca.example.org"]  # through the forum's own table and back
        db.session.remove()
        db.engine.dispose()


def _forum_digest_takers():
    from portal.auth.models import Person
    from portal.notifications.models import DeliveryChoice

    return db.session.scalars(select(Person.email).join(DeliveryChoice, DeliveryChoice.person_id == Person.id).where(
        DeliveryChoice.category == "forum", DeliveryChoice.choice == "digest")).all()


def _claimed_by_lab():
    from portal.labs.models import Lab

    return dict(db.session.execute(select(Lab.id, Lab.claimed_pence).where(Lab.claimed_pence != 0)).all())


def _claims_by_lab():
    from portal.labs.models import AwardPayment

    return dict(db.session.execute(select(AwardPayment.lab_id, func.sum(AwardPayment.amount_pence)).group_by(AwardPayment.lab_id)).all())
