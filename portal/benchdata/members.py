"""Bench members: councils and combined authorities in the voting tiers, each with this
year's subscription, its numbered invoice and (mostly) its payment, and a status history.

Most members are in good standing, some in their grace period, some lapsed, as in the
demo. Each status is the one the portal's own rule (``derive_status``) gives for the
member's invoices today (``load`` runs ``refresh_all`` afterwards, which changes nothing).
"""

from datetime import UTC, date, datetime, time, timedelta
from types import SimpleNamespace

from flask import current_app
from sqlalchemy import select, update

from ..db import insert_ignoring_duplicates
from ..membership.models import DocumentCounter, Invoice, Member, Payment, StatusChange, Subscription, Tier
from ..membership.models.members import normalise_name
from ..membership.rules.dates import grace_period, membership_year, year_start
from ..membership.rules.status import derive_status
from ..extensions import db
from . import names
from .bulk import insert_rows

FOUNDED = date(2016, 3, 1)
# Target shares of this year's story: paid, in the grace period, lapsed.
STANDING = (("active", 85), ("in_grace", 9), ("lapsed", 6))


def write(bench):
    """Insert the plan's members with their money and status history; fill ``bench.members``."""
    rng, plan = bench.rng, bench.plan
    taken = db.session.scalars(select(Member.name)).all()
    tiers = {tier.name_en: tier for tier in db.session.scalars(select(Tier))}
    councils = names.council_names(rng, plan.members, taken)
    with bench.stage("Members", plan.members) as bar:
        rows = [_member_row(rng, n, council, tiers) for n, council in enumerate(councils)]
        ids = insert_rows(Member, [row for row, _ in rows], bar=bar, ids=True)
    for member_id, (row, council) in zip(ids, rows):
        member = {"id": member_id, "name": row["name"], "place": council["place"], "region": row["region"],
                  "tier_id": row["tier_id"], "population": row["population"], "joined_on": row["joined_on"],
                  "domain": _domain(row["name"]), "people": []}
        bench.members.append(member)
        bench.member_by_id[member_id] = member
        bench.audit.add("member.imported", "member", member_id, actor_id=bench.demo.secretariat_id)
    with bench.stage("Subscriptions", plan.members) as bar:
        _money(bench, tiers, bar)


def _member_row(rng, n, council, tiers):
    # Larger councils mostly take the Full tier (banded by population); small ones mostly Associate.
    if council["kind"] == "combined_authority":
        tier = tiers["Full"]
    else:
        tier = tiers["Full"] if rng.random() < (0.7 if council["population"] > 50_000 else 0.3) else tiers["Associate"]
    return {
        "name": council["name"], "normalised_name": normalise_name(council["name"]), "kind": council["kind"],
        "region": council["region"], "registration_number": f"{council['prefix']}{5_000 + n:06d}",
        "population": council["population"], "joined_on": _joined(rng), "tier_id": tier.id, "status": "applicant",
        "website": f"https://www.{_domain(council['name']).removesuffix('.example.org')}.example.org",
        "local_authority_area": None,
    }, council


def _domain(name):
    return normalise_name(name).replace(" ", "") + ".example.org"


def _joined(rng):
    """Half joined in the network's first years; the rest since, all before this membership year."""
    last = year_start(membership_year()) - timedelta(days=1)
    if rng.random() < 0.5:
        return FOUNDED + timedelta(days=rng.randint(0, (date(2018, 12, 31) - FOUNDED).days))
    start = date(2019, 1, 1)
    return start + timedelta(days=rng.randint(0, (last - start).days))


def _money(bench, tiers, bar):
    """This year's subscription, invoice and payment for each member, then its status."""
    config = current_app.config
    year = membership_year()
    by_id = {tier.id: tier for tier in tiers.values()}
    first = _take_numbers("INV", year, len(bench.members))
    subscriptions, invoices = [], []
    for member in bench.members:
        fee = by_id[member["tier_id"]].fee_for(SimpleNamespace(population=member["population"]))
        vat = (fee * config["VAT_RATE_BASIS_POINTS"] + 5000) // 10000
        subscriptions.append({"member_id": member["id"], "year": year, "tier_id": member["tier_id"], "fee_pence": fee,
                              "raised_at": _moment(year_start(year))})
        member["invoice"] = {"fee": fee, "vat": vat}
    subscription_ids = insert_rows(Subscription, subscriptions, ids=True)
    for offset, (member, subscription_id) in enumerate(zip(bench.members, subscription_ids)):
        sequence = first + offset
        invoice = member["invoice"]
        invoice.update(number=f"{config['INVOICE_PREFIX']}-{year}-{sequence:04d}", sequence=sequence,
                       subscription_id=subscription_id)
        status = bench.rng.choices([s for s, _ in STANDING], weights=[w for _, w in STANDING])[0]
        issued, due, paid = _terms(bench, status, invoice["fee"] + invoice["vat"])
        invoice.update(issued_on=issued, due_on=due, paid=paid)
        invoices.append({
            "subscription_id": subscription_id, "member_id": member["id"], "number": invoice["number"], "year": year,
            "sequence": sequence, "issued_on": issued, "due_on": due, "net_pence": invoice["fee"],
            "vat_rate_basis_points": config["VAT_RATE_BASIS_POINTS"], "vat_pence": invoice["vat"],
            "total_pence": invoice["fee"] + invoice["vat"], "paid_pence": paid, "adjusted_pence": 0,
        })
    invoice_ids = insert_rows(Invoice, invoices, ids=True, bar=bar)
    _payments(bench, invoice_ids)
    _statuses(bench)


