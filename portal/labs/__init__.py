"""Policy Labs: funding rounds, proposals and their partners, review, awards, active labs,
and the toolkit and case studies they leave behind."""


def init_app(app):
    from . import labels, stamps
    from .rules import waiting  # noqa: F401 - registers what waits for a person in labs
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    labels.init_app(app)
    stamps.connect()
