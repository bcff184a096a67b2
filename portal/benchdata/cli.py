"""``flask portal bench-data``: fill a database with data at scale for the performance harness."""

import os
import sys
import time
from contextlib import contextmanager

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import text
from sqlalchemy.exc import OperationalError, ProgrammingError

from ..extensions import db


@contextmanager
def _bar(label, length):
    with click.progressbar(length=length, label=f"{label:<13}", file=sys.stderr, show_pos=True) as bar:
        yield bar


@click.command("bench-data")
@click.option("--scale", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="1 is 1,000 members, 10,000 people, 300 labs, 100,000 posts, 100,000 ballots; counts are linear in it.")
@click.option("--manifest", "manifest_path", type=click.Path(dir_okay=False), default=None,
              help="Where to write the harness's manifest (default: instance/bench-manifest.json).")
@with_appcontext
def bench_data(scale, manifest_path):
    """Add bench data at a scale to the demo network (loading the demo into an empty database);
    refuses a database that already holds bench data. PORTAL_BENCH_PASSWORD sets the password."""
    from .. import demo
    from . import manifest
    from .context import DemoMissing
    from .load import AlreadyLoaded, load
    from .plan import plan_for

    started = time.perf_counter()
    _check_migrated()
    demo_password = None
    try:
        if not demo.has_data():
            click.echo("The database is empty: loading the demo network first.")
            demo_password = demo.load()
        counts = plan_for(scale)
        click.echo(f"Writing bench data at scale {scale:g}: {counts.members:,} members, {counts.people:,} people, "
                   f"{counts.labs:,} labs, {counts.tasks:,} tasks, {counts.posts:,} posts in {counts.threads:,} threads, "
                   f"{counts.decisions:,} decisions with up to {counts.ballots:,} ballots.")
        written = load(scale, demo_password=demo_password, progress=_bar)
        db.session.commit()
    except AlreadyLoaded as error:
        db.session.rollback()
        raise click.ClickException(f"This database already holds bench data (written {error.at:%d %B %Y at %H:%M} UTC). "
                                   "Use a new database: bench data is added once.") from None
    except DemoMissing as error:
        db.session.rollback()
        raise click.ClickException(f"This database holds data but not the demo network the bench data builds on "
                                   f"(missing: {error}). Use an empty database, or one loaded by `flask portal demo`.") from None
    _analyse()
    path = manifest.save(written, manifest_path or os.path.join(current_app.instance_path, "bench-manifest.json"))
    click.echo(f"Done in {time.perf_counter() - started:.1f} s: {sum(written['counts'].values()):,} rows written. "
               f"Manifest: {path}")


def _check_migrated():
    try:
        db.session.execute(text("SELECT 1 FROM audit_head"))
    except (OperationalError, ProgrammingError):
        db.session.rollback()
        raise click.ClickException("The database has no tables yet: run `flask db upgrade` first.") from None


def _analyse():
    """Refresh PostgreSQL's planner statistics after a load this size, as autovacuum would later."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        db.session.commit()
