"""A first subscription pro-rated from the month of joining, where the tier says so."""

from datetime import date

from portal.extensions import db
from portal.membership.models import Member
from portal.membership.rules import money
from portal.membership.rules.dates import membership_year, year_start

from .documents import pdf_text
from .helpers import tier


def _newcomer(joined, tier_name="Associate"):
    newcomer = Member(name="Bath and North East Somerset Council", normalised_name="bath north east somerset", kind="council",
                      tier=tier(tier_name), joined_on=joined, status="active", population=195_000)
    db.session.add(newcomer)
    db.session.flush()
    return newcomer


def _month(year, months_in):
    start = year_start(year)
    month = start.month - 1 + months_in
    return date(start.year + month // 12, month % 12 + 1, 10)


def test_a_member_joining_part_way_pays_for_the_months_left_of_its_first_year(sign_in_as):
    tier("Associate").prorate_first_year = True
    year = membership_year()
    newcomer = _newcomer(_month(year, 5))  # the sixth month: 7 of 12 months left
    invoice = money.raise_subscription(newcomer, year).invoices[0]
    assert invoice.subscription.months_charged == 7
    assert invoice.net_pence == (75_000 * 7 + 6) // 12 == 43_750
    joined_month = _month(year, 5)
    secretariat = sign_in_as("secretariat@example.org")
    line = f"pro-rated from joining: 7 of 12 months, from {joined_month:%B} {joined_month.year}"
    assert line in secretariat.get(f"/invoices/{invoice.id}").get_data(as_text=True)
    text = pdf_text(secretariat.get(f"/invoices/{invoice.id}/pdf").data)
    assert line in text and "Total £437.50" in text


def test_the_next_year_is_charged_in_full(app):
    tier("Associate").prorate_first_year = True
    year = membership_year()
    newcomer = _newcomer(_month(year, 5))
    money.raise_subscription(newcomer, year)
    following = money.raise_subscription(newcomer, year + 1).invoices[0]
    assert following.net_pence == 75_000 and following.subscription.months_charged is None


def test_a_tier_charging_the_whole_year_charges_it_whenever_the_member_joins(app):
    year = membership_year()
    invoice = money.raise_subscription(_newcomer(_month(year, 11)), year).invoices[0]
    assert invoice.net_pence == 75_000 and invoice.subscription.months_charged is None


def test_a_member_joining_in_the_first_month_pays_the_whole_year(app):
    tier("Associate").prorate_first_year = True
    year = membership_year()
    invoice = money.raise_subscription(_newcomer(_month(year, 0)), year).invoices[0]
    assert invoice.net_pence == 75_000 and invoice.subscription.months_charged is None


def test_the_secretariat_sets_a_tier_to_pro_rate(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    associate = tier("Associate")
    form = secretariat.get(f"/secretariat/tiers/{associate.id}").get_data(as_text=True)
    assert 'value="full" checked' in form
    data = {"name_en": "Associate", "name_cy": "Cyswllt", "eligible_kinds": ["council"], "fee_rule": "flat", "flat_fee": "750",
            "prorate_first_year": "prorate"}
    assert secretariat.post(f"/secretariat/tiers/{associate.id}", data=data).status_code == 302
    assert tier("Associate").prorate_first_year
