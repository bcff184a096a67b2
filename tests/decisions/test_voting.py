import html
import re

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db

from ..conftest import outbox
from .helpers import ballots, make_open_decision, member, open_decision, person


def _vote(client, decision, member_id, data):
    return client.post(f"/decisions/{decision.id}/ballot/{member_id}", data=data)


def test_the_representative_votes_and_gets_a_receipt(sign_in_as):
    decision = make_open_decision()
    question = decision.questions[0]
    oxford = member("Oxford City Council")
    rep = sign_in_as("rep@oxford.example.org")
    page = rep.get(f"/decisions/{decision.id}/ballot/{oxford.id}").get_data(as_text=True)
    assert "Ballot for Oxford City Council" in page
    response = _vote(rep, decision, oxford.id, {f"q{question.id}": "for"})
    assert response.status_code == 200
    receipt = re.search(r'class="portal-receipt">([A-Z0-9-]+)<', response.get_data(as_text=True)).group(1)
    cast = ballots(decision)
    assert len(cast) == 1 and cast[0].receipt == receipt and cast[0].answers == {str(question.id): "for"}
    show = rep.get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "A ballot for Oxford City Council already counts." in show


def test_a_second_ballot_from_the_same_member_is_refused(sign_in_as):
    decision = make_open_decision()
    question = decision.questions[0]
    oxford = member("Oxford City Council")
    rep = sign_in_as("rep@oxford.example.org")
    _vote(rep, decision, oxford.id, {f"q{question.id}": "for"})
    again = _vote(rep, decision, oxford.id, {f"q{question.id}": "against"})
    assert again.status_code == 302 and again.headers["Location"].endswith(f"/decisions/{decision.id}")
    told = html.unescape(rep.get(again.headers["Location"]).get_data(as_text=True))
    assert "Oxford City Council has already voted on this decision" in told and "portal-receipt" not in told
    page = rep.get(f"/decisions/{decision.id}/ballot/{oxford.id}").get_data(as_text=True)
    assert "It cannot be changed" in page
    assert [b.answers[str(question.id)] for b in ballots(decision)] == ["for"]


def test_a_changeable_ballot_is_replaced_and_the_change_is_audited_without_its_content(sign_in_as):
    decision = make_open_decision(changeable=True)
    question = decision.questions[0]
    oxford = member("Oxford City Council")
    rep = sign_in_as("rep@oxford.example.org")
    first = _vote(rep, decision, oxford.id, {f"q{question.id}": "for"}).get_data(as_text=True)
    second = _vote(rep, decision, oxford.id, {f"q{question.id}": "against"}).get_data(as_text=True)
    assert "Ballot changed" in second
    cast = ballots(decision)
    assert len(cast) == 1 and cast[0].answers[str(question.id)] == "against" and cast[0].changes == 1
    assert re.search(r'portal-receipt">([^<]+)<', first).group(1) != cast[0].receipt
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action.in_(["ballot.cast", "ballot.changed"]), AuditEntry.object_id == decision.id)).all()
    assert [e.action for e in entries] == ["ballot.cast", "ballot.changed"]
    assert all(set(e.detail) == {"member_id", "by_proxy"} for e in entries)


def test_only_the_representative_or_deputy_may_cast(sign_in_as):
    decision = make_open_decision()
    stevenage, oxford = member("Stevenage Borough Council"), member("Oxford City Council")
    assert sign_in_as("officer@stevenage.example.org").get(f"/decisions/{decision.id}/ballot/{stevenage.id}").status_code == 403
    assert sign_in_as("rep@oxford.example.org").post(f"/decisions/{decision.id}/ballot/{stevenage.id}", data={}).status_code == 403
    assert sign_in_as("secretariat@example.org").get(f"/decisions/{decision.id}/ballot/{oxford.id}").status_code == 403
    deputy = sign_in_as("deputy@sunderland.example.org")
    sunderland = member("Sunderland City Council")
    question = decision.questions[0]
    assert _vote(deputy, decision, sunderland.id, {f"q{question.id}": "abstain"}).status_code == 200
    assert ballots(decision)[0].member_id == sunderland.id


def test_a_representative_votes_only_for_their_own_member_and_as_themselves_not_its_proxy(app):
    from portal.decisions.models import Proxy
    from portal.decisions.rules import casting
    from portal.membership.models import Representative

    decision = make_open_decision()
    rep = person("rep@oxford.example.org")
    oxford, stevenage = member("Oxford City Council"), member("Stevenage Borough Council")
    db.session.add(Proxy(member_id=oxford.id, proxy_person_id=rep.id, decision_id=decision.id))
    # Left over from before they moved: named for a member that is no longer theirs.
    db.session.execute(db.delete(Representative).where(Representative.member_id == stevenage.id, Representative.role == "deputy"))
    db.session.add(Representative(member_id=stevenage.id, person_id=rep.id, role="deputy"))
    db.session.flush()
    voting = dict((m.name, via) for m, via in casting.voting_for(rep, decision))
    assert voting["Oxford City Council"] == "representative"
    assert "Stevenage Borough Council" not in voting


