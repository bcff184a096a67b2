"""The work programme's blueprints."""

from . import vote  # noqa: F401 - its views are on the ideas blueprint
from .ideas import bp as ideas_bp

BLUEPRINTS = (ideas_bp,)
