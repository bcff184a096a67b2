"""The demo network has an administrator whose password and authenticator key are published
in the README: it is loaded into development databases only, unless forced."""

from flask_migrate import upgrade

from portal.extensions import db

from .conftest import build_app, throwaway_database


def _demo(app, *options):
    return app.test_cli_runner().invoke(args=["portal", "demo", *options])


def test_the_demo_is_refused_outside_development(database_url, tmp_path):
    with throwaway_database(database_url, tmp_path, "demo") as url:
        for environment in ("production", "testing"):
            app = build_app(url, ENV_NAME=environment)
            with app.app_context():
                upgrade()
                result = _demo(app, "--if-empty")
                assert result.exit_code != 0 and "loaded only in development" in result.output
                from portal.demo import has_data

                assert not has_data()
                db.engine.dispose()


def test_the_demo_loads_into_an_empty_development_database_and_only_once(database_url, tmp_path):
    with throwaway_database(database_url, tmp_path, "demo") as url:
        app = build_app(url, ENV_NAME="development")
        with app.app_context():
            upgrade()
            assert "Demo network loaded" in _demo(app, "--if-empty").output
            assert "already holds data: the demo was not loaded" in _demo(app, "--if-empty").output
            db.engine.dispose()


def test_the_demo_can_be_forced_outside_development(database_url, tmp_path):
    with throwaway_database(database_url, tmp_path, "demo") as url:
        app = build_app(url, ENV_NAME="production", SECRET_KEY="x" * 64)
        with app.app_context():
            upgrade()
            assert "Demo network loaded" in _demo(app, "--force").output
            db.engine.dispose()
