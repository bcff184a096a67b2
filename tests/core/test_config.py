import pytest

from portal import create_app


def test_secret_key_is_generated_into_the_instance_folder_once(tmp_path, monkeypatch):
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    app = _configured(tmp_path)
    key_file = tmp_path / "secret_key"
    assert key_file.read_text() == app.config["SECRET_KEY"]
    assert len(app.config["SECRET_KEY"]) >= 64
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert _configured(tmp_path).config["SECRET_KEY"] == app.config["SECRET_KEY"]


def _configured(instance_path):
    from flask import Flask

    from portal import config

    app = Flask("portal", instance_path=str(instance_path))
    config.load(app, {"DATABASE_URL": "sqlite://"})
    return app


def test_production_refuses_to_start_without_a_secret_key(tmp_path, monkeypatch):
    from flask import Flask

    from portal import config

    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    app = Flask("portal", instance_path=str(tmp_path))
    with pytest.raises(RuntimeError, match="PORTAL_SECRET_KEY"):
        config.load(app, {"ENV_NAME": "production"})
    assert not (tmp_path / "secret_key").exists()


def test_environment_variables_override_defaults(monkeypatch):
    monkeypatch.setenv("PORTAL_DATABASE_URL", "sqlite:////tmp/elsewhere.sqlite3")
    monkeypatch.setenv("PORTAL_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("PORTAL_MAIL_PORT", "2525")
    app = create_app()
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:////tmp/elsewhere.sqlite3"
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["MAIL_PORT"] == 2525


def test_sqlite_is_set_up_for_concurrent_use(rollback):
    from sqlalchemy import text

    connection = rollback.connection
    if connection.dialect.name != "sqlite":
        pytest.skip("SQLite settings; this run is on PostgreSQL")
    assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
    assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 15000


def test_sqlite_takes_the_write_lock_for_forms_but_not_while_a_page_is_drawn(app):
    """A form's transactions take SQLite's write lock at BEGIN; drawing its answer after the
    commit does not (it only reads, and every other writer would wait for it); a page that
    writes after it is drawn asks for the lock with ``writing()``."""
    from flask import render_template_string

    from portal.db import _takes_write_lock, writing

    def drawn():
        return render_template_string("{{ probe() }}", probe=_takes_write_lock)

    with app.test_request_context("/forum/threads/1/reply", method="POST"):
        assert _takes_write_lock() is True
        assert drawn() == "False"
        assert _takes_write_lock() is True  # the drawing is over
    with app.test_request_context("/forum/"):
        assert _takes_write_lock() is False
        with writing():
            assert _takes_write_lock() is True
        assert _takes_write_lock() is False
    with app.app_context():
        assert _takes_write_lock() is True  # commands write


def test_a_ballot_holds_sqlites_write_lock_only_while_it_is_cast(app):
    """The ballot form reads who is voting, for whom and the form without the write lock,
    so that a thousand voters queue only for the casting; the cast takes it at its BEGIN."""
    from portal.db import _takes_write_lock, writing

    with app.test_request_context("/decisions/1/ballot/1", method="POST"):
        assert _takes_write_lock() is False
        with writing():
            assert _takes_write_lock() is True
    with app.test_request_context("/decisions/1/edit", method="POST"):
        assert _takes_write_lock() is True  # other forms write as they go


def test_production_warns_when_sign_in_guesses_are_counted_in_each_worker_s_memory(tmp_path, caplog):
    from flask import Flask

    from portal import config

    for storage, warned in (("memory://", True), ("redis://127.0.0.1:6379/0", False)):
        caplog.clear()
        app = Flask("portal", instance_path=str(tmp_path))
        config.load(app, {"ENV_NAME": "production", "SECRET_KEY": "x" * 64, "RATELIMIT_STORAGE_URI": storage})
        assert any("Point it at Redis" in record.getMessage() for record in caplog.records) == warned


def test_links_in_emails_follow_the_port_make_run_serves_on_in_development():
    from portal.config import base_url

    assert base_url("development", {"PORT": "5101"}) == "http://127.0.0.1:5101"
    assert base_url("development", {}) == "http://127.0.0.1:5000"
    assert base_url("development", {"PORT": "not a port"}) == "http://127.0.0.1:5000"
    assert base_url("production", {"PORT": "5101"}) == "http://127.0.0.1:5000"


def test_the_port_is_used_only_when_base_url_is_not_set(tmp_path, monkeypatch):
    from flask import Flask

    from portal import config

    monkeypatch.setenv("PORT", "5101")
    monkeypatch.delenv("PORTAL_BASE_URL", raising=False)
    app = Flask("portal", instance_path=str(tmp_path))
    config.load(app, {"DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    assert app.config["BASE_URL"] == "http://127.0.0.1:5101"
    monkeypatch.setenv("PORTAL_BASE_URL", "https://portal.example.org")
    app = Flask("portal", instance_path=str(tmp_path))
    config.load(app, {"DATABASE_URL": "sqlite://", "SECRET_KEY": "x"})
    assert app.config["BASE_URL"] == "https://portal.example.org"


def test_make_exports_the_port_to_the_portal():
    """`make run` without PORT serves on 5000 and the portal must know it too: PORT is exported."""
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    environ = {key: value for key, value in os.environ.items() if key not in ("PORT", "MAKEFLAGS", "MFLAGS")}
    shown = subprocess.run(["make", "-s", "--eval", "portal-show-port: ; @echo \"port=$$PORT\"", "portal-show-port"],
                           capture_output=True, text=True, cwd=root, env=environ, check=True).stdout
    assert shown.strip() == "port=5000"
