"""The application class, for its Jinja environment."""

from flask import Flask
from flask.templating import Environment


class PortalEnvironment(Environment):
    """Each template sees the app's globals as a plain dict made when it is loaded, rather than
    through Jinja's ChainMap. Every ``{% from ... import %}`` compares the globals of the two
    templates (GOV.UK Frontend's macros import as they are called), and through a ChainMap that
    comparison took a fifth of a light page's time. The app adds all its globals while it is
    made, before any template is loaded, so a snapshot sees them all."""

    def make_globals(self, d):
        return {**self.globals, **(d or {})}


class PortalFlask(Flask):
    jinja_environment = PortalEnvironment


def compile_templates(app):
    """Load every page and email template, so that workers forked from this process share
    them compiled: otherwise each worker compiles each template on its first use, and the
    first voters to reach each worker in a vote wait for it. A second or two, once."""
    environment = app.jinja_env
    names = [name for name in environment.list_templates() if name.endswith((".html", ".txt"))]
    for name in names:
        environment.get_template(name)
    return len(names)
