"""One member, one vote, under real concurrent requests to the served app (SQLite and PostgreSQL)."""

import html
import re
import time
from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.auth.models import Person
from portal.auth.passwords import hash_password
from portal.db import utcnow
from portal.decisions.models import Ballot, Decision, Proxy
from portal.decisions.rules import lifecycle, proxies
from portal.extensions import db
from portal.membership.models import Member, Representative, Tier

from ..conftest import DEMO_PASSWORD, HttpSession, at_once, in_app


def _make_members(live_app, prefix, count):
    """``count`` new Full members, each with a voting representative who can sign in."""
    with live_app.app_context():
        full = db.session.scalar(select(Tier).where(Tier.name_en == "Full"))
        password = hash_password(DEMO_PASSWORD)
        emails = []
        for n in range(count):
            member = Member(name=f"{prefix} Council {n:03d}", normalised_name=f"{prefix} {n}", kind="council", tier=full,
                            joined_on=utcnow().date() - timedelta(days=400), status="active")
            email = f"rep{n}@{prefix.lower()}.example.org"
            rep = Person(email=email, name=f"Rep {n}", member=member, is_member_admin=True, password_hash=password)
            db.session.add_all([member, rep, Representative(member=member, person=rep, role="voting")])
            emails.append(email)
        db.session.commit()
        db.session.remove()
    return emails


def _open(live_app, title, closes_in, changeable=False):
    with live_app.app_context():
        secretariat = db.session.scalar(select(Person).where(Person.email == "secretariat@example.org"))
        now = utcnow()
        made = lifecycle.create(by=secretariat, title_en=title, opens_at=now - timedelta(seconds=1),
                                closes_at=now + closes_in, secret=True, changeable=changeable)
        question = lifecycle.add_question(made, method="motion", text_en="Agreed?")
        lifecycle.schedule(made, by=secretariat)
        lifecycle.open_voting(made)
        db.session.commit()
        ids = made.id, question.id, made.closes_at
        db.session.remove()
        return ids


def _member_id(live_app, email):
    with live_app.app_context():
        member_id = db.session.scalar(select(Person.member_id).where(Person.email == email))
        db.session.remove()
        return member_id


def _ballot_form(session, decision_id, member_id):
    _page, token = session.form_token(f"/decisions/{decision_id}/ballot/{member_id}")
    return token


def _ready_voters(live_app, live_server, emails, decision_id):
    """Each representative signed in, with the ballot form's token in hand."""
    voters = []
    for email in emails:
        session = HttpSession(live_server).sign_in(email)
        member_id = _member_id(live_app, email)
        voters.append((session, member_id, _ballot_form(session, decision_id, member_id)))
    return voters


def _count(live_app, decision_id):
    with live_app.app_context():
        count = db.session.scalar(select(func.count()).select_from(Ballot).where(Ballot.decision_id == decision_id))
        db.session.remove()
        return count


def test_fifty_submits_for_one_member_give_exactly_one_ballot(live_app, live_server):
    emails = _make_members(live_app, "Fifty", 1)
    decision_id, question_id, _ = _open(live_app, "Fifty at once", timedelta(hours=1))
    session = HttpSession(live_server).sign_in(emails[0])
    member_id = _member_id(live_app, emails[0])
    token = _ballot_form(session, decision_id, member_id)
    path = f"/decisions/{decision_id}/ballot/{member_id}"
    results = at_once(lambda answer: session.request(path, {"csrf_token": token, f"q{question_id}": answer}),
                      ["for", "against"] * 25)
    statuses = [status for status, _, _ in results]
    assert all(status < 500 for status in statuses), statuses
    receipts = [page for status, page, _ in results if status == 200 and "portal-receipt" in page]
    assert len(receipts) == 1
    refused = [r for r in results if r not in [x for x in results if x[0] == 200 and "portal-receipt" in x[1]]]
    assert all(status == 302 or "cannot be changed" in page for status, page, _ in refused)
    assert _count(live_app, decision_id) == 1


