"""A member's status: derived from its subscriptions and dates by one rule."""

from sqlalchemy import select

from ... import audit
from ...extensions import db
from ..models import Invoice, StatusChange
from .dates import grace_period, today


def derive_status(member, invoices, day):
    """The status ``member`` holds on ``day``, given its ``invoices``.

    Resigned and suspended are decisions of the secretariat and hold until undone; a
    member never approved is an applicant; otherwise the oldest unpaid invoice past its
    due date decides: inside the grace period 'in_grace', beyond it 'lapsed'.
    """
    if member.resigned_on is not None and member.resigned_on <= day:
        return "resigned"
    if member.suspended_reason:
        return "suspended"
    if member.joined_on is None or member.joined_on > day:
        return "applicant"
    overdue = [invoice.due_on for invoice in invoices if invoice.overdue_on(day)]
    if not overdue:
        return "active"
    return "lapsed" if min(overdue) + grace_period() < day else "in_grace"


def refresh_status(member, *, reason=None, day=None, invoices=None):
    """Bring the stored status up to date; record the change in the history and the audit log."""
    day = day or today()
    if invoices is None:
        invoices = db.session.scalars(select(Invoice).where(Invoice.member_id == member.id)).all()
    status = derive_status(member, invoices, day)
    if status == member.status:
        return False
    before = member.status
    member.status = status
    member.status_changes.append(StatusChange(status=status, reason=reason))
    audit.record("member.status_changed", member, detail={"before": before, "after": status})
    return True


def refresh_all(day=None, progress=None):
    """Refresh every member's status (the daily command); return how many changed."""
    from ..models import Member

    day = day or today()
    invoices_by_member = {}
    for invoice in db.session.scalars(select(Invoice)):
        invoices_by_member.setdefault(invoice.member_id, []).append(invoice)
    changed = 0
    members = db.session.scalars(select(Member).order_by(Member.id)).all()
    for member in progress(members) if progress else members:
        changed += refresh_status(member, day=day, invoices=invoices_by_member.get(member.id, []))
    return changed


def suspend(member, reason, *, by):
    """Suspend a member (its vote and its people's member rights) until reinstated."""
    member.suspended_reason = reason
    audit.record("member.suspended", member, actor=by)
    refresh_status(member, reason=reason)


def resign(member, on, reason, *, by):
    """Record that a member resigns, from ``on``."""
    member.resigned_on = on
    audit.record("member.resigned", member, actor=by, detail={"on": on.isoformat()})
    refresh_status(member, reason=reason)


def reinstate(member, reason, *, by):
    """Undo a suspension or resignation; the status follows the subscriptions again."""
    member.suspended_reason = None
    member.resigned_on = None
    audit.record("member.reinstated", member, actor=by)
    refresh_status(member, reason=reason)
