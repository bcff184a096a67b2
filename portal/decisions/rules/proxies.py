"""Proxies: a member appoints another member's voting representative to cast its ballot.

The member's own voter outranks its proxy until the close (``casting``), and a proxy, used or
not, may be revoked: while a decision it covers is open, that withdraws the ballot it cast
there, so the member may vote itself; after the close, what was cast stands.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import exists, func, select, update

from ... import audit, mail
from ...auth.models import Person
from ...db import utcnow
from ...extensions import db
from ...membership.models import Member, Representative
from ..models import Ballot, Decision, Proxy
from . import casting


class ProxyRefused(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def eligible_proxies(member):
    """Voting representatives of other members, by name."""
    return db.session.execute(
        select(Person, Representative.member_id)
        .join(Representative, Representative.person_id == Person.id)
        .where(Representative.role == "voting", Representative.member_id != member.id, Person.deactivated_at.is_(None))
        .order_by(Person.name)
    ).all()


def appoint(member, proxy_person, decision, *, by):
    """Appoint ``proxy_person`` for ``decision`` (or standing, when None). Refuses a person who
    is not another member's voting representative, a second proxy for the same scope, and a
    representative who already holds as many proxies as the network allows."""
    is_rep = db.session.scalar(
        select(Representative.id).where(
            Representative.person_id == proxy_person.id, Representative.role == "voting", Representative.member_id != member.id
        )
    )
    if not is_rep:
        raise ProxyRefused(_l("A proxy must be another member's voting representative"))
    if decision is not None and decision.status not in ("draft", "scheduled", "open"):
        raise ProxyRefused(_l("Voting on this decision has ended"))
    # Lock the member's row, then the proxy's, while checking and counting: two appointments at
    # once, for the same member or of the same person, cannot both pass (always in this order).
    db.session.execute(select(Member.id).where(Member.id == member.id).with_for_update())
    scope = Proxy.decision_id.is_(None) if decision is None else Proxy.decision_id == decision.id
    if db.session.scalar(select(Proxy.id).where(Proxy.member_id == member.id, Proxy.revoked_at.is_(None), scope)):
        raise ProxyRefused(_l("There is already a proxy for this; revoke it first"))
    db.session.execute(select(Person.id).where(Person.id == proxy_person.id).with_for_update())
    held = db.session.scalar(
        select(func.count()).select_from(Proxy).where(Proxy.proxy_person_id == proxy_person.id, Proxy.revoked_at.is_(None))
    )
    limit = current_app.config["DECISIONS_MAX_PROXIES"]
    if held >= limit:
        raise ProxyRefused(_l("%(name)s already holds %(count)d proxies, the most allowed", name=proxy_person.name, count=limit))
    proxy = Proxy(member=member, proxy_person=proxy_person, decision=decision, appointed_by_id=by.id)
    db.session.add(proxy)
    db.session.flush()
    audit.record("proxy.appointed", proxy, actor=by, detail={
        "member_id": member.id, "proxy_person_id": proxy_person.id, "decision_id": getattr(decision, "id", None),
    })
    mail.enqueue(
        proxy_person.email,
        _l("%(member)s has appointed you as its proxy", member=member.name),
        "decisions/email/proxy_appointed.txt",
        kind="proxy_appointed",
        person=proxy_person,
        member=member,
        decision=decision,
    )
    return proxy


def revoke(proxy, *, by):
    """Revoke ``proxy``, used or not, and withdraw the ballots it cast for the member on decisions
    still open (the proxy told), unless another of the member's proxies still names the same
    person there. Returns how many were withdrawn."""
    if proxy.revoked_at is not None:
        return 0
    now = utcnow()
    others = exists().where(Proxy.id != proxy.id, Proxy.member_id == proxy.member_id,
                            *casting.proxies_naming(proxy.proxy_person_id, Ballot.decision_id))
    cast_there = (select(Decision).join(Ballot, Ballot.decision_id == Decision.id)
                  .where(Ballot.member_id == proxy.member_id, Ballot.by_proxy.is_(True),
                         Ballot.cast_by_id == proxy.proxy_person_id, Decision.status == "open",
                         Decision.closes_at > now, ~others)
                  .order_by(Decision.id))
    if proxy.decision_id is not None:
        cast_there = cast_there.where(Decision.id == proxy.decision_id)
    # Every ballot is held before the proxy's row and the audit log's head are written, in the
    # order a cast takes them, so that a revocation and a cast never wait on each other.
    held = []
    for decision in db.session.scalars(cast_there).all():
        try:
            ballot = casting.hold_ballot(decision, proxy.member_id, now)
        except casting.CastRefused:
            continue  # closed meanwhile: what was cast stands
        if ballot is not None and ballot.by_proxy and ballot.cast_by_id == proxy.proxy_person_id:
            held.append((decision, ballot))
    # One conditional update: of several revocations at once, one revokes, records and tells.
    revoked = db.session.execute(update(Proxy).where(Proxy.id == proxy.id, Proxy.revoked_at.is_(None))
                                 .values(revoked_at=now).execution_options(synchronize_session=False)).rowcount
    db.session.refresh(proxy)
    if not revoked:
        return 0
    audit.record("proxy.revoked", proxy, actor=by)
    for decision, ballot in held:
        db.session.delete(ballot)
        db.session.flush()
        audit.record("ballot.withdrawn", decision, actor=by,
                     detail={"member_id": proxy.member_id, "proxy_person_id": proxy.proxy_person_id})
        casting.tell_proxy(proxy.proxy_person, decision, proxy.member, "withdrawn")
    return len(held)
