"""Membership's blueprints."""

from .applications import bp as applications_bp
from .billing import bp as billing_bp
from .directory import bp as directory_bp
from .invoices import bp as invoices_bp
from .join import bp as join_bp
from .organisation import bp as organisation_bp
from .people import bp as people_bp
from .secretariat import bp as secretariat_bp
from .tiers import bp as tiers_bp

BLUEPRINTS = (directory_bp, join_bp, organisation_bp, people_bp, invoices_bp, secretariat_bp, applications_bp, tiers_bp, billing_bp)
