"""The work programme's blueprints."""

from .ideas import bp as ideas_bp

BLUEPRINTS = (ideas_bp,)
