"""The work programme, co-produced: calls for ideas and members' supports, motions and
amendments for a general meeting, the programme vote, and delivery reported in public."""


def init_app(app):
    from . import labels
    from .rules import waiting  # noqa: F401 - registers what waits for a person in the work programme
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    labels.init_app(app)
