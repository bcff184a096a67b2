"""Accounts and access: signing in, passwords, invitations, network roles, and the rules
that decide who may use each page."""


def init_app(app):
    from ..extensions import login_manager
    from ..i18n import translated
    from . import access, security, session
    from .forms import ROLE_LABELS, SECURITY_EVENT_LABELS

    session.init_app(app, login_manager)
    security.init_app(app)
    access.init_app(app)
    security.init_after_access(app)
    app.add_template_global(lambda name: translated(ROLE_LABELS.get(name, name)), "role_label")
    app.add_template_global(lambda kind: translated(SECURITY_EVENT_LABELS.get(kind, kind)), "security_event_label")
