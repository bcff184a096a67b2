"""Casting a member's ballot: who may, for whom, and what a valid answer is.

The member's own voter (its representative or deputy) outranks its proxy until the close: a
ballot the proxy cast is replaced by theirs, and once they have voted the proxy can no longer
cast or change the member's ballot.
"""

import secrets
from functools import cache
from typing import NamedTuple

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, literal_column, select, union_all
from sqlalchemy.exc import IntegrityError

from ... import audit, mail
from ...auth.models import Person
from ...core.cache import per_request
from ...db import utcnow
from ...extensions import db
from ...membership.models import Member, Representative
from ..models import MOTION_ANSWERS, Ballot, Decision, Proxy, RollEntry

RECEIPT_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


class CastRefused(Exception):
    """The ballot is not taken; ``message`` says why, for the person (and names no vote)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class InvalidAnswer(Exception):
    """An answer that the question does not allow; ``errors`` maps question ids to messages."""

    def __init__(self, errors):
        super().__init__("invalid answers")
        self.errors = errors


def new_receipt():
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(12))
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def voting_for(person, decision):
    """The members on the roll this person may vote for: [(member, 'representative'|'deputy'|'proxy')].
    Worked out once a request: the ballot's permission check and the cast both ask."""
    if not getattr(person, "is_authenticated", False):
        return []
    return per_request(("voting for", person.id, decision.id), lambda: _voting_for(person, decision))


@cache
def _voting_for_statement():
    """Whom a person represents (voting or deputy, for their own member only) and who named them
    proxy, with those members on the decision's roll. Made once, when first asked: a ballot asks
    it first, and making the statement cost more than running it."""
    person_id, member_id, decision_id = bindparam("person_id"), bindparam("member_id"), bindparam("decision_id")
    own = (select(Representative.member_id, Representative.role)
           .where(Representative.person_id == person_id, Representative.member_id == member_id,
                  Representative.role.in_(("voting", "deputy"))))
    named = select(Proxy.member_id, literal_column("'proxy'")).where(*proxies_naming(person_id, decision_id))
    via = union_all(own, named).subquery()
    return (select(Member, via.c.role).join(via, via.c.member_id == Member.id)
            .join(RollEntry, (RollEntry.member_id == Member.id) & (RollEntry.decision_id == decision_id))
            .order_by(Member.name, Member.id))


def _voting_for(person, decision):
    rows = db.session.execute(_voting_for_statement(), {
        "person_id": person.id, "member_id": person.member_id, "decision_id": decision.id})
    found = {}
    for member, role in rows:  # their own member as themselves rather than as its proxy
        if role != "proxy" or member not in found:
            found[member] = {"voting": "representative", "deputy": "deputy"}.get(role, "proxy")
    return list(found.items())


def proxies_naming(person_id, decision_id):
    """Conditions on Proxy: not revoked, naming the person, for the decision or standing (the ids
    as values or as bound parameters)."""
    return (Proxy.proxy_person_id == person_id, Proxy.revoked_at.is_(None),
            (Proxy.decision_id == decision_id) | Proxy.decision_id.is_(None))


def active_proxies_for(person, decision):
    """Proxies naming ``person`` that apply to ``decision`` (its own, or standing)."""
    return db.session.scalars(select(Proxy).where(*proxies_naming(person.id, decision.id))).all()


def may_vote_for(person, decision, member_id):
    return any(member.id == member_id for member, _via in voting_for(person, decision))


def refusal(decision, counted, by_proxy, name):
    """Why a ballot for the member ``name`` from its proxy (``by_proxy``) or its own voter would
    not be taken over the ballot ``counted`` (None if there is none), or None if it would."""
    if counted is None or (counted.by_proxy and not by_proxy):
        return None
    if by_proxy and not counted.by_proxy:
        return _l("%(member)s has voted itself on this decision, so its proxy can no longer cast or change its ballot",
                  member=name)
    return None if decision.changeable else _l("%(member)s has already voted on this decision", member=name)


class Standing(NamedTuple):
    """What a voter is shown of one member's ballot: who cast the ballot that counts and when
    (never how), and why they may not vote now (None if they may)."""

    member: Member
    via: str
    ballot: object  # (by_proxy, cast_at), or None
    refused: object  # a message for the person, or None


