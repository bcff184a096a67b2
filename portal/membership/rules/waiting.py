"""What waits for a person in membership: their member's unpaid invoices (for its member
admins, who may open them), and for the secretariat the applications waiting and the number
of invoices overdue."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...core import waiting
from ..models import Application, Invoice
from .dates import today

UNPAID = Invoice.total_pence - Invoice.paid_pence - Invoice.adjusted_pence > 0


def statements(person, now):
    branches = []
    if person.is_member_admin and person.member_id is not None:
        branches.append(select(*waiting.columns("membership.invoice", "organisation.account", ref=Invoice.id,
                                                title=Invoice.number, on=Invoice.due_on))
                        .where(Invoice.member_id == person.member_id, UNPAID))
    if person.is_secretariat:
        branches.append(select(*waiting.columns("membership.application", "secretariat.dashboard", ref=Application.id,
                                                title=Application.name, at=Application.submitted_at))
                        .where(Application.status == "submitted"))
        branches.append(waiting.summary("membership.overdue", "secretariat.dashboard",
                                        select(Invoice.id).where(UNPAID, Invoice.due_on < today())))
    return branches


def _invoice(row):
    overdue = row.on < today()
    return waiting.Item("membership.invoice", _("Pay invoice %(number)s", number=row.title),
                        url_for("invoices.show", invoice_id=row.ref), due=row.on, note=_("Due"),
                        status=_("overdue") if overdue else _("due"), overdue=overdue)


def _application(row):
    return waiting.Item("membership.application", _("Decide the application from %(name)s", name=row.title),
                        url_for("applications.show", application_id=row.ref), due=row.at, note=_("Applied"))


def _overdue(row):
    return waiting.Item("membership.overdue", _("Invoices overdue: %(count)d", count=row.number),
                        url_for("secretariat.dashboard"), overdue=True)


waiting.source(statements, {"membership.invoice": _invoice, "membership.application": _application,
                            "membership.overdue": _overdue})
