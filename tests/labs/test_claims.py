"""Claims against a lab's award: refused with a reason next to the answer, and counted."""

from datetime import timedelta

from sqlalchemy import func, select

from portal.extensions import db
from portal.labs.models import AwardPayment
from portal.membership.rules.dates import today

from .helpers import lab


def _claim(client, lab_id, amount, day=None):
    day = day or today()
    return client.post(f"/labs/{lab_id}/payments", data={"amount": amount, "claimed_on": [str(day.day), str(day.month), str(day.year)]})


def _claims(lab_id):
    return db.session.scalar(select(func.count()).select_from(AwardPayment).where(AwardPayment.lab_id == lab_id))


def test_a_claim_over_what_is_left_of_the_award_is_refused_and_the_rest_can_be_claimed(sign_in_as):
    measures = lab("Social value measures")  # £12,000 awarded, £9,000 claimed
    sunderland = sign_in_as("rep@sunderland.example.org")
    before = _claims(measures.id)
    page = _claim(sunderland, measures.id, "3,000.01")
    assert page.status_code == 200 and "Claims cannot add up to more than the award" in page.get_data(as_text=True)
    page = _claim(sunderland, measures.id, "10", today() + timedelta(days=1))
    assert page.status_code == 200 and "The date must be today or in the past" in page.get_data(as_text=True)
    assert _claims(measures.id) == before
    assert _claim(sunderland, measures.id, "3,000").status_code == 302
    db.session.refresh(measures)
    assert measures.claimed_pence == measures.award_pence == 1_200_000 and _claims(measures.id) == before + 1
    assert "Claimed: £12,000.00" in sunderland.get(f"/labs/{measures.id}/payments").get_data(as_text=True)
