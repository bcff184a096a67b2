"""Money rules under real concurrent requests to the served app, on SQLite and PostgreSQL."""

import re

from sqlalchemy import func, select

from portal.extensions import db
from portal.membership.models import Invoice, Member, Payment, Subscription
from portal.membership.rules import money
from portal.membership.rules.dates import today

from ..conftest import HttpSession, at_once


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
