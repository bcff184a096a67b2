"""The work programme's blueprints."""

from . import delivery, meetings, vote  # noqa: F401 - their views are on the ideas blueprint
from .ideas import bp as ideas_bp

BLUEPRINTS = (ideas_bp,)