def test_a_hundred_members_voting_at_once_give_a_hundred_ballots(live_app, live_server):
    emails = _make_members(live_app, "Hundred", 100)
    decision_id, question_id, _ = _open(live_app, "A hundred at once", timedelta(hours=1))
    voters = _ready_voters(live_app, live_server, emails, decision_id)
    results = at_once(
        lambda voter: voter[0].request(f"/decisions/{decision_id}/ballot/{voter[1]}", {"csrf_token": voter[2], f"q{question_id}": "for"}),
        voters,
    )
    assert [status for status, _, _ in results] == [200] * 100
    assert _count(live_app, decision_id) == 100


def test_ballots_racing_the_close_are_counted_or_refused_never_counted_late(live_app, live_server):
    emails = _make_members(live_app, "Race", 30)
    decision_id, question_id, _ = _open(live_app, "Racing the close", timedelta(hours=1))
    voters = _ready_voters(live_app, live_server, emails, decision_id)
    # Everyone is ready: now bring the close forward to a moment and a half from now.
    with live_app.app_context():
        decision = db.session.get(Decision, decision_id)
        decision.closes_at = closes_at = utcnow() + timedelta(seconds=1.5)
        db.session.commit()
        db.session.remove()
    # Spread the submissions across the moment of closing.
    start = closes_at.timestamp() - 0.6

    def vote(indexed):
        index, (session, member_id, token) = indexed
        time.sleep(max(0, start + index * 0.04 - time.time()))
        return session.request(f"/decisions/{decision_id}/ballot/{member_id}", {"csrf_token": token, f"q{question_id}": "for"})

    results = at_once(vote, list(enumerate(voters)))
    assert all(status < 500 for status, _, _ in results)
    accepted = sum(1 for status, page, _ in results if status == 200 and "portal-receipt" in page)
    time.sleep(max(0, closes_at.timestamp() - time.time()) + 0.1)
    with live_app.app_context():
        lifecycle.tick()
        db.session.commit()
        decision = db.session.get(Decision, decision_id)
        cast = db.session.scalars(select(Ballot).where(Ballot.decision_id == decision_id)).all()
        assert decision.status == "closed"
        assert len(cast) == accepted
        assert all(ballot.cast_at < decision.closes_at for ballot in cast)
        assert decision.results["voted"] == accepted
        db.session.remove()
    assert 0 < accepted < 30, "the race should straddle the close"


def test_the_receipt_page_shows_the_receipt_once(live_app, live_server):
    emails = _make_members(live_app, "Receipt", 1)
    decision_id, question_id, _ = _open(live_app, "Receipt", timedelta(hours=1))
    session = HttpSession(live_server).sign_in(emails[0])
    member_id = _member_id(live_app, emails[0])
    token = _ballot_form(session, decision_id, member_id)
    status, page, _ = session.request(f"/decisions/{decision_id}/ballot/{member_id}", {"csrf_token": token, f"q{question_id}": "for"})
    receipt = re.search(r'portal-receipt">([^<]+)<', page).group(1)
    _, again, _ = session.request(f"/decisions/{decision_id}")
    assert receipt not in again


def _receipted(result):
    status, page, _ = result
    return status == 200 and "portal-receipt" in page


def _told(session, result):
    """What a refused submit was told: the message shown where it was sent back to."""
    status, page, location = result
    if status == 302:
        _, page, _ = session.request(location.removeprefix(session.base_url))
    message = re.search(r'govuk-notification-banner__heading">([^<]+)<', page)
    return html.unescape(message.group(1)) if message else page


def _ballot_and_audit(live_app, decision_id):
    """The decision's one ballot, and the actions its audit entries record, in order."""
    with live_app.app_context():
        ballot = db.session.scalars(select(Ballot).where(Ballot.decision_id == decision_id)).one()
        actions = db.session.scalars(select(AuditEntry.action).where(
            AuditEntry.object_type == "decision", AuditEntry.object_id == decision_id,
            AuditEntry.action.like("ballot.%")).order_by(AuditEntry.seq)).all()
        db.session.remove()
        return ballot, actions


