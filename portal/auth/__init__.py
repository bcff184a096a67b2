"""Accounts and access: signing in, passwords, invitations, network roles, and the rules
that decide who may use each page."""


def init_app(app):
    from ..extensions import login_manager
    from . import access, session
    from .forms import ROLE_LABELS

    session.init_app(app, login_manager)
    access.init_app(app)
    app.add_template_global(lambda name: ROLE_LABELS.get(name, name), "role_label")
