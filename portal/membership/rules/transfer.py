"""Members to and from CSV: the import validates every row before writing any."""

from datetime import UTC, datetime, time
from decimal import Decimal
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...auth import rules as accounts
from ...auth.forms import email_is_valid
from ...core.spreadsheets import RowProblem, read_table, write_table
from ...extensions import db
from ..models import MEMBER_KINDS, Member, Representative, Tier
from ..models.members import normalise_name
from .dates import today, year_start
from .people import name_representative
from .status import refresh_status

REQUIRED = ("name", "kind", "tier", "contact_email")
OPTIONAL = ("contact_name", "region", "website", "registration_number")
COLUMNS = REQUIRED + OPTIONAL
# The export also says where each membership stands; an import reads past it (status follows
# from subscriptions and the secretariat's decisions, never from a file).
EXPORTED = COLUMNS + ("status",)


@dataclass
class ImportPlan:
    """What an import would do: rows to add, rows that change an existing member, problems."""

    to_add: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    unchanged: int = 0
    problems: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems


def read_rows(data):
    """Parse CSV bytes or text into (line number, row) pairs; a problem when it is not CSV."""
    return read_table(data, required=REQUIRED, known=EXPORTED)


def plan_import(data):
    """Check every row and work out what importing would change, writing nothing."""
    rows, problems = read_rows(data)
    plan = ImportPlan(problems=problems)
    if problems:
        return plan
    tiers = {tier.name_en.lower(): tier for tier in db.session.scalars(select(Tier))}
    members = db.session.scalars(select(Member).options(joinedload(Member.tier))).all()
    by_number = {m.registration_number: m for m in members if m.registration_number}
    by_name = {m.normalised_name: m for m in members}
    seen = {}
    for line, row in rows:
        message = _row_problem(row, tiers)
        key = row.get("registration_number", "").upper() or normalise_name(row["name"])
        if not message and key in seen:
            message = _l("the same member as line %(line)d", line=seen[key])
        if message:
            plan.problems.append(RowProblem(line, message))
            continue
        seen[key] = line
        existing = by_number.get(row.get("registration_number", "").upper()) or by_name.get(normalise_name(row["name"]))
        if existing is None:
            plan.to_add.append((line, row))
        elif _differs(existing, row):
            plan.to_update.append((line, row, existing))
        else:
            plan.unchanged += 1
    return plan


def _row_problem(row, tiers):
    if not row.get("name"):
        return _l("name is empty")
    if len(row["name"]) > 200:
        return _l("name is longer than 200 characters")
    if row.get("kind") not in MEMBER_KINDS:
        return _l("kind must be one of %(kinds)s", kinds=", ".join(MEMBER_KINDS))
    tier = tiers.get(row.get("tier", "").lower())
    if tier is None:
        return _l("no tier called '%(tier)s'", tier=row.get("tier", ""))
    if tier.eligible_kinds and row["kind"] not in tier.eligible_kinds:
        return _l("a %(kind)s cannot hold the %(tier)s tier", kind=row["kind"], tier=tier.name_en)
    if not email_is_valid(row.get("contact_email", "")):
        return _l("contact_email is not an email address")
    if row.get("website") and not row["website"].startswith(("http://", "https://")):
        return _l("website must start with https://")
    for name, limit in (("region", 60), ("website", 300), ("registration_number", 40), ("contact_name", 200)):
        if len(row.get(name, "")) > limit:
            return _l("%(column)s is longer than %(count)d characters", column=name, count=limit)
    return None


def _differs(member, row):
    return (
        member.name != row["name"]
        or member.kind != row["kind"]
        or (member.tier.name_en if member.tier else "").lower() != row["tier"].lower()
        or (member.region or "") != row.get("region", "")
        or (member.website or "") != row.get("website", "")
    )


