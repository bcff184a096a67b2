"""Money rules under real concurrent requests to the served app, on SQLite and PostgreSQL."""

import re

from sqlalchemy import func, select

from portal.extensions import db
from portal.membership.models import CreditEntry, Invoice, Member, MemberBilling, Payment, Subscription
from portal.membership.rules import money
from portal.membership.rules.dates import today

from ..conftest import HttpSession, at_once, in_app


def _invoice_id(live_app, member_name):
    with live_app.app_context():
        invoice_id = db.session.scalar(select(Invoice.id).join(Member).where(Member.name == member_name))
        db.session.remove()
        return invoice_id


def _payment_form(session, invoice_id):
    page, token = session.form_token(f"/invoices/{invoice_id}/payments/new")
    key = re.search(r'name="key" type="hidden" value="([^"]+)"', page).group(1)
    day = today()
    return {
        "csrf_token": token,
        "key": key,
        "received_on": [str(day.day), str(day.month), str(day.year)],
        "method": "bank_transfer",
        "reference": "BACS race",
    }


def test_the_same_payment_sent_by_twenty_requests_at_once_is_recorded_once(live_app, live_server):
    # One officer's form, sent twenty times at once (an impatient double click, a retrying proxy).
    invoice_id = _invoice_id(live_app, "Sunderland City Council")
    session = HttpSession(live_server).sign_in("secretariat@example.org")
    form = _payment_form(session, invoice_id)
    results = at_once(lambda _: session.request(f"/invoices/{invoice_id}/payments/new", {**form, "amount": "100"}), range(20))
    assert [status for status, _, _ in results if status >= 500] == []
    assert all(status == 302 for status, _, _ in results), [status for status, _, _ in results]
    with live_app.app_context():
        payments = db.session.scalars(select(Payment).where(Payment.idempotency_key == form["key"])).all()
        invoice = db.session.get(Invoice, invoice_id)
        assert len(payments) == 1
        assert invoice.paid_pence == sum(p.amount_pence for p in db.session.scalars(select(Payment).where(Payment.invoice_id == invoice_id)))
        db.session.remove()


def test_payments_racing_to_overpay_an_invoice_never_overpay_it(live_app, live_server):
    invoice_id = _invoice_id(live_app, "Kirklees Council")
    with live_app.app_context():
        outstanding = db.session.get(Invoice, invoice_id).outstanding_pence
        db.session.remove()
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(8)]
    forms = [_payment_form(session, invoice_id) for session in sessions]
    # Each pays 40% of what is outstanding: only two fit.
    amount = f"{outstanding * 0.4 / 100:.2f}"
    results = at_once(
        lambda pair: pair[0].request(f"/invoices/{invoice_id}/payments/new", {**pair[1], "amount": amount}),
        list(zip(sessions, forms)),
    )
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 2 and statuses.count(200) == 6, statuses
    refused = [page for status, page, _ in results if status == 200]
    assert all("more than the" in page for page in refused)
    with live_app.app_context():
        invoice = db.session.get(Invoice, invoice_id)
        assert 0 <= invoice.outstanding_pence < outstanding
        assert invoice.paid_pence == sum(
            db.session.scalars(select(Payment.amount_pence).where(Payment.invoice_id == invoice_id))
        )
        db.session.remove()


def test_invoice_numbers_stay_gap_free_when_subscriptions_are_raised_at_once(live_app):
    year = 2090
    with live_app.app_context():
        member_ids = db.session.scalars(select(Member.id).where(Member.tier_id.is_not(None)).order_by(Member.id)).all()
        db.session.remove()

    def raise_one(member_id):
        with live_app.app_context():
            try:
                created = money.raise_subscription(db.session.get(Member, member_id), year)
                db.session.commit()
                return created is not None
            finally:
                db.session.remove()

    # Every member twice, all at once: each gets exactly one subscription and invoice.
    results = at_once(raise_one, member_ids + member_ids)
    assert sum(results) == len(member_ids)
    with live_app.app_context():
        sequences = sorted(db.session.scalars(select(Invoice.sequence).where(Invoice.year == year)))
        assert sequences == list(range(1, len(member_ids) + 1))
        count = db.session.scalar(select(func.count()).select_from(Subscription).where(Subscription.year == year))
        assert count == len(member_ids)
        db.session.remove()


def test_credit_used_by_many_requests_at_once_is_never_spent_twice(live_app, live_server):
    # Plymouth overpays by £100; eight officers, at once, each use £40 of it on next year's invoice.
    def prepare():
        from portal.membership.rules.dates import membership_year

        plymouth = db.session.scalar(select(Member).where(Member.name == "Plymouth City Council"))
        this_year = db.session.scalar(select(Invoice).where(Invoice.member_id == plymouth.id, Invoice.year == membership_year()))
        next_year = money.raise_subscription(plymouth, 2091).invoices[0]  # before the credit, which it would use
        money.record_payment(this_year, amount_pence=this_year.outstanding_pence + 10_000, received_on=today(),
                             method="bank_transfer", reference="race", key="credit-race", by=None, excess_to_credit=True)
        db.session.commit()
        return plymouth.id, next_year.id

    member_id, invoice_id = in_app(live_app, prepare)
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(8)]
    forms = []
    for session in sessions:
        page, token = session.form_token(f"/invoices/{invoice_id}/credit")
        forms.append({"csrf_token": token, "key": re.search(r'name="key" type="hidden" value="([^"]+)"', page).group(1), "amount": "40"})
    results = at_once(lambda pair: pair[0].request(f"/invoices/{invoice_id}/credit", pair[1]), list(zip(sessions, forms)))
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 2 and statuses.count(200) == 6, statuses
    assert all("of credit the member holds" in page for status, page, _ in results if status == 200)

    def check():
        billing = db.session.get(MemberBilling, member_id)
        entries = db.session.scalars(select(CreditEntry.amount_pence).where(CreditEntry.member_id == member_id)).all()
        invoice = db.session.get(Invoice, invoice_id)
        assert billing.credit_pence == 2_000 == sum(entries)
        assert invoice.paid_pence == 8_000 and sorted(entries) == [-4_000, -4_000, 10_000]

    in_app(live_app, check)
