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
