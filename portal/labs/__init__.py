"""Policy Labs: funding rounds, proposals and their partners, review, awards, active labs,
and the toolkit and case studies they leave behind."""


def init_app(app):
    from . import labels, stamps
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    labels.init_app(app)
    stamps.connect()
