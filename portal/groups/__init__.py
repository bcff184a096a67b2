"""Groups and the plans they keep: a lab's steering group or a standing working group,
its people, tasks and milestones, timeline, baselines, risks, meetings and calendars."""


def init_app(app):
    from . import labels, stamps, steering
    from .rules import waiting  # noqa: F401 - registers what waits for a person in groups
    from .views import BLUEPRINTS

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    labels.init_app(app)
    steering.connect()
    stamps.connect()
    app.extensions["steering_group_of"] = steering.group_of
