"""The site around the areas: the home page, the language switch and the footer's pages, the
navigation at the top of every page, and the audit log's page.

It sits above the shared layers, which it asks who may see what (auth) and what happened
(audit), and those import nothing of it: the arrows run one way.
"""


def init_app(app):
    from ..audit import labels
    from . import navigation
    from .audit_views import bp as audit_bp
    from .views import bp as core_bp

    navigation.init_app(app)
    labels.init_app(app)
    app.register_blueprint(core_bp)
    app.register_blueprint(audit_bp)