def standings(person, decision):
    """A ``Standing`` for each member ``person`` votes for on ``decision``."""
    members = voting_for(person, decision)
    if not members:
        return []
    cast = {row.member_id: row for row in db.session.execute(
        select(Ballot.member_id, Ballot.by_proxy, Ballot.cast_at)
        .where(Ballot.decision_id == decision.id, Ballot.member_id.in_([member.id for member, _via in members])))}
    return [Standing(member, via, cast.get(member.id), refusal(decision, cast.get(member.id), via == "proxy", member.name))
            for member, via in members]


def check_answers(decision, submitted):
    """Normalise answers keyed by question id; raise InvalidAnswer with a message per question."""
    answers, errors = {}, {}
    for question in decision.questions:
        key = str(question.id)
        value = submitted.get(key)
        options = {option.id for option in question.options}
        if question.method == "motion":
            if value not in MOTION_ANSWERS:
                errors[key] = _l("Choose for, against or abstain")
            else:
                answers[key] = value
        elif question.method == "single":
            if not isinstance(value, int) or value not in options:
                errors[key] = _l("Choose one of the options")
            else:
                answers[key] = value
        elif question.method == "approval":
            chosen = list(value or [])
            if len(set(chosen)) != len(chosen) or not set(chosen) <= options:
                errors[key] = _l("Choose from the options shown")
            elif len(chosen) > question.max_choices:
                errors[key] = _l("Choose up to %(count)d options", count=question.max_choices)
            else:
                answers[key] = sorted(chosen)
        elif question.method == "ranked":
            ranking = list(value or [])  # option ids by preference position, None where blank
            numbered = sum(1 for choice in ranking if choice is not None)
            filled = ranking[:numbered]
            if numbered == 0:
                errors[key] = _l("Number at least your first preference")
            elif None in filled:
                errors[key] = _l("Number your preferences 1, 2, 3 and so on without leaving gaps")
            elif len(set(filled)) != numbered:
                errors[key] = _l("Give each option only one preference number")
            elif not set(filled) <= options:
                errors[key] = _l("Choose from the options shown")
            else:
                answers[key] = filled
        elif question.method == "cumulative":
            given, message = _points(question, value, options)
            if message:
                errors[key] = message
            else:
                answers[key] = given
    if errors:
        raise InvalidAnswer(errors)
    return answers


def _points(question, value, options):
    """A cumulative ballot's points ``{option id: points}`` (each a whole number, blank as none),
    kept only where some were given: (points, None), or (None, the message for the person)."""
    if not isinstance(value, dict) or not set(value) <= options:
        return None, _l("Give points only to the options shown")
    given = {}
    for option_id, points in value.items():
        if points is None or points == "":
            continue
        if not isinstance(points, int) or isinstance(points, bool) or points < 0:
            return None, _l("Give each option a whole number of points, or leave it empty")
        if points > question.points_per_option:
            return None, _l("Give at most %(count)d points to any one option", count=question.points_per_option)
        if points:
            given[str(option_id)] = points
    total = sum(given.values())
    if total == 0:
        return None, _l("Give at least one point")
    if total > question.points:
        return None, _l("You have given %(given)d points: give %(count)d or fewer in all", given=total, count=question.points)
    return given, None


@cache
def _still_open_statement():
    """The decision's row, read with a shared lock, if it is open and its close has not passed: a
    statement on the table, so that the decision object is not touched. Made once."""
    row = Decision.__table__.c
    return (select(row.id).where(row.id == bindparam("decision_id"), row.status == "open", row.closes_at > bindparam("now"))
            .with_for_update(read=True))


@cache
def _roll_place_statement():
    """The member's place on the decision's roll, locked until commit. Made once."""
    row = RollEntry.__table__.c
    return (select(row.id).where(row.decision_id == bindparam("decision_id"), row.member_id == bindparam("member_id"))
            .with_for_update())


