"""Awards never exceed a round's pot, nor claims a lab's award, even when requests race (SQLite and PostgreSQL)."""

from datetime import date

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.auth.models import Person
from portal.extensions import db
from portal.labs.models import AwardPayment, FundingRound, Lab, Partnership, ReviewAssignment
from portal.membership.models import Member
from portal.membership.rules.dates import today

from ..conftest import HttpSession, at_once, in_app


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


def _new_lab(live_app, **fields):
    """A lab of Oxford's in a round of its own, made outside any test transaction; its id and its round's."""
    def make():
        round_ = FundingRound(title="Race round", opens_on=date(2026, 1, 1), closes_on=date(2026, 2, 1),
                              pot_pence=5_000_000, max_award_pence=1_000_000, lead_tier_ids=[])
        oxford = db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))
        lab = Lab(round=round_, lead_member_id=oxford.id, title="Racing lab", requested_pence=1_000_000, **fields)
        db.session.add_all([round_, lab])
        db.session.commit()
        return lab.id, round_.id

    return in_app(live_app, make)


def test_one_proposal_approved_by_two_officers_at_once_is_awarded_once(live_app, live_server):
    lab_id, round_id = _new_lab(live_app, status="under_review")
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(4)]
    forms = [session.form_token(f"/proposals/{lab_id}/move/approve")[1] for session in sessions]
    results = at_once(
        lambda pair: pair[0].request(f"/proposals/{lab_id}/move/approve", {"csrf_token": pair[1], "award": "6,000", "note": ""}),
        list(zip(sessions, forms)),
    )
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 1 and statuses.count(200) == 3, statuses
    assert all("cannot do that now" in page for status, page, _ in results if status == 200)

    def check():
        assert db.session.get(FundingRound, round_id).awarded_pence == 600_000 == db.session.get(Lab, lab_id).award_pence
        approvals = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "proposal.approve", AuditEntry.object_type == "lab", AuditEntry.object_id == lab_id))
        assert approvals == 1

    in_app(live_app, check)


def test_claims_racing_cannot_add_up_to_more_than_the_award(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="active", award_pence=1_000_000)
    sessions = [HttpSession(live_server).sign_in("lead@oxford.example.org") for _ in range(10)]
    forms = [session.form_token(f"/labs/{lab_id}/payments")[1] for session in sessions]
    day = today()
    # Each claims 40% of the award: only two fit.
    results = at_once(
        lambda pair: pair[0].request(f"/labs/{lab_id}/payments", {
            "csrf_token": pair[1], "amount": "4,000", "claimed_on": [str(day.day), str(day.month), str(day.year)]}),
        list(zip(sessions, forms)),
    )
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 2 and statuses.count(200) == 8, statuses
    assert all("Claims cannot add up to more than the award" in page for status, page, _ in results if status == 200)

    def check():
        claimed = db.session.scalars(select(AwardPayment.amount_pence).where(AwardPayment.lab_id == lab_id)).all()
        assert claimed == [400_000, 400_000]
        assert db.session.get(Lab, lab_id).claimed_pence == 800_000

    in_app(live_app, check)


def test_a_claim_marked_paid_by_many_requests_at_once_is_paid_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="active", award_pence=1_000_000)
    lead = HttpSession(live_server).sign_in("lead@oxford.example.org")
    _, token = lead.form_token(f"/labs/{lab_id}/payments")
    day = today()
    lead.request(f"/labs/{lab_id}/payments", {"csrf_token": token, "amount": "1,000", "claimed_on": [str(day.day), str(day.month), str(day.year)]})
    claim_id = in_app(live_app, lambda: db.session.scalar(select(AwardPayment.id).where(AwardPayment.lab_id == lab_id)))
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(6)]
    forms = [session.form_token(f"/labs/{lab_id}/payments")[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(f"/labs/{lab_id}/payments/{claim_id}/paid", {"csrf_token": pair[1]}),
                      list(zip(sessions, forms)))
    assert all(status == 302 for status, _, _ in results), [status for status, _, _ in results]

    def check():
        assert db.session.get(AwardPayment, claim_id).paid_on == today()
        paid = db.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "lab.award_paid", AuditEntry.object_id == claim_id))
        assert paid == 1

    in_app(live_app, check)


def _ids(live_app, model, **where):
    return in_app(live_app, lambda: db.session.scalar(select(model.id).filter_by(**where)))


def test_one_partner_invited_by_many_requests_at_once_is_invited_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="draft")
    torbay = _ids(live_app, Member, name="Torbay Council")
    sessions = [HttpSession(live_server).sign_in("lead@oxford.example.org") for _ in range(5)]
    forms = [session.form_token(f"/proposals/{lab_id}/partners")[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(f"/proposals/{lab_id}/partners", {"csrf_token": pair[1], "member_id": torbay}),
                      list(zip(sessions, forms)))
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 1 and statuses.count(200) == 4, statuses
    assert all("Torbay Council is already invited" in page for status, page, _ in results if status == 200)
    invited = in_app(live_app, lambda: db.session.scalar(select(func.count()).select_from(Partnership).where(Partnership.lab_id == lab_id)))
    assert invited == 1


def test_one_reviewer_assigned_by_many_requests_at_once_is_assigned_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="under_review")
    reviewer = _ids(live_app, Person, email="reviewer@example.org")
    sessions = [HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(5)]
    forms = [session.form_token(f"/proposals/{lab_id}/reviewers")[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(f"/proposals/{lab_id}/reviewers", {"csrf_token": pair[1], "reviewer_id": reviewer}),
                      list(zip(sessions, forms)))
    statuses = [status for status, _, _ in results]
    assert statuses.count(302) == 1 and statuses.count(200) == 4, statuses
    assert all("already reviews this proposal" in page for status, page, _ in results if status == 200)
    assigned = in_app(live_app, lambda: db.session.scalar(
        select(func.count()).select_from(ReviewAssignment).where(ReviewAssignment.lab_id == lab_id)))
    assert assigned == 1