def _take_numbers(series, year, count):
    """The first of ``count`` consecutive invoice numbers, taken as ``take_number`` takes one:
    gap-free, never reused, the counter row locked until commit."""
    insert_ignoring_duplicates(DocumentCounter, {"series": series, "year": year, "last_number": 0})
    last = db.session.execute(
        update(DocumentCounter).where(DocumentCounter.series == series, DocumentCounter.year == year)
        .values(last_number=DocumentCounter.last_number + count).returning(DocumentCounter.last_number)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return last - count + 1


def _terms(bench, status, total):
    """(issued on, due on, paid) for an invoice that leaves its member with ``status`` today."""
    rng, day = bench.rng, bench.today
    terms = timedelta(days=current_app.config["PAYMENT_TERMS_DAYS"])
    start = year_start(membership_year())
    grace = grace_period().days
    latest_due = (day - (start + terms)).days
    if status == "active" or latest_due < 2:  # early in the year nothing is overdue yet
        return start, start + terms, total
    if status == "in_grace":
        due = day - timedelta(days=rng.randint(1, min(grace - 2, latest_due)))
        paid = 0 if rng.random() < 0.7 else total // 2  # a part payment does not settle it
    else:
        due = day - timedelta(days=rng.randint(min(grace + 2, latest_due), latest_due))
        paid = 0
    return due - terms, due, paid


def _payments(bench, invoice_ids):
    rows = []
    for member, invoice_id in zip(bench.members, invoice_ids):
        invoice = member["invoice"]
        invoice["id"] = invoice_id
        bench.audit.add("subscription.raised", "subscription", invoice["subscription_id"], actor_id=bench.demo.secretariat_id,
                        detail={"year": membership_year(), "fee_pence": invoice["fee"], "invoice": invoice["number"]})
        if not invoice["paid"]:
            continue
        received = min(invoice["issued_on"] + timedelta(days=bench.rng.randint(3, 45)), bench.today)
        method = bench.rng.choices(("bank_transfer", "direct_debit", "card", "cheque"), weights=(70, 20, 8, 2))[0]
        rows.append({"invoice_id": invoice_id, "amount_pence": invoice["paid"], "received_on": received, "method": method,
                     "reference": f"BACS {invoice['number']}" if method == "bank_transfer" else "",
                     "idempotency_key": f"bench-{invoice['number']}", "recorded_by_id": bench.demo.secretariat_id,
                     "recorded_at": _moment(received)})
    for payment_id, row in zip(insert_rows(Payment, rows, ids=True), rows):
        number = row["idempotency_key"].removeprefix("bench-")
        bench.audit.add("payment.recorded", "payment", payment_id, actor_id=bench.demo.secretariat_id,
                        detail={"invoice": number, "amount_pence": row["amount_pence"], "method": row["method"]})


def _statuses(bench):
    """Each member's status by the portal's rule, and the history that led to it."""
    history = []
    grace = grace_period()
    for member in bench.members:
        invoice = member["invoice"]
        stand_in = Invoice(total_pence=invoice["fee"] + invoice["vat"], paid_pence=invoice["paid"], adjusted_pence=0,
                           due_on=invoice["due_on"])
        member["invoice_stand_in"] = stand_in
        member["status"] = derive_status(as_member(member), [stand_in], bench.today)
        steps = [("active", member["joined_on"], "application approved")]
        if member["status"] in ("in_grace", "lapsed"):
            steps.append(("in_grace", invoice["due_on"] + timedelta(days=1), f"{invoice['number']} overdue"))
        if member["status"] == "lapsed":
            steps.append(("lapsed", invoice["due_on"] + grace + timedelta(days=1), f"{invoice['number']} unpaid"))
        before = "applicant"
        for status, day, reason in steps:
            history.append({"member_id": member["id"], "status": status, "at": _moment(day), "reason": reason, "detail": {}})
            bench.audit.add("member.status_changed", "member", member["id"], detail={"before": before, "after": status})
            before = status
    insert_rows(StatusChange, history)
    # Members went in as applicants: their status follows from invoices, which need their ids.
    for status in ("active", "in_grace", "lapsed"):
        chosen = [member["id"] for member in bench.members if member["status"] == status]
        for start in range(0, len(chosen), 5_000):
            db.session.execute(update(Member).where(Member.id.in_(chosen[start:start + 5_000])).values(status=status)
                               .execution_options(synchronize_session=False))


def as_member(member):
    """What ``derive_status`` reads of a member, from the bench's own record of it."""
    return SimpleNamespace(resigned_on=None, suspended_reason=None, joined_on=member["joined_on"])


def _moment(day):
    return datetime.combine(day, time(9, 30), tzinfo=UTC)


def status_on(member, day):
    """The member's status on ``day`` by the portal's rule (for a decision's roll)."""
    return derive_status(as_member(member), [member["invoice_stand_in"]], day)
