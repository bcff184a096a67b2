"""Groups' blueprints."""

from .calendars import bp as calendars_bp
from .groups import bp as groups_bp
from .meetings import bp as meetings_bp
from .plan import bp as plan_bp

BLUEPRINTS = (groups_bp, plan_bp, meetings_bp, calendars_bp)
