"""From a call's shortlist to the members' vote on the programme, and from its published result
to the adopted programme: each in one step, through the decisions' own machinery (frozen roll,
proxies, receipts, the bulletin anyone can recount)."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import audit
from ...db import utcnow
from ...decisions.rules import lifecycle
from ...extensions import db
from ...membership.rules.dates import year_label
from ..models import Idea, ProgrammeItem
from . import Refused

METHODS = ("approval", "ranked", "cumulative")


def _result(method, count):
    """What an adopted idea got in the vote, kept as "points:41" or "approvals:7" and put in words
    by ``labels.item_result``; nothing for a ranked vote, whose count has stages."""
    unit = {"cumulative": "points", "approval": "approvals"}.get(method)
    return f"{unit}:{count}" if unit and count is not None else ""


def shortlist(call):
    return db.session.scalars(select(Idea).where(Idea.call_id == call.id, Idea.status == "shortlisted").order_by(Idea.id)).all()


def make_vote(call, *, by, method, opens_at, closes_at, seats, max_choices=1, points=0, points_per_option=0):
    """A scheduled decision whose options are the shortlisted ideas, one question counted by
    ``method``; each idea remembers its option. Refused once made, or before the call closes."""
    db.session.refresh(call, ["decision_id"], with_for_update=True)
    if call.decision_id is not None:
        raise Refused(_l("The programme vote has already been made from this call"))
    if call.state(utcnow()) != "closed":
        raise Refused(_l("The call for ideas must close before its shortlist is put to the vote"))
    if method not in METHODS:
        raise Refused(_l("Choose how members vote"), "method")
    ideas = shortlist(call)
    if len(ideas) < 2:
        raise Refused(_l("Shortlist at least two ideas first"))
    if seats >= len(ideas):
        raise Refused(_l("There must be more ideas on the shortlist (%(count)d) than places in the programme", count=len(ideas)), "seats")
    label = year_label(call.year)
    decision = lifecycle.create(
        by=by, opens_at=opens_at, closes_at=closes_at, secret=True,
        title_en=f"Work programme {label}: the members' vote", title_cy=f"Rhaglen waith {label}: pleidlais yr aelodau",
        explanation_en="The shortlisted ideas from the call for ideas. Each idea's page says what it proposes and who supports it.",
        explanation_cy="Y syniadau ar y rhestr fer o'r alwad am syniadau. Mae tudalen pob syniad yn dweud beth mae'n ei gynnig a "
                       "phwy sy'n ei gefnogi.")
    question = lifecycle.add_question(
        decision, method=method, text_en="Which ideas should be in the network's work programme?",
        text_cy="Pa syniadau ddylai fod yn rhaglen waith y rhwydwaith?", seats=seats, max_choices=max_choices,
        points=points, points_per_option=points_per_option,
        options=[((idea.title_en or idea.title_cy)[:200], idea.title_cy[:200]) for idea in ideas])
    for idea, option in zip(ideas, question.options):
        idea.option_id = option.id
    lifecycle.schedule(decision, by=by)
    call.decision_id = decision.id
    db.session.flush()
    audit.record("programme.vote_made", call, actor=by, detail={"decision_id": decision.id, "method": method, "ideas": len(ideas)})
    return decision


def adopt(call, *, by):
    """The ideas the published vote chose become the year's programme items, in the order of
    their result; the ideas' authors are told. Once only."""
    db.session.refresh(call, ["adopted_at"], with_for_update=True)
    if call.adopted_at is not None:
        raise Refused(_l("This programme has already been adopted"))
    decision = call.decision
    if decision is None or decision.status != "published" or not decision.results:
        raise Refused(_l("The programme vote's results must be published first"))
    if not decision.results["quorum"]["met"]:
        raise Refused(_l("The programme vote did not reach its quorum: nothing can be adopted"))
    result = decision.results["questions"][0]
    chosen = result.get("chosen") or result.get("elected") or []
    by_option = {idea.option_id: idea for idea in db.session.scalars(select(Idea).where(Idea.call_id == call.id,
                                                                                       Idea.option_id.is_not(None)))}
    counts = result.get("counts", {})
    now = utcnow()
    items = []
    for position, option_id in enumerate(chosen, 1):
        idea = by_option[option_id]
        lead = idea.member_role == "lead"
        items.append(ProgrammeItem(
            call_id=call.id, idea_id=idea.id, position=position, title_en=idea.title_en or idea.title_cy, title_cy=idea.title_cy,
            result=_result(result["method"], counts.get(str(option_id))), owner_kind="member" if lead else "secretariat",
            owner_member_id=idea.member_id if lead else None, adopted_at=now, updated_at=now))
    db.session.add_all(items)
    call.adopted_at = now
    db.session.flush()
    audit.record("programme.adopted", call, actor=by, detail={"decision_id": decision.id, "items": len(items)})
    from .ideas import _tell

    for item in items:
        author = item.idea.author
        if author is not None:
            _tell(author, _l("Your idea is in the work programme: “%(title)s”", title=item.title(author.locale)),
                  "programme/email/idea_adopted.txt", "idea_adopted", item=item)
    return items
