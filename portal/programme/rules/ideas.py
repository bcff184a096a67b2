"""Calls for ideas, ideas from members, and members' supports.

The deadlines are the server's clock in UTC against the call's close (entered in UK time): a
submission, a support or its withdrawal is refused by the statement that writes it when the
close has passed, so a request racing the close cannot slip in after it. One support per member
per idea is the table's unique key: two of a member's people supporting at once give one.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, func, select, update

from ... import audit, mail
from ...db import insert_ignoring_duplicates, utcnow
from ...extensions import db
from ...membership.models.members import GOOD_STANDING
from ..models import CallTheme, Idea, IdeaCall, IdeaCredit, IdeaSupport, IdeaVersion
from ..models.calls import VISIBLE_STATES
from . import Refused

TEXTS = ("title", "problem", "activity", "benefit")
TEXT_FIELDS = tuple(f"{name}_{language}" for name in TEXTS for language in ("en", "cy"))
OUTCOMES = ("shortlisted", "not_taken_forward")


def open_call(*, by, year, title_en, opens_at, closes_at, title_cy="", guidance_en="", guidance_cy="", themes=()):
    """The secretariat's call for ideas for membership year ``year``, with its themes ``[(en, cy)]``."""
    if closes_at <= opens_at:
        raise Refused(_l("The call must close after it opens"), "closes_on")
    call = IdeaCall(year=year, title_en=title_en, title_cy=title_cy, guidance_en=guidance_en, guidance_cy=guidance_cy,
                    opens_at=opens_at, closes_at=closes_at, created_by_id=by.id,
                    themes=[CallTheme(position=n, name_en=en, name_cy=cy) for n, (en, cy) in enumerate(themes, 1)])
    db.session.add(call)
    db.session.flush()
    audit.record("programme.call_opened", call, actor=by, detail={"year": year, "closes_at": closes_at.isoformat()})
    return call


def _open_now(call_id, now):
    """A condition that the call is open at ``now``."""
    return exists().where(IdeaCall.id == call_id, IdeaCall.opens_at <= now, IdeaCall.closes_at > now)


def may_propose(person):
    """Any person of a member in good standing may put forward ideas."""
    return (getattr(person, "is_authenticated", False) and person.member_id is not None
            and person.member is not None and person.member.status in GOOD_STANDING)


def draft(call, *, by, themes=(), **fields):
    """A new draft idea in ``call`` for the person's member, private to its people until submitted."""
    if not may_propose(by):
        raise Refused(_l("Only people of a member in good standing can put forward ideas"))
    if call.state(utcnow()) != "open":
        raise Refused(_l("This call for ideas is not open"))
    idea = Idea(call_id=call.id, member_id=by.member_id, author_id=by.id, **_fields(fields))
    idea.themes = _themes(call, themes)
    db.session.add(idea)
    db.session.flush()
    audit.record("programme.idea_drafted", idea, actor=by, detail={"call_id": call.id})
    return idea


def _fields(fields):
    allowed = set(TEXT_FIELDS) | {"member_role", "costs_pence"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"not an idea's field: {sorted(unknown)}")
    if not (fields.get("title_en") or fields.get("title_cy")):
        raise Refused(_l("Give the idea a title in English or Welsh"), "title_en")
    return fields


def _themes(call, theme_ids):
    wanted = set(theme_ids)
    return [theme for theme in call.themes if theme.id in wanted]


def _texts(idea):
    return {name: getattr(idea, name) for name in TEXT_FIELDS} | {
        "member_role": idea.member_role, "costs_pence": idea.costs_pence, "themes": [theme.id for theme in idea.themes]}


def change(idea, *, by, themes=(), note="", **fields):
    """Change an idea's texts. Its member's people change a draft, or their submitted idea while
    the call is open; the secretariat edits any idea for clarity, and the author is told. Once
    submitted, the texts before each change are kept as a version anyone who sees it can read."""
    fields = _fields(fields)
    by_author_side = by.member_id == idea.member_id
    if not by.is_secretariat and not (by_author_side and idea.status in ("draft", "submitted")):
        raise Refused(_l("This idea can no longer be changed"))
    if idea.status == "submitted" and not by.is_secretariat and idea.call.state(utcnow()) != "open":
        raise Refused(_l("The call for ideas has closed: the idea can no longer be changed"))
    before = _texts(idea)
    new_themes = _themes(idea.call, themes)
    after = {**fields, "themes": [theme.id for theme in new_themes]}
    if all(before.get(name) == value for name, value in after.items()):
        return False
    if idea.status != "draft":
        db.session.add(IdeaVersion(idea_id=idea.id, number=idea.version, texts=before, edited_by_id=by.id, note=note))
        idea.version += 1
    for name, value in fields.items():
        setattr(idea, name, value)
    idea.themes = new_themes
    db.session.flush()
    audit.record("programme.idea_edited", idea, actor=by, detail={"version": idea.version, "by_secretariat": not by_author_side})
    if idea.status != "draft" and not by_author_side and idea.author is not None:
        _tell(idea.author, _l("Your idea “%(title)s” has been edited", title=idea.title(idea.author.locale)),
              "programme/email/idea_edited.txt", "idea_edited", idea=idea, note=note)
    return True


