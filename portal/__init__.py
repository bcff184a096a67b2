"""The portal of a network of co-operative councils and affiliates."""

from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


def create_app(config=None):
    """Make the application: configuration, extensions, blueprints, commands."""
    # Imported here so that pure parts of the package (the vote counting) need no Flask.
    from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
    from werkzeug.middleware.proxy_fix import ProxyFix

    from .core.templating import PortalFlask

    app = PortalFlask(__name__, instance_relative_config=True)
    from . import config as settings

    settings.load(app, config)

    if app.config["PROXY_FIX_HOPS"]:
        hops = int(app.config["PROXY_FIX_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("portal"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.add_extension("jinja2.ext.do")

    from .cli import portal_cli

    app.cli.add_command(portal_cli)
    _init_extensions(app)
    _register_blueprints(app)
    return app


def _init_extensions(app):
    from govuk_frontend_wtf.main import WTFormsHelpers

    from . import auth, i18n
    from .core import cache, inputs, markdown, web, widgets
    from .db import configure_engine, watch_rendering
    from .extensions import babel, csrf, db, limiter, migrate

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    watch_rendering(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    WTFormsHelpers(app)
    app.add_template_global(widgets.error_summary)
    i18n.init_app(app)
    web.init_app(app)
    inputs.init_app(app)
    markdown.init_app(app)
    cache.init_app(app)
    auth.init_app(app)


def _register_blueprints(app):
    from . import decisions, directory, forum, groups, labs, membership, notifications, privacy, programme, site
    from .auth.account_views import bp as account_bp
    from .auth.security_views import bp as security_bp
    from .auth.views import bp as auth_bp

    site.init_app(app)
    notifications.init_app(app)
    for blueprint in (auth_bp, account_bp, security_bp):
        app.register_blueprint(blueprint)
    membership.init_app(app)
    decisions.init_app(app)
    labs.init_app(app)
    groups.init_app(app)
    forum.init_app(app)
    privacy.init_app(app)
    directory.init_app(app)
    programme.init_app(app)