def apply_import(plan, *, by=None):
    """Write a checked plan: add new members (inviting their contacts), update changed ones."""
    assert plan.ok, "refusing to import a file with problems"
    tiers = {tier.name_en.lower(): tier for tier in db.session.scalars(select(Tier))}
    for _line, row in plan.to_add:
        member = Member(
            name=row["name"],
            normalised_name=normalise_name(row["name"]),
            kind=row["kind"],
            tier=tiers[row["tier"].lower()],
            region=row.get("region") or None,
            website=row.get("website") or None,
            registration_number=row.get("registration_number", "").upper() or None,
            joined_on=today(),
            status="applicant",
        )
        db.session.add(member)
        db.session.flush()
        audit.record("member.imported", member, actor=by)
        refresh_status(member, reason="imported")
        contact = accounts.find_person(row["contact_email"])
        if contact is None:
            contact = accounts.invite_person(
                name=row.get("contact_name") or row["contact_email"],
                email=row["contact_email"],
                member=member,
                is_member_admin=True,
                invited_by=by,
            )
        if contact.member_id == member.id:
            name_representative(member, "contact", contact, by=by)
    for _line, row, member in plan.to_update:
        before = {"name": member.name, "kind": member.kind, "tier_id": member.tier_id}
        member.name, member.kind = row["name"], row["kind"]
        member.normalised_name = normalise_name(row["name"])
        member.tier = tiers[row["tier"].lower()]
        member.region = row.get("region") or None
        member.website = row.get("website") or None
        audit.record("member.updated_by_import", member, actor=by, detail={"before": before})
    db.session.flush()
    return len(plan.to_add), len(plan.to_update)


def export_members(out):
    """Write every member as CSV with the import's columns and its status, so an export
    imports back unchanged."""
    members = db.session.scalars(
        select(Member)
        .options(joinedload(Member.tier), selectinload(Member.representatives).joinedload(Representative.person))
        .order_by(Member.name)
    ).all()
    write_table(out, EXPORTED, (_member_row(member, member.representative("contact")) for member in members))


def _member_row(member, contact):
    return [
        member.name,
        member.kind,
        member.tier.name_en if member.tier else "",
        contact.email if contact else "",
        contact.name if contact else "",
        member.region,
        member.website,
        member.registration_number,
        member.status,
    ]


LEDGER_COLUMNS = ("date", "type", "number", "invoice", "member", "registration_number", "amount_gbp", "vat_gbp", "method", "reference", "reason")


def export_money(out, year):
    """Every invoice, payment, credit note and waiver of a membership year, as a ledger for finance."""
    from ..models import Adjustment, Invoice, Payment

    def pounds(pence):
        return (Decimal(pence) / 100).quantize(Decimal("0.01"))

    rows = []
    for invoice in db.session.scalars(select(Invoice).options(joinedload(Invoice.member)).where(Invoice.year == year)):
        member = invoice.member
        rows.append((invoice.issued_on, "invoice", invoice.number, invoice.number, member.name, member.registration_number,
                     pounds(invoice.total_pence), pounds(invoice.vat_pence), "", "", ""))
    payments = db.session.execute(
        select(Payment, Invoice).join(Invoice).options(joinedload(Invoice.member)).where(Invoice.year == year)
    ).all()
    for payment, invoice in payments:
        rows.append((payment.received_on, "payment", "", invoice.number, invoice.member.name, invoice.member.registration_number,
                     pounds(payment.amount_pence), "", payment.method, payment.reference, ""))
    adjustments = db.session.execute(
        select(Adjustment, Invoice).join(Invoice).options(joinedload(Invoice.member)).where(Invoice.year == year)
    ).all()
    for adjustment, invoice in adjustments:
        rows.append((adjustment.created_at.date(), adjustment.kind, adjustment.number, invoice.number, invoice.member.name,
                     invoice.member.registration_number, pounds(adjustment.amount_pence), "", "", "", adjustment.reason))
    rows += _credit_rows(year, pounds)
    write_table(out, LEDGER_COLUMNS, ((row[0].isoformat(), *row[1:]) for row in sorted(rows, key=lambda r: (r[0], r[3], r[1]))))


CREDIT_TYPES = {"overpayment": "credit_kept", "applied": "credit_used", "refund": "credit_refunded"}


def _credit_rows(year, pounds):
    """Credit kept from, or used against, the year's invoices, and credit refunded in the year."""
    from ..models import CreditEntry, Invoice

    start, end = year_start(year), year_start(year + 1)
    entries = db.session.scalars(
        select(CreditEntry).outerjoin(Invoice, CreditEntry.invoice_id == Invoice.id)
        .options(joinedload(CreditEntry.invoice), joinedload(CreditEntry.member))
        .where((Invoice.year == year) | ((CreditEntry.kind == "refund") & (CreditEntry.created_at >= datetime.combine(start, time(), UTC))
                                         & (CreditEntry.created_at < datetime.combine(end, time(), UTC))))
    ).all()
    return [(entry.created_at.date(), CREDIT_TYPES[entry.kind], "", entry.invoice.number if entry.invoice else "",
             entry.member.name, entry.member.registration_number, pounds(abs(entry.amount_pence)), "", "", "", entry.reason)
            for entry in entries]