def submit(idea, *, by):
    """Draft to submitted, while the call is open: from then members see it and may support it."""
    if by.member_id != idea.member_id:
        raise Refused(_l("Only its member's people can submit this idea"))
    if not (idea.problem_en or idea.problem_cy) or not (idea.activity_en or idea.activity_cy):
        raise Refused(_l("Say what the problem is and what activity you propose before submitting"), "problem_en")
    now = utcnow()
    done = db.session.execute(
        update(Idea).where(Idea.id == idea.id, Idea.status == "draft", _open_now(idea.call_id, now))
        .values(status="submitted", submitted_at=now).execution_options(synchronize_session=False)).rowcount
    if not done:
        db.session.refresh(idea)
        if idea.status != "draft":
            raise Refused(_l("This idea has already been submitted"))
        raise Refused(_l("The call for ideas has closed: the idea was not submitted"))
    db.session.refresh(idea)
    audit.record("programme.idea_submitted", idea, actor=by)
    return idea


def withdraw(idea, *, by):
    """Its member's people take back a draft or submitted idea, before the close."""
    if by.member_id != idea.member_id:
        raise Refused(_l("Only its member's people can withdraw this idea"))
    done = db.session.execute(
        update(Idea).where(Idea.id == idea.id, Idea.status.in_(("draft", "submitted")), _open_now(idea.call_id, utcnow()))
        .values(status="withdrawn").execution_options(synchronize_session=False)).rowcount
    if not done:
        raise Refused(_l("This idea can no longer be withdrawn"))
    db.session.refresh(idea)
    audit.record("programme.idea_withdrawn", idea, actor=by)


def may_support(person, idea):
    return may_propose(person) and idea.status == "submitted" and person.member_id != idea.member_id


def support(idea, *, by):
    """The person's member supports the idea: once, whoever of its people gives it, until the close."""
    if not may_propose(by):
        raise Refused(_l("Only people of a member in good standing can support ideas"))
    if by.member_id == idea.member_id:
        raise Refused(_l("Your organisation put this idea forward: supports come from other members"))
    now = utcnow()
    open_for_support = db.session.scalar(select(Idea.id).where(
        Idea.id == idea.id, Idea.status == "submitted", _open_now(idea.call_id, now)))
    if open_for_support is None:
        raise Refused(_l("Supports for this idea have closed"))
    if not insert_ignoring_duplicates(IdeaSupport, {"idea_id": idea.id, "member_id": by.member_id, "person_id": by.id,
                                                    "created_at": now}):
        raise Refused(_l("Your organisation already supports this idea"))
    audit.record("programme.idea_supported", idea, actor=by, detail={"member_id": by.member_id})


def withdraw_support(idea, *, by):
    """The member takes back its support, until the close."""
    now = utcnow()
    gone = db.session.execute(delete(IdeaSupport).where(
        IdeaSupport.idea_id == idea.id, IdeaSupport.member_id == by.member_id,
        _open_now(idea.call_id, now)).execution_options(synchronize_session=False)).rowcount
    if not gone:
        if idea.call.state(now) != "open":
            raise Refused(_l("Supports for this idea have closed"))
        raise Refused(_l("Your organisation does not support this idea"))
    audit.record("programme.idea_support_withdrawn", idea, actor=by, detail={"member_id": by.member_id})


def supporters(idea_ids):
    """``{idea id: [member, ...]}`` for the ideas, in one statement."""
    from ...membership.models import Member

    found = {idea_id: [] for idea_id in idea_ids}
    if idea_ids:
        rows = db.session.execute(select(IdeaSupport.idea_id, Member).join(Member, Member.id == IdeaSupport.member_id)
                                  .where(IdeaSupport.idea_id.in_(idea_ids)).order_by(Member.name))
        for idea_id, member in rows:
            found[idea_id].append(member)
    return found


