from .imports import bp as imports_bp
from .moderation import bp as moderation_bp
from .public import bp as public_bp

BLUEPRINTS = (public_bp, moderation_bp, imports_bp)
