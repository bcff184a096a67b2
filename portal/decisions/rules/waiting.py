"""What waits for a person in decisions: the open ballots of each member they may vote for
(their own as representative or deputy, others' as proxy), voted or not yet; the proxies
named for votes still to open; and for the secretariat, closed decisions to publish."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import case, exists, or_, select

from ...core import waiting
from ...i18n import current_language
from ...membership.models import Member, Representative
from ..models import Ballot, Decision, Proxy, RollEntry

SECTION = "decisions.index"


def voter_members(person, decision_id):
    """A condition on Member: members ``person`` may vote for on the decision ``decision_id``
    (a column or a value), as ``casting.voting_for`` decides for one decision."""
    own = select(Representative.member_id).where(
        Representative.person_id == person.id, Representative.member_id == person.member_id,
        Representative.role.in_(("voting", "deputy")))
    named = select(Proxy.member_id).where(
        Proxy.proxy_person_id == person.id, Proxy.revoked_at.is_(None),
        or_(Proxy.decision_id == decision_id, Proxy.decision_id.is_(None)))
    return or_(Member.id.in_(own), Member.id.in_(named))


def statements(person, now):
    voted = exists().where(Ballot.decision_id == Decision.id, Ballot.member_id == Member.id)
    ballots = (select(*waiting.columns(
        "decisions.ballot", SECTION, ref=Decision.id, ref2=Member.id, title=Decision.title_en, title_cy=Decision.title_cy,
        name=Member.name, at=Decision.closes_at, flag=case((voted, 1), else_=0), number=case((voted, 0), else_=1)))
        .select_from(Decision).join(RollEntry, RollEntry.decision_id == Decision.id).join(Member, Member.id == RollEntry.member_id)
        .where(Decision.status == "open", voter_members(person, Decision.id)))
    proxies = (select(*waiting.columns(
        "decisions.proxy", SECTION, ref=Decision.id, title=Decision.title_en, title_cy=Decision.title_cy,
        name=Member.name, at=Decision.opens_at, number=waiting.not_counted()))
        .select_from(Proxy).join(Member, Member.id == Proxy.member_id).outerjoin(Decision, Decision.id == Proxy.decision_id)
        .where(Proxy.proxy_person_id == person.id, Proxy.revoked_at.is_(None),
               or_(Proxy.decision_id.is_(None), Decision.status == "scheduled")))
    branches = [ballots, proxies]
    if person.is_secretariat:
        branches.append(select(*waiting.columns(
            "decisions.publish", SECTION, ref=Decision.id, title=Decision.title_en, title_cy=Decision.title_cy,
            at=Decision.closed_at)).where(Decision.status == "closed"))
    return branches


def _title(row):
    return (row.title_cy if current_language() == "cy" and row.title_cy else row.title) or ""


def _ballot(row):
    return waiting.Item(
        "decisions.ballot", _("Vote for %(member)s: %(decision)s", member=row.name, decision=_title(row)),
        url_for("decisions.ballot", decision_id=row.ref, member_id=row.ref2), due=row.at,
        status=_("voted") if row.flag else _("not yet"), note=_("Voting closes"), about=row.ref, name=row.name)


def ballots_by_decision(person):
    """{decision id: [(member name, voted?)]} for the open ballots ``person`` may cast, from the
    items the home page gathers (the same query)."""
    found = {}
    for item in waiting.items(person):
        if item.kind == "decisions.ballot":
            found.setdefault(item.about, []).append((item.name, item.number == 0))
    return found


def _proxy(row):
    if row.ref is None:
        return waiting.Item("decisions.proxy", _("%(member)s has named you its proxy for every vote", member=row.name),
                            url_for("decisions.index"))
    return waiting.Item("decisions.proxy", _("%(member)s has named you its proxy: %(decision)s", member=row.name, decision=_title(row)),
                        url_for("decisions.show", decision_id=row.ref), due=row.at, note=_("Voting opens"))


def _publish(row):
    return waiting.Item("decisions.publish", _("Publish the results: %(decision)s", decision=_title(row)),
                        url_for("decisions.show", decision_id=row.ref), due=row.at, note=_("Voting closed"))


waiting.source(statements, {"decisions.ballot": _ballot, "decisions.proxy": _proxy, "decisions.publish": _publish})