def merge(duplicate, into, *, by, note=""):
    """Fold ``duplicate`` into ``into``: its supports carried over (a member supporting both counts
    once), its authors credited on ``into``, both ideas' authors told."""
    if duplicate.status == "merged":
        raise Refused(_l("This idea has already been merged"), "into")
    if duplicate.id == into.id or duplicate.call_id != into.call_id:
        raise Refused(_l("Choose another idea of the same call to merge into"), "into")
    if duplicate.status not in ("submitted", "shortlisted") or into.status not in ("submitted", "shortlisted"):
        raise Refused(_l("Only submitted ideas can be merged"), "into")
    db.session.refresh(duplicate, ["status"], with_for_update=True)
    if duplicate.status == "merged":
        raise Refused(_l("This idea has already been merged"), "into")
    carried = db.session.execute(select(IdeaSupport.member_id, IdeaSupport.person_id, IdeaSupport.created_at)
                                 .where(IdeaSupport.idea_id == duplicate.id)).all()
    for member_id, person_id, created_at in carried:
        if member_id != into.member_id:
            insert_ignoring_duplicates(IdeaSupport, {"idea_id": into.id, "member_id": member_id, "person_id": person_id,
                                                     "created_at": created_at})
    db.session.execute(delete(IdeaSupport).where(IdeaSupport.idea_id == duplicate.id))
    credits = [(duplicate.id, duplicate.member_id, duplicate.author_id)] + [
        (credit.from_idea_id, credit.member_id, credit.person_id)
        for credit in db.session.scalars(select(IdeaCredit).where(IdeaCredit.idea_id == duplicate.id))]
    for from_idea_id, member_id, person_id in credits:
        insert_ignoring_duplicates(IdeaCredit, {"idea_id": into.id, "from_idea_id": from_idea_id, "member_id": member_id,
                                                "person_id": person_id})
    into.themes = sorted({*into.themes, *duplicate.themes}, key=lambda theme: theme.position)
    duplicate.status, duplicate.merged_into_id, duplicate.decided_at = "merged", into.id, utcnow()
    db.session.flush()
    audit.record("programme.idea_merged", duplicate, actor=by, detail={"into": into.id, "supports_carried": len(carried)})
    for idea in (duplicate, into):
        if idea.author is not None:
            _tell(idea.author, _l("Two ideas have been merged: “%(title)s”", title=into.title(idea.author.locale)),
                  "programme/email/idea_merged.txt", "idea_merged", idea=idea, duplicate=duplicate, into=into, note=note)


def decide(idea, outcome, *, by, reason_en, reason_cy=""):
    """The secretariat's outcome for a submitted idea, with a reason published beside it."""
    if outcome not in OUTCOMES:
        raise Refused(_l("Choose shortlisted or not taken forward"), "outcome")
    if not (reason_en or "").strip():
        raise Refused(_l("Give the reason, which members will see"), "reason_en")
    if idea.status not in ("submitted", *OUTCOMES):
        raise Refused(_l("Only a submitted idea can be shortlisted or not taken forward"), "outcome")
    if idea.call.decision_id is not None:
        raise Refused(_l("The programme vote has been made from this call's shortlist: the shortlist can no longer change"),
                      "outcome")
    if idea.call.state(utcnow()) != "closed":
        raise Refused(_l("The call is still open: ideas are shortlisted once it has closed and every support is in"), "outcome")
    before = idea.status
    idea.status, idea.outcome_reason_en, idea.outcome_reason_cy, idea.decided_at = outcome, reason_en, reason_cy, utcnow()
    db.session.flush()
    audit.record("programme.idea_decided", idea, actor=by, detail={"from": before, "to": outcome})
    if idea.author is not None:
        _tell(idea.author, _l("An outcome for your idea “%(title)s”", title=idea.title(idea.author.locale)),
              "programme/email/idea_decided.txt", "idea_decided", idea=idea)


def _tell(person, subject, template, kind, **context):
    if person.deactivated_at is None and person.erased_at is None and person.email:
        mail.enqueue(person.email, subject, template, kind=kind, person=person, **context)


def visible_ideas(person):
    """A condition on Idea for the ideas ``person`` may read: submitted ones (and their outcomes)
    to anyone signed in, drafts and withdrawn ones to their member's people only."""
    if getattr(person, "member_id", None) is None:
        return Idea.status.in_(VISIBLE_STATES)
    return Idea.status.in_(VISIBLE_STATES) | (Idea.member_id == person.member_id)


def counts_of_supports(idea_ids):
    if not idea_ids:
        return {}
    return dict(db.session.execute(select(IdeaSupport.idea_id, func.count()).where(IdeaSupport.idea_id.in_(idea_ids))
                                   .group_by(IdeaSupport.idea_id)).all())
