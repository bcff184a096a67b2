"""Decisions put to the members: motions, choices and elections, one member one vote."""


def init_app(app):
    from . import labels, results_views  # noqa: F401 - results_views adds the results pages to the decisions blueprint
    from .admin_views import bp as admin_bp
    from .proxy_views import bp as proxies_bp
    from .rules import waiting  # noqa: F401 - registers what waits for a person in decisions
    from .views import bp

    for blueprint in (bp, admin_bp, proxies_bp):
        app.register_blueprint(blueprint)
    labels.init_app(app)
