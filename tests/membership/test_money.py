import csv
import html
import io
import re
from datetime import timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.i18n import format_date
from portal.membership.models import Invoice, Payment, Subscription
from portal.membership.rules import money
from portal.membership.rules.dates import membership_year, today
from portal.membership.views import secretariat as secretariat_views

from ..conftest import outbox, person, sign_in
from .helpers import invoice_of, member


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["portal", *args])


def test_raising_a_year_is_idempotent_and_says_how_many(app):
    year = membership_year() + 1
    first = _cli(app, "subscriptions", "raise", "--year", str(year))
    assert first.exit_code == 0, first.output
    active = [m for m in ("Oxford City Council", "Kirklees Council", "Sunderland City Council")]
    raised = db.session.scalar(select(func.count()).select_from(Subscription).where(Subscription.year == year))
    assert first.output.strip().endswith(f"{raised} raised")
    assert raised == 13  # every demo member holds a membership, lapsed ones included
    second = _cli(app, "subscriptions", "raise", "--year", str(year))
    assert second.output.strip().endswith("0 raised")
    assert db.session.scalar(select(func.count()).select_from(Subscription).where(Subscription.year == year)) == raised
    assert all(member(name) for name in active)


def test_invoice_numbers_run_on_without_gaps(app):
    year = membership_year() + 1
    _cli(app, "subscriptions", "raise", "--year", str(year))
    numbers = db.session.scalars(select(Invoice.number).where(Invoice.year == year).order_by(Invoice.sequence)).all()
    assert numbers == [f"INV-{year}-{n:04d}" for n in range(1, len(numbers) + 1)]


def test_fees_follow_the_tier_and_population_band(app):
    assert invoice_of("Oxford City Council").net_pence == 250_000  # Full, 162,000 people
    assert invoice_of("Cardiff Council").net_pence == 350_000  # Full, 372,000 people
    assert invoice_of("Stevenage Borough Council").net_pence == 75_000  # Associate, flat
    assert invoice_of("Tamar Valley Food Co-operative").net_pence == 15_000  # Affiliate, flat


def test_vat_is_added_at_the_configured_rate(app):
    app.config["VAT_RATE_BASIS_POINTS"] = 2000
    try:
        subscription = money.raise_subscription(member("Oxford City Council"), membership_year() + 3)
    finally:
        app.config["VAT_RATE_BASIS_POINTS"] = 0
    invoice = subscription.invoices[0]
    assert (invoice.net_pence, invoice.vat_pence, invoice.total_pence) == (250_000, 50_000, 300_000)
    assert invoice.vat_rate_text == "20"


def _payment_form(client, invoice):
    page = client.get(f"/invoices/{invoice.id}/payments/new").get_data(as_text=True)
    import re

    return re.search(r'name="key" type="hidden" value="([^"]+)"', page).group(1)


def _pay(client, invoice, amount, key=None, day=None):
    day = day or today()
    return client.post(
        f"/invoices/{invoice.id}/payments/new",
        data={
            "key": key or _payment_form(client, invoice),
            "amount": amount,
            "received_on": [str(day.day), str(day.month), str(day.year)],
            "method": "bank_transfer",
            "reference": "BACS 123",
        },
    )


def test_paying_a_lapsed_member_in_full_makes_it_active_again(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    assert member("Kirklees Council").status == "lapsed"
    assert _pay(secretariat, invoice, "1,750").status_code == 302  # half: £3,500 due
    assert member("Kirklees Council").status == "lapsed"
    assert _pay(secretariat, invoice, "£1750.00").status_code == 302
    assert member("Kirklees Council").status == "active"
    assert invoice_of("Kirklees Council").outstanding_pence == 0
    audit = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("payment.%"))).all()
    assert audit.count("payment.recorded") >= 2


