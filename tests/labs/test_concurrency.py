"""Awards never exceed a round's pot, even when approvals race (SQLite and PostgreSQL)."""

from datetime import date

from sqlalchemy import select

from portal.extensions import db
from portal.labs.models import FundingRound, Lab
from portal.membership.models import Member

from ..conftest import HttpSession, at_once


def test_two_approvals_racing_cannot_exceed_the_pot(live_app, live_server):
    with live_app.app_context():
        round_ = FundingRound(title="Race round", opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1),
                              pot_pence=1_000_000, max_award_pence=800_000, lead_tier_ids=[])
        oxford = db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))
        labs = [Lab(round=round_, lead_member_id=oxford.id, title=f"Racing proposal {n}", status="under_review",
                    requested_pence=600_000) for n in range(4)]
        db.session.add_all([round_, *labs])
        db.session.commit()
        ids, round_id = [lab.id for lab in labs], round_.id
        db.session.remove()
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in ids]
    forms = [session.form_token(f"/proposals/{lab_id}/move/approve")[1] for session, lab_id in zip(sessions, ids)]
    results = at_once(
        lambda item: item[0].request(f"/proposals/{item[1]}/move/approve", {"csrf_token": item[2], "award": "6,000", "note": ""}),
        list(zip(sessions, ids, forms)),
    )
    statuses = [status for status, _, _ in results]
    assert all(status < 500 for status in statuses), statuses
    assert statuses.count(302) == 1, statuses
    refused = [page for status, page, _ in results if status == 200]
    assert len(refused) == 3 and all("left in the round" in page for page in refused)
    with live_app.app_context():
        round_ = db.session.get(FundingRound, round_id)
        approved = db.session.scalars(select(Lab).where(Lab.round_id == round_id, Lab.status == "approved")).all()
        assert round_.awarded_pence == 600_000 == sum(lab.award_pence for lab in approved)
        assert round_.awarded_pence <= round_.pot_pence
        db.session.remove()
