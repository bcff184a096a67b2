"""The forum's blueprints."""

from .moderating import bp as moderating_bp
from .reading import bp as reading_bp
from .writing import bp as writing_bp

BLUEPRINTS = (reading_bp, writing_bp, moderating_bp)
