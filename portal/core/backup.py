"""Backing up the whole database to a file, and restoring a file into an empty database.

SQLite uses its online backup API, which copies a consistent snapshot while the portal
keeps running. PostgreSQL uses pg_dump's custom format and pg_restore, which must be
installed (the postgresql-client package) and of a version at least the server's.
"""

import os
import shutil
import sqlite3
# pg_dump and pg_restore, run with fixed arguments and no shell.
import subprocess  # nosec B404
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from ..extensions import db


class BackupError(Exception):
    pass


def _libpq(url):
    """The database URL as libpq expects it, and its password apart (given through the environment)."""
    url = make_url(url)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = url.password
    plain = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return plain, env


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed: install the PostgreSQL client tools")
    return path


def backup(path):
    """Write the whole database to ``path``."""
    path = Path(path)
    engine = db.engine
    if engine.dialect.name == "sqlite":
        target = sqlite3.connect(path)
        try:
            with engine.raw_connection() as raw:
                raw.driver_connection.backup(target)
        finally:
            target.close()
        return
    url, env = _libpq(engine.url)
    result = subprocess.run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={path}", f"--dbname={url}"],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or "pg_dump failed")


def restore(path):
    """Fill the (empty) database from a backup at ``path``."""
    path = Path(path)
    if not path.exists():
        raise BackupError(f"there is no backup at {path}")
    engine = db.engine
    if inspect(engine).get_table_names():
        raise BackupError("the database is not empty: restore into a new, empty database")
    if engine.dialect.name == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            with engine.raw_connection() as raw:
                source.backup(raw.driver_connection)
        finally:
            source.close()
        engine.dispose()
        return
    url, env = _libpq(engine.url)
    result = subprocess.run([_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={url}", str(path)],
                            env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or "pg_restore failed")
    engine.dispose()
