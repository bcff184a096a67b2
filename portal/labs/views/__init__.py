"""Labs' blueprints."""

from .lab_work import bp as lab_work_bp
from .proposals import bp as proposals_bp
from .public import bp as public_bp
from .rounds import bp as rounds_bp
from .toolkit import bp as toolkit_bp

BLUEPRINTS = (public_bp, toolkit_bp, rounds_bp, proposals_bp, lab_work_bp)
