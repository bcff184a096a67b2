"""Limited things of labs stay limited when requests race, over real HTTP (SQLite and PostgreSQL):
awards within the pot, one award a proposal, claims within the award, one payment, partner and
reviewer each."""

from datetime import date

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.auth.models import Person
from portal.extensions import db
from portal.labs.models import AwardPayment, FundingRound, Lab, Partnership, ReviewAssignment
from portal.membership.models import Member, Tier
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


def _race(live_server, email, times, path, answers, form_path=None):
    """``times`` sessions of ``email`` send ``answers`` to ``path`` at once: (status, page) of each."""
    sessions = [HttpSession(live_server).sign_in(email) for _ in range(times)]
    tokens = [session.form_token(form_path or path)[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(path, {"csrf_token": pair[1], **answers}), list(zip(sessions, tokens)))
    return [(status, page) for status, page, _ in results]


def _accepted(results, count, refusal):
    """``count`` of the answers were accepted, and every other was refused with ``refusal``."""
    statuses = [status for status, _ in results]
    assert statuses.count(302) == count and statuses.count(200) == len(results) - count, statuses
    assert all(refusal in page for status, page in results if status == 200)


def _count(live_app, model, *where):
    return in_app(live_app, lambda: db.session.scalar(select(func.count()).select_from(model).where(*where)))


def _claim_answers(amount):
    day = today()
    return {"amount": amount, "claimed_on": [str(day.day), str(day.month), str(day.year)]}


def test_one_proposal_approved_by_two_officers_at_once_is_awarded_once(live_app, live_server):
    lab_id, round_id = _new_lab(live_app, status="under_review")
    results = _race(live_server, "secretariat@example.org", 4, f"/proposals/{lab_id}/move/approve", {"award": "6,000", "note": ""})
    _accepted(results, 1, "cannot do that now")
    assert in_app(live_app, lambda: db.session.get(FundingRound, round_id).awarded_pence == 600_000 == db.session.get(Lab, lab_id).award_pence)
    assert _count(live_app, AuditEntry, AuditEntry.action == "proposal.approve", AuditEntry.object_id == lab_id) == 1


def test_claims_racing_cannot_add_up_to_more_than_the_award(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="active", award_pence=1_000_000)
    # Each claims 40% of the award: only two fit.
    results = _race(live_server, "lead@oxford.example.org", 10, f"/labs/{lab_id}/payments", _claim_answers("4,000"))
    _accepted(results, 2, "Claims cannot add up to more than the award")

    def check():
        claimed = db.session.scalars(select(AwardPayment.amount_pence).where(AwardPayment.lab_id == lab_id)).all()
        assert claimed == [400_000, 400_000]
        assert db.session.get(Lab, lab_id).claimed_pence == 800_000

    in_app(live_app, check)


def test_a_claim_marked_paid_by_many_requests_at_once_is_paid_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="active", award_pence=1_000_000)
    _race(live_server, "lead@oxford.example.org", 1, f"/labs/{lab_id}/payments", _claim_answers("1,000"))
    claim_id = in_app(live_app, lambda: db.session.scalar(select(AwardPayment.id).where(AwardPayment.lab_id == lab_id)))
    results = _race(live_server, "secretariat@example.org", 6, f"/labs/{lab_id}/payments/{claim_id}/paid", {},
                    form_path=f"/labs/{lab_id}/payments")
    assert [status for status, _ in results] == [302] * 6
    assert in_app(live_app, lambda: db.session.get(AwardPayment, claim_id).paid_on) == today()
    assert _count(live_app, AuditEntry, AuditEntry.action == "lab.award_paid", AuditEntry.object_id == claim_id) == 1


def test_one_partner_invited_by_many_requests_at_once_is_invited_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="draft")
    torbay = in_app(live_app, lambda: db.session.scalar(select(Member.id).where(Member.name == "Torbay Council")))
    results = _race(live_server, "lead@oxford.example.org", 5, f"/proposals/{lab_id}/partners", {"member_id": torbay})
    _accepted(results, 1, "Torbay Council is already invited")
    assert _count(live_app, Partnership, Partnership.lab_id == lab_id) == 1


def test_one_reviewer_assigned_by_many_requests_at_once_is_assigned_once(live_app, live_server):
    lab_id, _ = _new_lab(live_app, status="under_review")
    reviewer = in_app(live_app, lambda: db.session.scalar(select(Person.id).where(Person.email == "reviewer@example.org")))
    results = _race(live_server, "secretariat@example.org", 5, f"/proposals/{lab_id}/reviewers", {"reviewer_id": reviewer})
    _accepted(results, 1, "already reviews this proposal")
    assert _count(live_app, ReviewAssignment, ReviewAssignment.lab_id == lab_id) == 1


def _form_values(page):
    """What a browser would send back of the form on ``page``, as filled in."""
    import html
    import re

    values = {}
    for tag in re.findall(r"<input[^>]*>", page):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or "checked" in tag):
            values.setdefault(html.unescape(name.group(1)), []).append(html.unescape(value.group(1)) if value else "")
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', page, re.S):
        values[name] = [html.unescape(text.strip())]
    return values


def test_lowering_a_pot_while_an_award_is_approved_is_one_or_the_other_never_an_error(live_app, live_server):
    import html

    for attempt in range(3):
        lab_id, round_id = _new_lab(live_app, status="under_review")
        in_app(live_app, lambda: (db.session.get(FundingRound, round_id).__setattr__("pot_pence", 1_000_000), db.session.commit()))
        approver, editor = (HttpSession(live_server).sign_in("secretariat@example.org") for _ in range(2))
        _, approve_token = approver.form_token(f"/proposals/{lab_id}/move/approve")
        page, _ = editor.form_token(f"/rounds/{round_id}/edit")
        full = in_app(live_app, lambda: db.session.scalar(select(Tier.id).where(Tier.name_en == "Full")))
        edited = {**_form_values(page), "pot": ["5,000"], "max_award": ["5,000"], "lead_tier_ids": [str(full)],
                  "criteria": ["Fit with the network's values | 1"]}
        results = at_once(lambda job: job(), [
            lambda: approver.request(f"/proposals/{lab_id}/move/approve", {"csrf_token": approve_token, "award": "6,000", "note": ""}),
            lambda: editor.request(f"/rounds/{round_id}/edit", edited),
        ])
        (approved, approve_page, _), (changed, change_page, _) = results
        assert approved < 500 and changed < 500, (approved, changed)
        assert (approved, changed) in ((302, 200), (200, 302)), (approved, changed)
        refused = html.unescape(approve_page if approved == 200 else change_page)
        reasons = ("left in the round", "the round's maximum") if approved == 200 else ("which is already awarded",)
        assert any(reason in refused for reason in reasons), refused[refused.find("govuk-error-summary"):][:1500]
        round_ = in_app(live_app, lambda: db.session.get(FundingRound, round_id))
        assert round_.awarded_pence <= round_.pot_pence