def test_twenty_changes_at_once_are_each_counted_and_audited(live_app, live_server):
    emails = _make_members(live_app, "Changes", 1)
    decision_id, question_id, _ = _open(live_app, "Twenty changes at once", timedelta(hours=1), changeable=True)
    session = HttpSession(live_server).sign_in(emails[0])
    member_id = _member_id(live_app, emails[0])
    token = _ballot_form(session, decision_id, member_id)
    path = f"/decisions/{decision_id}/ballot/{member_id}"
    assert _receipted(session.request(path, {"csrf_token": token, f"q{question_id}": "abstain"}))
    results = at_once(lambda answer: session.request(path, {"csrf_token": token, f"q{question_id}": answer}),
                      ["for", "against"] * 10)
    assert all(status < 500 for status, _, _ in results), [status for status, _, _ in results]
    changed = [page for page in (p for s, p, _ in results if s == 200) if "portal-receipt" in page]
    refused = [_told(session, result) for result in results if not _receipted(result)]
    assert all("Voting on this decision is not open" in told for told in refused), refused
    assert len(changed) + len(refused) == 20 and changed
    ballot, actions = _ballot_and_audit(live_app, decision_id)
    assert ballot.changes == len(changed)
    assert actions == ["ballot.cast"] + ["ballot.changed"] * len(changed)


def _member_with_deputy_and_proxy(live_app, prefix):
    """A new member's representative, deputy and (standing) proxy: three people who may cast its ballot."""
    emails = _make_members(live_app, prefix, 2)
    with live_app.app_context():
        rep, other = (db.session.scalar(select(Person).where(Person.email == email)) for email in emails)
        deputy = Person(email=f"deputy@{prefix.lower()}.example.org", name="Deputy", member=rep.member,
                        password_hash=hash_password(DEMO_PASSWORD))
        db.session.add_all([deputy, Representative(member=rep.member, person=deputy, role="deputy")])
        proxies.appoint(rep.member, other, None, by=rep)
        db.session.commit()
        member_id = rep.member_id
        db.session.remove()
    return member_id, {"representative": emails[0], "deputy": f"deputy@{prefix.lower()}.example.org", "proxy": emails[1]}


def test_first_casts_at_once_by_a_members_voters_give_one_ballot_and_count_the_rest_as_changes(live_app, live_server):
    member_id, voters = _member_with_deputy_and_proxy(live_app, "Voters")
    decision_id, question_id, _ = _open(live_app, "Voters at once", timedelta(hours=1), changeable=True)
    path = f"/decisions/{decision_id}/ballot/{member_id}"
    sending = []
    for via, email in list(voters.items()) * 4:
        session = HttpSession(live_server).sign_in(email)
        sending.append((via, session, _ballot_form(session, decision_id, member_id)))
    results = at_once(lambda voter: voter[1].request(path, {"csrf_token": voter[2], f"q{question_id}": "for"}), sending)
    assert all(status < 500 for status, _, _ in results), [status for status, _, _ in results]
    receipts = [via for (via, _, _), result in zip(sending, results) if _receipted(result)]
    refused = {(via, _told(session, result)) for (via, session, _), result in zip(sending, results) if not _receipted(result)}
    # Only a proxy may be turned away, once the member's own voter is in: never as "already voted".
    assert all(via == "proxy" and "has voted itself" in told for via, told in refused), refused
    ballot, actions = _ballot_and_audit(live_app, decision_id)
    assert ballot.changes == len(receipts) - 1
    assert len(actions) == len(receipts) and actions[0] == "ballot.cast"


