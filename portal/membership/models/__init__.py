"""Membership: members and their people, tiers, applications to join, and the money."""

from .applications import Application
from .billing import CreditEntry, InvoicingDetails, MemberBilling
from .members import MEMBER_KINDS, MEMBER_STATUSES, REPRESENTATIVE_ROLES, Member, Representative, StatusChange
from .money import Adjustment, DocumentCounter, Invoice, InvoiceReminder, Payment, Subscription
from .tiers import Tier, TierBand

__all__ = [
    "MEMBER_KINDS",
    "MEMBER_STATUSES",
    "REPRESENTATIVE_ROLES",
    "Adjustment",
    "Application",
    "CreditEntry",
    "InvoicingDetails",
    "MemberBilling",
    "DocumentCounter",
    "Invoice",
    "InvoiceReminder",
    "Member",
    "Payment",
    "Representative",
    "StatusChange",
    "Subscription",
    "Tier",
    "TierBand",
]