def hold_ballot(decision, member_id, now):
    """The member's ballot as it stands (or None), held so that no other request casts, changes or
    withdraws it until commit; refused unless voting is open and its close has not passed.

    The decision is read with a shared lock, in one statement that also checks it is open: the
    close (an update) waits until every ballot holding that lock is in, and a ballot that arrives
    after the close is refused. The member's place on the roll is then locked (SELECT ... FOR
    UPDATE on PostgreSQL; on SQLite the writing transaction holds the database's write lock
    from BEGIN), so a member's voters queue one behind another while other members' do not.
    """
    if db.session.execute(_still_open_statement(), {"decision_id": decision.id, "now": now}).first() is None:
        raise CastRefused(_l("Voting on this decision is not open"))
    db.session.execute(_roll_place_statement(), {"decision_id": decision.id, "member_id": member_id})
    # Read after the lock, over any copy the request loaded before it.
    return db.session.scalar(select(Ballot).where(Ballot.decision_id == decision.id, Ballot.member_id == member_id)
                             .execution_options(populate_existing=True))


def cast(decision, member, person, submitted):
    """Take ``member``'s ballot from ``person``; return it with its receipt.

    First cast and change alike hold the member's ballot (``hold_ballot``), so each sees the
    one before it: a change is counted in the database (changes + 1), never lost, and a first
    cast that finds another's ballot in becomes a change where changes are allowed. The
    member's own voter replaces its proxy's ballot even where changes are not, and the proxy
    is told; ``refusal`` says when a ballot is not taken.
    """
    # Read now: a refused flush rolls the transaction back, and the member with it.
    name = member.name
    voting_as = dict((m.id, via) for m, via in voting_for(person, decision))
    if member.id not in voting_as:
        raise CastRefused(_l("You cannot vote for %(member)s on this decision", member=name))
    answers = check_answers(decision, submitted)
    now = utcnow()
    existing = hold_ballot(decision, member.id, now)
    by_proxy = voting_as[member.id] == "proxy"
    refused = refusal(decision, existing, by_proxy, name)
    if refused is not None:
        raise CastRefused(refused)
    # Asked again under the lock: a revocation may have landed since the request began.
    named = [proxy for proxy in active_proxies_for(person, decision) if proxy.member_id == member.id] if by_proxy else []
    if by_proxy and not named:
        raise CastRefused(_l("You cannot vote for %(member)s on this decision", member=name))
    detail = {"member_id": member.id, "by_proxy": by_proxy}
    if existing is None:
        ballot = Ballot(
            decision_id=decision.id, member_id=member.id, receipt=new_receipt(), answers=answers,
            cast_by_id=person.id, by_proxy=by_proxy, cast_at=now,
        )
        db.session.add(ballot)
        action = "ballot.cast"
    else:
        replaced_proxy = existing.cast_by_id if existing.by_proxy and not by_proxy else None
        existing.answers, existing.receipt = answers, new_receipt()
        existing.cast_by_id, existing.by_proxy, existing.cast_at = person.id, by_proxy, now
        existing.changes = Ballot.changes + 1
        ballot, action = existing, "ballot.changed"
        if replaced_proxy is not None:
            action, detail["proxy_person_id"] = "ballot.replaced_proxy", replaced_proxy
    try:
        db.session.flush()
    except IntegrityError as error:
        raise CastRefused(_l("%(member)s has already voted on this decision", member=name)) from error
    _mark_proxies_used(named, person, decision, member, now)
    # Who cast for whom, never what: the audit log of a secret ballot must not reveal it.
    audit.record(action, decision, actor=person, detail=detail)
    if action == "ballot.replaced_proxy":
        tell_proxy(db.session.get(Person, detail["proxy_person_id"]), decision, member, "replaced")
    return ballot


def tell_proxy(proxy_person, decision, member, reason):
    """Email the proxy that the ballot it cast for ``member`` no longer stands (``reason``:
    'replaced' by the member's own, or 'withdrawn' with its appointment), never how anyone voted."""
    if proxy_person is None or not proxy_person.is_active:
        return
    mail.enqueue(
        proxy_person.email,
        _l("Your ballot for %(member)s as its proxy no longer stands", member=member.name),
        "decisions/email/proxy_ballot_void.txt",
        kind=f"proxy_ballot_{reason}",
        person=proxy_person,
        member=member,
        decision=decision,
        reason=reason,
    )


def _mark_proxies_used(proxies, person, decision, member, now):
    for proxy in proxies:
        if proxy.used_at is None:
            proxy.used_at = now
            audit.record("proxy.used", proxy, actor=person, detail={"decision_id": decision.id, "member_id": member.id})