def test_revoking_a_proxy_while_the_member_votes_itself_leaves_the_members_own_ballots(live_app, live_server):
    member_id, voters = _member_with_deputy_and_proxy(live_app, "Revoking")
    opened = [_open(live_app, f"Revoking {n}", timedelta(hours=1)) for n in range(3)]
    proxy = HttpSession(live_server).sign_in(voters["proxy"])
    for decision_id, question_id, _ in opened:
        token = _ballot_form(proxy, decision_id, member_id)
        assert _receipted(proxy.request(f"/decisions/{decision_id}/ballot/{member_id}", {"csrf_token": token, f"q{question_id}": "against"}))
    # The representative votes on each decision as the member's admin (the same person) revokes the proxy.
    sending = []
    for decision_id, question_id, _ in opened:
        session = HttpSession(live_server).sign_in(voters["representative"])
        sending.append((session, f"/decisions/{decision_id}/ballot/{member_id}",
                        {"csrf_token": _ballot_form(session, decision_id, member_id), f"q{question_id}": "for"}))
    admin = HttpSession(live_server).sign_in(voters["representative"])
    _, token = admin.form_token(f"/members/{member_id}/proxies/")
    proxy_id = in_app(live_app, lambda: db.session.scalar(select(Proxy.id).where(Proxy.member_id == member_id)))
    sending.append((admin, f"/members/{member_id}/proxies/{proxy_id}/revoke", {"csrf_token": token}))
    results = at_once(lambda send: send[0].request(send[1], send[2]), sending)
    assert [status for status, _, _ in results] == [200, 200, 200, 302]
    assert all(_receipted(result) for result in results[:3])

    def cast():
        return [(b.answers, b.by_proxy) for b in db.session.scalars(select(Ballot).where(
            Ballot.decision_id.in_([decision_id for decision_id, _, _ in opened])).order_by(Ballot.decision_id))]

    assert in_app(live_app, cast) == [({str(question_id): "for"}, False) for _, question_id, _ in opened]


def test_two_proxies_named_for_one_member_at_once_give_one_proxy(live_app, live_server):
    from portal.decisions.models import Proxy

    from ..conftest import in_app

    member_id = _member_id(live_app, "rep@plymouth.example.org")
    holders = in_app(live_app, lambda: db.session.scalars(select(Person.id).where(
        Person.email.in_(("rep@oxford.example.org", "rep@torbay.example.org", "rep@preston.example.org")))).all())
    sessions = [HttpSession(live_server).sign_in("rep@plymouth.example.org") for _ in holders]
    tokens = [session.form_token(f"/members/{member_id}/proxies/")[1] for session in sessions]
    results = at_once(lambda job: job[0].request(f"/members/{member_id}/proxies/", {
        "csrf_token": job[1], "proxy_person_id": str(job[2]), "decision_id": "0"}), list(zip(sessions, tokens, holders)))
    statuses = sorted(status for status, _, _ in results)
    assert statuses == [200] * (len(holders) - 1) + [302], statuses
    assert all("There is already a proxy for this" in page for status, page, _ in results if status == 200)
    standing = in_app(live_app, lambda: db.session.scalars(select(Proxy).where(
        Proxy.member_id == member_id, Proxy.decision_id.is_(None), Proxy.revoked_at.is_(None))).all())
    assert len(standing) == 1


def test_revoking_one_proxy_at_once_records_it_once(live_app, live_server):
    from portal.audit.models import AuditEntry
    from portal.decisions.models import Proxy
    from portal.decisions.rules import proxies

    from ..conftest import in_app

    member_id = _member_id(live_app, "rep@plymouth.example.org")

    def appoint():
        plymouth = db.session.get(Member, member_id)
        holder = db.session.scalar(select(Person).where(Person.email == "rep@torbay.example.org"))
        own = db.session.scalar(select(Person).where(Person.email == "rep@plymouth.example.org"))
        for proxy in db.session.scalars(select(Proxy).where(Proxy.member_id == member_id, Proxy.revoked_at.is_(None))):
            proxies.revoke(proxy, by=own)
        proxy = proxies.appoint(plymouth, holder, None, by=own)
        db.session.commit()
        return proxy.id

    proxy_id = in_app(live_app, appoint)
    path = f"/members/{member_id}/proxies/{proxy_id}/revoke"
    sessions = [HttpSession(live_server).sign_in("rep@plymouth.example.org") for _ in range(8)]
    tokens = [session.form_token(f"/members/{member_id}/proxies/")[1] for session in sessions]
    results = at_once(lambda pair: pair[0].request(path, {"csrf_token": pair[1]}), list(zip(sessions, tokens)))
    assert all(status < 500 for status, _, _ in results)
    recorded = in_app(live_app, lambda: db.session.scalar(select(func.count(AuditEntry.seq)).where(
        AuditEntry.action == "proxy.revoked", AuditEntry.object_type == "proxy", AuditEntry.object_id == proxy_id)))
    assert recorded == 1