def test_overpayment_is_refused_next_to_the_amount(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    before = db.session.scalar(select(func.count()).select_from(Payment))
    page = _pay(secretariat, invoice, "3500.01").get_data(as_text=True)
    assert "This is more than the £3,500.00 outstanding on the invoice" in page
    assert db.session.scalar(select(func.count()).select_from(Payment)) == before


def test_the_same_payment_form_sent_twice_counts_once(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    key = _payment_form(secretariat, invoice)
    _pay(secretariat, invoice, "100", key=key)
    again = _pay(secretariat, invoice, "100", key=key)
    assert again.status_code == 302
    assert db.session.scalar(select(func.count()).select_from(Payment).where(Payment.idempotency_key == key)) == 1
    assert invoice_of("Kirklees Council").paid_pence == 10_000


def test_bad_payment_answers_are_explained(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    key = _payment_form(secretariat, invoice)
    future = today() + timedelta(days=3)
    cases = {
        "ten pounds": "Enter an amount in pounds, like 150 or 150.50",
        "-5": "Enter an amount in pounds, like 150 or 150.50",
        "0": "Enter an amount of at least £0.01",
        "": "Enter the amount received",
    }
    for amount, message in cases.items():
        assert message in _pay(secretariat, invoice, amount, key=key).get_data(as_text=True)
    page = secretariat.post(
        f"/invoices/{invoice.id}/payments/new",
        data={"key": key, "amount": "10", "received_on": ["31", "2", "2027"], "method": "card"},
    ).get_data(as_text=True)
    assert "Enter a real date, like 27 3 2027" in page
    assert "must be today or in the past" in _pay(secretariat, invoice, "10", key=key, day=future).get_data(as_text=True)
    assert invoice_of("Kirklees Council").paid_pence == 0


def test_a_payment_dated_before_its_invoice_was_issued_is_refused_next_to_the_date(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    issued, before = invoice.issued_on, invoice.issued_on - timedelta(days=1)
    page = _pay(secretariat, invoice, "10", day=before).get_data(as_text=True)
    assert _error_of("received_on", page) == f"The date received cannot be before {format_date(issued)}, when the invoice was issued"
    person("secretariat@example.org").locale = "cy"
    db.session.flush()
    page = _pay(secretariat, invoice, "10", day=before).get_data(as_text=True)
    with force_locale("cy"):
        welsh_day = format_date(issued)
    assert _error_of("received_on", page) == f"Ni all y dyddiad derbyn fod cyn {welsh_day}, sef dyddiad cyhoeddi'r anfoneb"
    assert invoice_of("Kirklees Council").paid_pence == 0
    with pytest.raises(money.PaymentDateRefused):  # whatever records it, not only this form
        money.record_payment(invoice, amount_pence=1000, received_on=before, method="card", reference="", key="early", by=None)
    assert _pay(secretariat, invoice, "10", day=issued).status_code == 302


def _error_of(field, page):
    """The error message shown with ``field``, without its hidden 'Error:' prefix."""
    found = re.search(rf'<p id="{field}-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">[^<]*</span>([^<]*)</p>', page)
    return html.unescape(found.group(1).strip()) if found else None


def test_a_waiver_clears_what_is_outstanding_with_a_reason(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    page = secretariat.get(f"/invoices/{invoice.id}/adjustments/new").get_data(as_text=True)
    import re

    key = re.search(r'name="key" type="hidden" value="([^"]+)"', page).group(1)
    missing = secretariat.post(f"/invoices/{invoice.id}/adjustments/new", data={"key": key, "kind": "waiver", "reason": ""})
    assert "Enter the reason" in missing.get_data(as_text=True)
    secretariat.post(f"/invoices/{invoice.id}/adjustments/new", data={"key": key, "kind": "waiver", "reason": "Hardship"})
    invoice = invoice_of("Kirklees Council")
    assert invoice.outstanding_pence == 0 and invoice.adjustments[0].number.startswith("CN-")
    assert member("Kirklees Council").status == "active"


def test_a_credit_note_needs_an_amount_and_cannot_exceed_what_is_owed(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    data = {"key": "credit-1", "kind": "credit_note", "reason": "Wrong band"}
    assert "Enter the amount of the credit note" in secretariat.post(
        f"/invoices/{invoice.id}/adjustments/new", data=data
    ).get_data(as_text=True)
    too_much = secretariat.post(f"/invoices/{invoice.id}/adjustments/new", data={**data, "amount": "9999"})
    assert "more than the" in too_much.get_data(as_text=True)
    secretariat.post(f"/invoices/{invoice.id}/adjustments/new", data={**data, "amount": "1000"})
    assert invoice_of("Kirklees Council").outstanding_pence == 250_000


def test_a_member_admin_sees_its_own_invoices_and_nobody_elses(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    own, other = invoice_of("Oxford City Council"), invoice_of("Stevenage Borough Council")
    assert own.number in oxford.get(f"/invoices/{own.id}").get_data(as_text=True)
    assert oxford.get(f"/invoices/{other.id}").status_code == 403
    assert oxford.get(f"/members/{member('Stevenage Borough Council').id}/account").status_code == 403
    assert oxford.get(f"/invoices/{own.id}/payments/new").status_code == 403  # only the secretariat records money


def test_an_officer_who_is_not_member_admin_cannot_see_the_invoices(sign_in_as):
    officer = sign_in_as("officer@stevenage.example.org")
    assert officer.get(f"/invoices/{invoice_of('Stevenage Borough Council').id}").status_code == 403


def test_reminders_go_once_of_each_kind(app):
    first = _cli(app, "subscriptions", "remind")
    assert first.exit_code == 0, first.output
    overdue = outbox("invoice_overdue")
    assert {m.to_address for m in overdue} == {"rep@kirklees.example.org", "rep@sunderland.example.org"}
    due = outbox("invoice_due")
    assert {m.to_address for m in due} == {"rep@plymouth.example.org"}  # due within a week
    again = _cli(app, "subscriptions", "remind")
    assert again.output.strip().endswith("0 reminders sent")
    assert len(outbox("invoice_overdue")) == len(overdue)


def test_the_dashboard_shows_money_status_and_who_is_not_in_good_standing(sign_in_as):
    page = sign_in_as("secretariat@example.org").get("/secretariat/").get_data(as_text=True)
    assert "Kirklees Council" in page and "Sunderland City Council" in page
    assert "<svg" in page and "Outstanding" in page
    assert "2 applications waiting" in page


def test_the_kept_dashboard_shows_a_member_fallen_behind_at_once(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")

    def chase_and_counts():
        page = secretariat.get("/secretariat/").get_data(as_text=True)
        counts = page[page.index("Members by tier and status</h2>"):page.index("Not in good standing</h2>")]
        return page[page.index("Not in good standing</h2>"):page.index("In the grace period</h2>")], counts

    chase, counts = chase_and_counts()
    assert "Oxford City Council" not in chase
    member("Oxford City Council").status = "lapsed"
    db.session.commit()
    chase, after = chase_and_counts()
    assert "Oxford City Council" in chase and after != counts


def test_the_dashboard_names_the_first_members_to_chase_and_links_to_them_all(sign_in_as, monkeypatch):
    monkeypatch.setattr(secretariat_views, "NAMED_ON_DASHBOARD", 1)
    member("Oxford City Council").status = "lapsed"
    member("Stevenage Borough Council").status = "suspended"
    db.session.commit()
    secretariat = sign_in_as("secretariat@example.org")
    page = secretariat.get("/secretariat/").get_data(as_text=True)
    chase = page[page.index("Not in good standing</h2>"):page.index("In the grace period</h2>")]
    assert "Kirklees Council" in chase  # first by name
    assert "Oxford City Council" not in chase and "Stevenage Borough Council" not in chase
    assert "The first 1 of 3, by name." in chase
    assert "See all 2 members with the status “Lapsed”" in chase
    assert "See the 1 member with the status “Suspended”" in chase
    lapsed = secretariat.get("/secretariat/members?status=lapsed").get_data(as_text=True)
    assert "Kirklees Council" in lapsed and "Oxford City Council" in lapsed and "Stevenage" not in lapsed


def test_finance_export_lists_invoices_and_payments(sign_in_as):
    response = sign_in_as("secretariat@example.org").get("/secretariat/invoices.csv")
    assert response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    kinds = {row["type"] for row in rows}
    assert {"invoice", "payment"} <= kinds
    oxford = [row for row in rows if row["member"] == "Oxford City Council"]
    assert {row["amount_gbp"] for row in oxford} == {"2500.00"}


def test_member_admin_sees_status_and_history(client):
    sign_in(client, "rep@sunderland.example.org")
    page = client.get(f"/members/{member('Sunderland City Council').id}/account").get_data(as_text=True)
    assert "In grace" in page and "Pay it before the grace period ends" in page
    assert person("rep@sunderland.example.org").member.status == "in_grace"
