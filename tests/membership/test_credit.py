"""Overpayments kept as credit on a member's account, used against the next invoice, or refunded."""

import html
from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.membership.models import CreditEntry, Payment
from portal.membership.rules import credit, money
from portal.membership.rules.dates import membership_year, today

from .helpers import invoice_of, member
from .test_money import _error_of, _payment_form


def _pay(client, invoice, amount, *, key=None, to_credit=True):
    day = max(today() - timedelta(days=1), invoice.issued_on)
    data = {"key": key or _payment_form(client, invoice), "amount": amount, "method": "bank_transfer",
            "received_on": [str(day.day), str(day.month), str(day.year)], "reference": "BACS 9981"}
    if to_credit:
        data["excess_to_credit"] = "y"
    return client.post(f"/invoices/{invoice.id}/payments/new", data=data)


def _credit(name):
    billing = member(name).billing
    return billing.credit_pence if billing else 0


def _ledger_balance(name):
    return db.session.scalar(select(func.coalesce(func.sum(CreditEntry.amount_pence), 0))
                             .where(CreditEntry.member_id == member(name).id))


def _audited(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_an_overpayment_kept_as_credit_pays_the_next_invoice_when_it_is_raised(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")  # £3,500 unpaid
    assert _pay(secretariat, invoice, "3,600").status_code == 302
    paid = invoice_of("Kirklees Council")
    assert paid.outstanding_pence == 0 and paid.payments[-1].amount_pence == 360_000 and paid.payments[-1].to_credit_pence == 10_000
    assert _credit("Kirklees Council") == 10_000 == _ledger_balance("Kirklees Council")
    assert _audited("credit.received")[-1].detail == {"invoice": invoice.number, "amount_pence": 10_000}
    account = secretariat.get(f"/members/{invoice.member_id}/account").get_data(as_text=True)
    assert f"Overpaid on invoice {invoice.number}" in account and "£100.00" in account

    next_invoice = money.raise_subscription(member("Kirklees Council"), membership_year() + 1).invoices[0]
    assert next_invoice.outstanding_pence == 350_000 - 10_000
    assert _credit("Kirklees Council") == 0 == _ledger_balance("Kirklees Council")
    page = secretariat.get(f"/invoices/{next_invoice.id}").get_data(as_text=True)
    assert "Paid from credit on the member's account" in html.unescape(page) and "£3,400.00" in page
    assert _audited("credit.used")[-1].detail == {"invoice": next_invoice.number, "amount_pence": 10_000}


def test_without_the_box_ticked_an_overpayment_is_still_refused(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    page = _pay(secretariat, invoice_of("Kirklees Council"), "3,600", to_credit=False).get_data(as_text=True)
    assert _error_of("amount", page) == "This is more than the £3,500.00 outstanding on the invoice"
    assert _credit("Kirklees Council") == 0 and invoice_of("Kirklees Council").paid_pence == 0


def test_money_for_an_invoice_already_paid_goes_wholly_to_credit_and_counts_once(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Oxford City Council")  # paid in full
    key = _payment_form(secretariat, invoice)
    _pay(secretariat, invoice, "2,500", key=key)
    _pay(secretariat, invoice, "2,500", key=key)  # the same form again
    assert db.session.scalar(select(func.count()).select_from(Payment).where(Payment.idempotency_key == key)) == 1
    assert _credit("Oxford City Council") == 250_000 == _ledger_balance("Oxford City Council")
    assert invoice_of("Oxford City Council").paid_pence == invoice.total_pence


def test_the_secretariat_uses_credit_against_an_invoice_and_no_more_than_is_held(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    _pay(secretariat, invoice_of("Oxford City Council"), "300")  # all credit: the invoice is paid
    invoice = invoice_of("Plymouth City Council")
    plymouth = invoice.member_id
    # Oxford's credit is Oxford's: Plymouth holds none.
    page = secretariat.post(f"/invoices/{invoice.id}/credit", data={"key": "use-1", "amount": "10"}).get_data(as_text=True)
    assert _error_of("amount", page) == "This is more than the £0.00 of credit the member holds"
    _pay(secretariat, invoice_of("Plymouth City Council"), "400")  # £375 outstanding: £25 to credit
    second = money.raise_subscription(db.session.get(type(member("Oxford City Council")), plymouth), membership_year() + 1)
    assert second.invoices[0].outstanding_pence == 75_000 - 2_500 and _credit("Plymouth City Council") == 0


def test_credit_used_by_hand_is_capped_by_what_the_member_holds(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    sunderland = invoice_of("Sunderland City Council")  # £2,500 unpaid
    _pay(secretariat, sunderland, "2,500")
    later = money.raise_subscription(member("Sunderland City Council"), membership_year() + 1).invoices[0]
    _pay(secretariat, sunderland, "100")  # all of it credit: the invoice is paid
    assert _credit("Sunderland City Council") == 10_000
    page = secretariat.post(f"/invoices/{later.id}/credit", data={"key": "use-2", "amount": "100.01"}).get_data(as_text=True)
    assert _error_of("amount", page) == "This is more than the £100.00 of credit the member holds"
    assert secretariat.post(f"/invoices/{sunderland.id}/credit", data={"key": "use-3"}).status_code == 200  # paid already
    assert secretariat.post(f"/invoices/{later.id}/credit", data={"key": "use-4"}).status_code == 302  # as much as held
    assert _credit("Sunderland City Council") == 0 == _ledger_balance("Sunderland City Council")


def test_credit_is_refunded_with_a_reason_once_and_never_more_than_is_held(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    _pay(secretariat, invoice_of("Oxford City Council"), "120")
    oxford = member("Oxford City Council").id
    missing = secretariat.post(f"/members/{oxford}/credit/refund", data={"key": "r-1", "amount": "20"}).get_data(as_text=True)
    assert _error_of("reason", missing) == "Enter the reason for the refund" and _credit("Oxford City Council") == 12_000
    too_much = secretariat.post(f"/members/{oxford}/credit/refund", data={"key": "r-1", "amount": "120.01", "reason": "Paid twice"})
    assert _error_of("amount", too_much.get_data(as_text=True)) == "This is more than the £120.00 of credit the member holds"
    for _ in range(2):
        response = secretariat.post(f"/members/{oxford}/credit/refund", data={"key": "r-1", "amount": "20", "reason": "Paid twice"})
        assert response.status_code == 302
    assert _credit("Oxford City Council") == 10_000 == _ledger_balance("Oxford City Council")
    assert _audited("credit.refunded")[-1].detail == {"amount_pence": 2_000, "reason": "Paid twice"}
    secretariat.post(f"/members/{oxford}/credit/refund", data={"key": "r-2", "reason": "Closing the account"})  # all the rest
    assert _credit("Oxford City Council") == 0
    account = secretariat.get(f"/members/{oxford}/account").get_data(as_text=True)
    assert "Refunded: Paid twice" in account and "Refunded: Closing the account" in account
    assert sign_in_as("rep@oxford.example.org").get(f"/members/{oxford}/credit/refund").status_code == 403


def test_the_rules_refuse_to_spend_credit_twice_whatever_calls_them(app):
    oxford = member("Oxford City Council")
    invoice = money.raise_subscription(oxford, membership_year() + 1).invoices[0]
    money.record_payment(_this_years(oxford), amount_pence=5_000, received_on=today(), method="card", reference="",
                         key="over-1", by=None, excess_to_credit=True)
    credit.use_credit(invoice, amount_pence=5_000, key="spend-1", by=None)
    try:
        credit.use_credit(invoice, amount_pence=1, key="spend-2", by=None)
    except money.CreditRefused:
        pass
    else:
        raise AssertionError("spent credit the member did not hold")
    assert _credit("Oxford City Council") == 0 == _ledger_balance("Oxford City Council")


def _this_years(member_):
    from portal.membership.models import Invoice

    return db.session.scalar(select(Invoice).where(Invoice.member_id == member_.id, Invoice.year == membership_year()))


def test_the_finance_export_shows_credit_kept_and_used(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    _pay(secretariat, invoice_of("Kirklees Council"), "3,600")
    text = secretariat.get("/secretariat/invoices.csv").get_data(as_text=True)
    assert ",credit_kept,," in text and "Kirklees Council" in text and ",100.00," in text
