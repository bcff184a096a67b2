"""The one rule that derives a member's status, across dates."""

from datetime import date
from types import SimpleNamespace

import pytest

from portal.membership.models import Invoice
from portal.membership.rules.status import derive_status

JOINED = date(2020, 4, 1)
DUE = date(2027, 5, 1)  # grace is 60 days in the test configuration's defaults: until 30 June


def _member(**changes):
    return SimpleNamespace(**{"joined_on": JOINED, "resigned_on": None, "suspended_reason": None, **changes})


def _invoice(total=150_000, paid=0, adjusted=0, due=DUE):
    # Built inside each test: mapped classes are only complete once the app exists.
    return lambda: Invoice(total_pence=total, paid_pence=paid, adjusted_pence=adjusted, due_on=due)


@pytest.mark.parametrize(
    "day, invoices, expected",
    [
        (date(2027, 4, 15), [_invoice()], "active"),  # raised, not yet due
        (date(2027, 5, 1), [_invoice()], "active"),  # due today: not yet overdue
        (date(2027, 5, 2), [_invoice()], "in_grace"),  # a day late
        (date(2027, 6, 30), [_invoice()], "in_grace"),  # the last day of grace
        (date(2027, 7, 1), [_invoice()], "lapsed"),  # past the grace period
        (date(2027, 7, 1), [_invoice(paid=100_000)], "lapsed"),  # part-paid is still unpaid
        (date(2027, 7, 1), [_invoice(paid=150_000)], "active"),  # paid late: active again
        (date(2027, 7, 1), [_invoice(adjusted=150_000)], "active"),  # waived
        (date(2027, 7, 1), [_invoice(paid=100_000, adjusted=50_000)], "active"),  # part paid, rest credited
        (date(2027, 7, 1), [], "active"),  # nothing raised yet
        # The oldest unpaid invoice decides, even when a newer one is only just due.
        (date(2028, 5, 2), [_invoice(due=date(2027, 5, 1)), _invoice(due=date(2028, 5, 1))], "lapsed"),
    ],
)
def test_status_follows_the_subscriptions(app, day, invoices, expected):
    assert derive_status(_member(), [make() for make in invoices], day) == expected


def test_decisions_of_the_secretariat_win_over_money(app):
    paid = [_invoice(paid=150_000)()]
    assert derive_status(_member(suspended_reason="unpaid elsewhere"), paid, date(2027, 7, 1)) == "suspended"
    assert derive_status(_member(resigned_on=date(2027, 6, 1)), paid, date(2027, 7, 1)) == "resigned"
    assert derive_status(_member(resigned_on=date(2027, 8, 1)), paid, date(2027, 7, 1)) == "active"


def test_a_member_not_yet_approved_is_an_applicant(app):
    assert derive_status(_member(joined_on=None), [], date(2027, 7, 1)) == "applicant"
