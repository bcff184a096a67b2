"""The forum: categories (public, members only, a group's own, announcements), threads and
posts in Markdown, moderation, notifications and digests, unread tracking and search; and
the discussion of each lab, proposal and decision, shown on its page."""


def init_app(app):
    from ..core.signals import group_created
    from ..i18n import translated
    from . import stamps
    from .rules.categories import on_group_created
    from .forms import FLAG_LABELS
    from .permissions import card_key, post_actions
    from .rules import waiting  # noqa: F401 - registers what waits for a person in forum
    from .views import BLUEPRINTS
    from .views.embed import discussion

    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
    app.add_template_global(discussion, "discussion")
    app.add_template_global(post_actions)
    app.add_template_global(card_key, "post_card_key")
    app.add_template_global(lambda key: translated(FLAG_LABELS.get(key, key)), "flag_reason_label")
    group_created.connect(on_group_created, weak=False)
    stamps.connect()
