"""Proxies: the member's own voter outranks its proxy until the close, and a proxy, used or
not, can be revoked, which withdraws a ballot it cast on a decision still open."""

import html
from datetime import timedelta

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.decisions.rules import lifecycle, proxies
from portal.extensions import db

from ..conftest import outbox
from .helpers import ballots, make_open_decision, member, person

PROXY = "rep@oxford.example.org"  # Priya Shah, Oxford's representative
OWN = "rep@plymouth.example.org"  # Plymouth's representative, and its member admin


def _vote(client, decision, answer):
    plymouth = member("Plymouth City Council")
    return client.post(f"/decisions/{decision.id}/ballot/{plymouth.id}", data={f"q{decision.questions[0].id}": answer})


def _page(client, path):
    return html.unescape(client.get(path).get_data(as_text=True))


def _actions(decision):
    return db.session.scalars(select(AuditEntry.action).where(
        AuditEntry.object_type == "decision", AuditEntry.object_id == decision.id, AuditEntry.action.like("ballot.%"),
    ).order_by(AuditEntry.seq)).all()


def _proxy_for_plymouth(decision):
    """Plymouth names Priya its proxy (for ``decision``, or standing when None)."""
    return proxies.appoint(member("Plymouth City Council"), person(PROXY), decision, by=person(OWN))


def test_the_representative_sees_its_proxys_ballot_and_its_own_replaces_it_and_the_proxy_is_told(sign_in_as):
    decision = make_open_decision()  # secret, and a ballot cannot be changed
    _proxy_for_plymouth(decision)
    assert _vote(sign_in_as(PROXY), decision, "against").status_code == 200
    own = sign_in_as(OWN)
    for path in (f"/decisions/{decision.id}", f"/decisions/{decision.id}/ballot/{member('Plymouth City Council').id}"):
        page = _page(own, path)
        assert "A ballot was cast for Plymouth City Council by your proxy on" in page
        assert "You may still vote yourself until" in page and "your ballot will replace it" in page
    assert "Against" not in _page(own, f"/decisions/{decision.id}")  # never how the proxy voted

    assert "portal-receipt" in _vote(own, decision, "for").get_data(as_text=True)
    [ballot] = ballots(decision)
    assert ballot.answers[str(decision.questions[0].id)] == "for"
    assert not ballot.by_proxy and ballot.cast_by_id == person(OWN).id
    assert _actions(decision) == ["ballot.cast", "ballot.replaced_proxy"]
    [told] = outbox("proxy_ballot_replaced", to=PROXY)
    assert "Plymouth City Council has cast its own ballot" in told.body and "no longer stands" in told.body
    assert "against" not in told.body.lower()


def test_a_proxy_cannot_cast_or_change_the_ballot_once_the_member_has_voted_itself(sign_in_as):
    decision = make_open_decision(changeable=True)
    _proxy_for_plymouth(decision)
    assert _vote(sign_in_as(OWN), decision, "for").status_code == 200
    proxy = sign_in_as(PROXY)
    refused = _vote(proxy, decision, "against")
    assert refused.status_code == 302
    told = "Plymouth City Council has voted itself on this decision, so its proxy can no longer cast or change its ballot"
    assert told in _page(proxy, refused.headers["Location"])
    shown = _page(proxy, f"/decisions/{decision.id}")
    assert told in shown and "Change the ballot for Plymouth City Council" not in shown
    assert told in _page(proxy, f"/decisions/{decision.id}/ballot/{member('Plymouth City Council').id}")
    [ballot] = ballots(decision)
    assert ballot.answers[str(decision.questions[0].id)] == "for" and not ballot.by_proxy
    assert _actions(decision) == ["ballot.cast"]


def test_revoking_a_used_proxy_while_voting_is_open_withdraws_its_ballot_so_the_member_may_vote(sign_in_as):
    decision = make_open_decision()
    proxy = _proxy_for_plymouth(decision)
    _vote(sign_in_as(PROXY), decision, "against")
    plymouth = member("Plymouth City Council")
    own = sign_in_as(OWN)
    revoked = own.post(f"/members/{plymouth.id}/proxies/{proxy.id}/revoke", follow_redirects=True)
    assert "The proxy has been revoked" in html.unescape(revoked.get_data(as_text=True))
    db.session.refresh(proxy)
    assert proxy.revoked_at is not None and ballots(decision) == []
    assert _actions(decision) == ["ballot.cast", "ballot.withdrawn"]
    [told] = outbox("proxy_ballot_withdrawn", to=PROXY)
    assert "Plymouth City Council has revoked your appointment" in told.body and "against" not in told.body.lower()
    assert sign_in_as(PROXY).get(f"/decisions/{decision.id}/ballot/{plymouth.id}").status_code == 403
    assert "portal-receipt" in _vote(own, decision, "for").get_data(as_text=True)


def test_revoking_a_standing_proxy_withdraws_its_ballots_where_voting_is_open_and_not_after_the_close(sign_in_as):
    proxy = _proxy_for_plymouth(None)
    still_open, closing = make_open_decision(), make_open_decision()
    priya = sign_in_as(PROXY)
    _vote(priya, still_open, "against")
    _vote(priya, closing, "against")
    closing.closes_at = utcnow() - timedelta(seconds=1)
    lifecycle.close_voting(closing)
    counted = closing.results
    proxies.revoke(proxy, by=person(OWN))
    assert ballots(still_open) == []
    [kept] = ballots(closing)
    assert kept.by_proxy and kept.cast_by_id == person(PROXY).id
    db.session.refresh(closing)
    assert closing.results == counted
    assert [m.body.count("Plymouth City Council") > 0 for m in outbox("proxy_ballot_withdrawn", to=PROXY)] == [True]


def test_a_proxys_ballot_that_lands_after_its_revocation_is_refused(app):
    # As when the revocation commits while the proxy's submit waits for the member's ballot:
    # the request worked out whom Priya votes for before the revocation.
    from portal.decisions.rules import casting

    decision = make_open_decision()
    proxy = _proxy_for_plymouth(decision)
    plymouth, priya = member("Plymouth City Council"), person(PROXY)
    assert casting.may_vote_for(priya, decision, plymouth.id)
    proxies.revoke(proxy, by=person(OWN))
    try:
        casting.cast(decision, plymouth, priya, {str(decision.questions[0].id): "against"})
    except casting.CastRefused as refused:
        assert str(refused.message) == "You cannot vote for Plymouth City Council on this decision"
    else:
        raise AssertionError("a revoked proxy's ballot was taken")
    assert ballots(decision) == []
