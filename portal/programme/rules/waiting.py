"""What waits for a person in the work programme: their member's draft ideas to submit before
the call closes, and an open call to take part in (people of members in good standing); motions
and amendments of other members waiting for a seconder (voting representatives); and for the
secretariat, submitted ideas of closed calls to shortlist or not, motions and amendments to rule
on, and a published programme vote to adopt."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import and_, exists, select

from ...core import waiting
from ...decisions.models import Decision
from ...membership.models import Member, Representative
from ...membership.models.members import GOOD_STANDING
from ..models import Amendment, GeneralMeeting, Idea, IdeaCall, Motion

SECTION = "programme.index"


def _in_good_standing(person):
    return person.member_id is not None and person.member is not None and person.member.status in GOOD_STANDING


def statements(person, now):
    branches = []
    if _in_good_standing(person):
        branches.append(select(*waiting.columns("programme.draft", SECTION, ref=Idea.id, title=Idea.title_en, title_cy=Idea.title_cy,
                                                at=IdeaCall.closes_at))
                        .join(IdeaCall, IdeaCall.id == Idea.call_id)
                        .where(Idea.member_id == person.member_id, Idea.status == "draft", IdeaCall.opens_at <= now,
                               IdeaCall.closes_at > now))
        branches.append(select(*waiting.columns("programme.call", SECTION, ref=IdeaCall.id, title=IdeaCall.title_en,
                                                title_cy=IdeaCall.title_cy, at=IdeaCall.closes_at, number=waiting.not_counted()))
                        .where(IdeaCall.opens_at <= now, IdeaCall.closes_at > now))
        # A voting representative of a member in good standing may second other members' motions.
        voting = exists().where(Representative.person_id == person.id, Representative.member_id == person.member_id,
                                Representative.role == "voting")
        branches.append(select(*waiting.columns("programme.second_motion", SECTION, ref=Motion.id, title=Motion.title_en,
                                                title_cy=Motion.title_cy, name=Member.name, at=GeneralMeeting.motions_close_at,
                                                number=waiting.not_counted()))
                        .join(GeneralMeeting, GeneralMeeting.id == Motion.meeting_id).join(Member, Member.id == Motion.member_id)
                        .where(voting, Motion.status == "submitted", Motion.member_id != person.member_id,
                               GeneralMeeting.motions_close_at > now))
        branches.append(select(*waiting.columns("programme.second_amendment", SECTION, ref=Motion.id, ref2=Amendment.id,
                                                title=Motion.title_en,
                                                title_cy=Motion.title_cy, name=Member.name, at=GeneralMeeting.amendments_close_at,
                                                number=waiting.not_counted()))
                        .join(Motion, Motion.id == Amendment.motion_id).join(GeneralMeeting, GeneralMeeting.id == Motion.meeting_id)
                        .join(Member, Member.id == Amendment.member_id)
                        .where(voting, Amendment.status == "submitted", Amendment.member_id != person.member_id,
                               GeneralMeeting.amendments_close_at > now))
    if person.is_secretariat:
        branches.append(waiting.summary("programme.decide", SECTION, select(Idea.id).join(IdeaCall, IdeaCall.id == Idea.call_id)
                                        .where(Idea.status == "submitted", IdeaCall.closes_at <= now, IdeaCall.decision_id.is_(None))))
        branches.append(waiting.summary("programme.rule", SECTION, select(Motion.id).where(Motion.status == "seconded").union_all(
            select(Amendment.id).where(Amendment.status == "seconded"))))
        branches.append(select(*waiting.columns("programme.adopt", SECTION, ref=IdeaCall.id, title=IdeaCall.title_en,
                                                title_cy=IdeaCall.title_cy, at=Decision.published_at))
                        .join(Decision, Decision.id == IdeaCall.decision_id)
                        .where(and_(Decision.status == "published", IdeaCall.adopted_at.is_(None))))
    return branches


def _words(row):
    from ...i18n import current_language

    return (row.title_cy or row.title) if current_language() == "cy" else (row.title or row.title_cy)


def _draft(row):
    return waiting.Item("programme.draft", _("Submit your organisation's draft idea: %(title)s", title=_words(row)),
                        url_for("programme.idea", idea_id=row.ref), due=row.at, note=_("The call closes"))


def _call(row):
    return waiting.Item("programme.call", _("Put forward and support ideas: %(title)s", title=_words(row)),
                        url_for("programme.call", call_id=row.ref), due=row.at, note=_("The call closes"), number=0)


def _second_motion(row):
    return waiting.Item("programme.second_motion", _("A motion from %(member)s waits for a seconder: %(title)s",
                                                     member=row.name, title=_words(row)),
                        url_for("programme.motion", motion_id=row.ref), due=row.at, note=_("Motions close"), number=0)


def _second_amendment(row):
    return waiting.Item("programme.second_amendment", _("An amendment from %(member)s waits for a seconder: %(title)s",
                                                        member=row.name, title=_words(row)),
                        url_for("programme.motion", motion_id=row.ref, _anchor=f"amendment-{row.ref2}"), due=row.at,
                        note=_("Amendments close"), number=0)


def _decide(row):
    return waiting.Item("programme.decide", _("Ideas to shortlist or not take forward: %(count)d", count=row.number),
                        url_for("programme.index"), number=row.number)


def _rule(row):
    return waiting.Item("programme.rule", _("Motions and amendments to rule on: %(count)d", count=row.number),
                        url_for("programme.meetings"), number=row.number)


def _adopt(row):
    return waiting.Item("programme.adopt", _("Adopt the programme the members voted for: %(title)s", title=_words(row)),
                        url_for("programme.call", call_id=row.ref))


waiting.source(statements, {"programme.draft": _draft, "programme.call": _call, "programme.second_motion": _second_motion,
                            "programme.second_amendment": _second_amendment, "programme.decide": _decide,
                            "programme.rule": _rule, "programme.adopt": _adopt})
