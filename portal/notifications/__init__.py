"""Notifications: a copy of every email to a person on their Notifications page, their
choice per category of how messages reach them, and the one daily digest.

It sits above the shared layers it uses (auth, mail) and imports no area: it hears of each
email by registering with the outbox, and each area's kinds of email are named in kinds.py.
"""


def init_app(app):
    from .. import mail
    from ..i18n import translated
    from .forms import CHOICE_LABELS
    from .kinds import CATEGORIES, MUST, PRIVATE_LINKS, label_of
    from .rules import record
    from . import waiting  # noqa: F401 - registers the unread count with the home page and navigation
    from .views import bp

    app.register_blueprint(bp)
    mail.decides_delivery(record)
    groups = {**CATEGORIES, **MUST}
    app.add_template_global(lambda kind: translated(label_of(kind)), "notification_kind_label")
    app.add_template_global(lambda group: translated((groups.get(group) or (_other(),))[0]), "notification_group_label")
    app.add_template_global(lambda choice: translated(CHOICE_LABELS.get(choice, choice)), "notification_choice_label")
    app.add_template_global(list(CATEGORIES), "notification_categories")
    app.add_template_global(MUST, "notification_must")
    app.add_template_global(PRIVATE_LINKS, "private_link_kinds")


def _other():
    from flask_babel import gettext

    return gettext("Other messages")
