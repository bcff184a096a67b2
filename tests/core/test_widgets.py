"""The date widget: three labelled boxes, and an error that leads to the first of them."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.membership.models import Invoice, Member


def test_a_date_with_a_mistake_names_each_box_and_the_summary_leads_to_the_day(sign_in_as):
    invoice = db.session.scalar(select(Invoice).join(Member).where(Member.name == "Kirklees Council"))
    page = sign_in_as("secretariat@example.org").post(
        f"/invoices/{invoice.id}/payments/new", data={"amount": "10", "received_on": ["31", "2", "2027"], "method": "card"},
    ).get_data(as_text=True)
    for box, label in (("day", "Day"), ("month", "Month"), ("year", "Year")):
        assert re.search(rf'<label class="govuk-label govuk-date-input__label" for="received_on-{box}">\s*{label}\s*</label>', page)
        assert len(re.findall(rf'\bid="received_on-{box}"', page)) == 1
    assert len(re.findall(r'\bid="received_on"', page)) == 1  # the boxes' wrapper alone
    assert '<a href="#received_on-day">Enter a real date, like 27 3 2027</a>' in page
    assert 'id="received_on-error"' in page