def test_a_member_off_the_roll_cannot_vote(sign_in_as):
    decision = make_open_decision()
    kirklees = member("Kirklees Council")  # lapsed when voting opened
    assert sign_in_as("rep@kirklees.example.org").get(f"/decisions/{decision.id}/ballot/{kirklees.id}").status_code == 403


def test_bad_answers_are_explained_and_change_nothing(sign_in_as):
    rep = sign_in_as("rep@oxford.example.org")
    oxford = member("Oxford City Council")
    single = make_open_decision(method="single", options=[("A", ""), ("B", "")])
    q = single.questions[0]
    page = _vote(rep, single, oxford.id, {f"q{q.id}": "99999"}).get_data(as_text=True)
    assert "Choose one of the options" in page
    approval = make_open_decision(method="approval", options=[("A", ""), ("B", ""), ("C", "")], max_choices=2)
    q = approval.questions[0]
    ids = [str(o.id) for o in q.options]
    assert "Choose up to 2 options" in _vote(rep, approval, oxford.id, {f"q{q.id}": ids}).get_data(as_text=True)
    ranked = make_open_decision(method="ranked", options=[("A", ""), ("B", ""), ("C", "")], seats=1)
    q = ranked.questions[0]
    ids = [o.id for o in q.options]
    gap = {f"q{q.id}_1": ids[0], f"q{q.id}_2": "", f"q{q.id}_3": ids[1]}
    assert "without leaving gaps" in _vote(rep, ranked, oxford.id, gap).get_data(as_text=True)
    repeat = {f"q{q.id}_1": ids[0], f"q{q.id}_2": ids[0]}
    assert "only one preference number" in _vote(rep, ranked, oxford.id, repeat).get_data(as_text=True)
    assert "Number at least your first preference" in _vote(rep, ranked, oxford.id, {}).get_data(as_text=True)
    nonsense = {f"q{q.id}_1": "drop table", f"q{q.id}_2": "-1"}
    assert _vote(rep, ranked, oxford.id, nonsense).status_code == 200
    assert ballots(single) == ballots(approval) == ballots(ranked) == []


def test_voting_after_the_close_is_refused(sign_in_as):
    from datetime import timedelta

    from portal.db import utcnow

    decision = make_open_decision()
    question = decision.questions[0]
    decision.closes_at = utcnow() - timedelta(seconds=1)
    db.session.flush()
    rep = sign_in_as("rep@oxford.example.org")
    response = _vote(rep, decision, member("Oxford City Council").id, {f"q{question.id}": "for"})
    assert "Voting on this decision is not open." in response.get_data(as_text=True)
    assert ballots(decision) == []
    db.session.refresh(decision)
    assert decision.status == "closed"  # the request closed it on time


def test_the_open_demo_decision_shows_the_proxy_vote(sign_in_as):
    decision = open_decision()
    page = sign_in_as("rep@oxford.example.org").get(f"/decisions/{decision.id}").get_data(as_text=True)
    assert "You vote for Oxford City Council as its voting representative." in page
    assert "You vote for Torbay Council as its proxy." in page


def test_opening_tells_the_representatives(app):
    make_open_decision()
    sent = {m.to_address for m in outbox("decision_voting_open")}
    assert {"rep@oxford.example.org", "deputy@sunderland.example.org"} <= sent
    assert "rep@kirklees.example.org" not in sent  # not on the roll


def test_a_ballot_that_lands_first_from_elsewhere_is_refused_by_name(app):
    # As when two of a member's submits race on PostgreSQL: the other's row is in when this
    # one flushes. The refusal names the member, though the failed flush rolled it back.
    from portal.auth.models import Person
    from portal.decisions.models import Ballot
    from portal.decisions.rules import casting

    decision = make_open_decision()
    question = decision.questions[0]
    oxford = member("Oxford City Council")
    rep = db.session.scalar(select(Person).where(Person.email == "rep@oxford.example.org"))
    db.session.add(Ballot(decision_id=decision.id, member_id=oxford.id, receipt="AAAA-BBBB-CCCC",
                          answers={str(question.id): "against"}, cast_by_id=rep.id, by_proxy=False))
    db.session.flush()
    db.session.expire(oxford)  # as loaded in the racing request, before the other's row
    try:
        casting.cast(decision, oxford, rep, {str(question.id): "for"})
    except casting.CastRefused as refused:
        assert str(refused.message) == "Oxford City Council has already voted on this decision"
    else:
        raise AssertionError("a second ballot was taken")
