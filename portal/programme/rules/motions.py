"""General meetings: motions and amendments from members' voting representatives, their seconds,
the secretariat's rulings, and lapsing when no one seconds them.

A motion or amendment is moved by the voting representative of a member in good standing and
seconded by the voting representative of another member: once, by a conditional update that only
succeeds while no one has seconded it. Every deadline is checked by the statement that writes (the
meeting's own row, against the server's clock in UTC), so a request racing the deadline cannot slip
in after it. What has no seconder by its deadline lapses (``lapse_unseconded``, from the meeting's
page and ``flask portal programme tick``; idempotent).
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, insert, literal, select, update

from ... import audit
from ...core.cache import per_request
from ...db import utcnow
from ...extensions import db
from ...membership.models import Member, Representative
from ...membership.models.members import GOOD_STANDING
from ..models import Amendment, GeneralMeeting, Motion
from ..models.meetings import AMENDMENT_KINDS, MEETING_KINDS
from . import Refused
from .ideas import _tell
from .wording import changes_only, words

OPEN_TO_AMENDMENT = ("seconded", "admissible")
RULABLE = ("seconded", "admissible", "inadmissible")


def voting_member(person):
    """The member in good standing whose voting representative ``person`` is, or None."""
    if not getattr(person, "is_authenticated", False):
        return None
    return per_request(("voting member", person.id), lambda: db.session.scalar(
        select(Member).join(Representative, Representative.member_id == Member.id)
        .where(Representative.person_id == person.id, Representative.role == "voting", Member.status.in_(GOOD_STANDING))))


def create_meeting(*, by, kind, title_en, meets_at, motions_close_at, amendments_close_at, title_cy="", venue=""):
    """The secretariat's general meeting: motions close before amendments, both before it meets."""
    if kind not in MEETING_KINDS:
        raise Refused(_l("Choose the kind of meeting"), "kind")
    if not motions_close_at < amendments_close_at:
        raise Refused(_l("Amendments must close after motions"), "amendments_time")
    if not amendments_close_at < meets_at:
        raise Refused(_l("Motions and amendments must close before the meeting"), "meets_time")
    meeting = GeneralMeeting(kind=kind, title_en=title_en, title_cy=title_cy, venue=venue, meets_at=meets_at,
                             motions_close_at=motions_close_at, amendments_close_at=amendments_close_at, created_by_id=by.id)
    db.session.add(meeting)
    db.session.flush()
    audit.record("programme.meeting_created", meeting, actor=by, detail={
        "kind": kind, "meets_at": meets_at.isoformat(), "motions_close_at": motions_close_at.isoformat(),
        "amendments_close_at": amendments_close_at.isoformat()})
    return meeting


def _mover(by, *, not_of=None, refusal):
    member = voting_member(by)
    if member is None:
        raise Refused(refusal)
    if not_of is not None and member.id == not_of:
        raise Refused(_l("Your organisation moved this: it must be seconded by another member"))
    return member


def _required(value, message, field):
    if not (value or "").strip():
        raise Refused(message, field)
    return value.strip()


def _inserted(model, values, source, *where):
    """Insert ``values`` as a row of ``model`` only if ``where`` holds on ``source`` when the statement runs; its id or None."""
    columns = list(values)
    chosen = select(*[literal(values[name], model.__table__.c[name].type) for name in columns]).select_from(source).where(*where)
    return db.session.execute(insert(model).from_select(columns, chosen).returning(model.id)).scalar()


def submit_motion(meeting, *, by, title_en, text_en, title_cy="", text_cy=""):
    """A motion from the voting representative's member, until the motions deadline."""
    member = _mover(by, refusal=_l("Only the voting representative of a member in good standing can move a motion"))
    title_en = _required(title_en, _l("Give the motion a title in English"), "title_en")
    text_en = _required(text_en, _l("Write the motion in English"), "text_en")
    now = utcnow()
    motion_id = _inserted(Motion, {
        "meeting_id": meeting.id, "title_en": title_en, "title_cy": (title_cy or "").strip(), "text_en": text_en,
        "text_cy": (text_cy or "").strip(), "status": "submitted", "member_id": member.id, "proposer_id": by.id,
        "submitted_at": now, "ruling_reason": "", "ruling_reason_cy": ""},
        GeneralMeeting, GeneralMeeting.id == meeting.id, GeneralMeeting.motions_close_at > now)
    if motion_id is None:
        raise Refused(_l("The deadline for motions has passed: the motion was not submitted"))
    motion = db.session.get(Motion, motion_id)
    audit.record("programme.motion_submitted", motion, actor=by, detail={"meeting_id": meeting.id, "member_id": member.id})
    return motion


def second_motion(motion, *, by):
    """The one second a motion needs, from another member's voting representative, until the motions deadline."""
    member = _mover(by, not_of=motion.member_id, refusal=_l("Only the voting representative of a member in good standing can second a motion"))
    now = utcnow()
    deadline = select(GeneralMeeting.id).where(GeneralMeeting.id == Motion.meeting_id, GeneralMeeting.motions_close_at > now)
    done = db.session.execute(
        update(Motion).where(Motion.id == motion.id, Motion.status == "submitted", Motion.seconder_member_id.is_(None),
                             deadline.exists())
        .values(status="seconded", seconder_member_id=member.id, seconder_id=by.id, seconded_at=now)
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(motion)
    if not done:
        if motion.seconder_member_id is not None:
            raise Refused(_l("This motion has already been seconded"))
        raise Refused(_l("The deadline for motions has passed: the motion can no longer be seconded"))
    audit.record("programme.motion_seconded", motion, actor=by, detail={"member_id": member.id})
    _tell_movers(motion, "seconded", movers_only=True)
    return motion


def propose_amendment(motion, *, by, kind, amended_text_en, amended_text_cy="", explanation=""):
    """Another member's amendment to a seconded or admissible motion, until the amendments deadline:
    the motion's whole text as it would read if the amendment carried, making the change it names."""
    member = _mover(by, refusal=_l("Only the voting representative of a member in good standing can propose an amendment"))
    if member.id == motion.member_id:
        raise Refused(_l("Amendments come from other members than the motion's"))
    if kind not in AMENDMENT_KINDS:
        raise Refused(_l("Choose what the amendment does"), "kind")
    amended_text_en = _required(amended_text_en, _l("Write the motion as it would read if the amendment carried"),
                                "amended_text_en")
    if words(amended_text_en) == words(motion.text_en) or not changes_only(motion.text_en, amended_text_en, kind):
        message = {"insert": _l("An insertion only adds words: change the text by adding words, or choose another kind"),
                   "delete": _l("A deletion only takes words out: change the text by taking words out, or choose another kind")}
        if words(amended_text_en) == words(motion.text_en):
            raise Refused(_l("The text is the same as the motion's: change the words the amendment would change"),
                          "amended_text_en")
        raise Refused(message[kind], "amended_text_en")
    now = utcnow()
    position = (db.session.scalar(select(func.max(Amendment.position)).where(Amendment.motion_id == motion.id)) or 0) + 1
    amendment_id = _inserted(Amendment, {
        "motion_id": motion.id, "position": position, "kind": kind, "amended_text_en": amended_text_en,
        "amended_text_cy": (amended_text_cy or "").strip(), "explanation": (explanation or "").strip(), "status": "submitted",
        "member_id": member.id, "proposer_id": by.id, "submitted_at": now, "ruling_reason": "", "ruling_reason_cy": ""},
        Motion.__table__.join(GeneralMeeting.__table__, GeneralMeeting.id == Motion.meeting_id),
        Motion.id == motion.id, Motion.status.in_(OPEN_TO_AMENDMENT), Motion.decision_id.is_(None),
        GeneralMeeting.amendments_close_at > now)
    if amendment_id is None:
        db.session.refresh(motion)
        if motion.status not in OPEN_TO_AMENDMENT:
            raise Refused(_l("Only a seconded or admissible motion can be amended"))
        raise Refused(_l("The deadline for amendments has passed: the amendment was not proposed"))
    amendment = db.session.get(Amendment, amendment_id)
    audit.record("programme.amendment_proposed", amendment, actor=by, detail={"motion_id": motion.id, "kind": kind})
    _tell_movers(motion, "amended", movers_only=True, amendment=amendment)
    return amendment


def second_amendment(amendment, *, by):
    """The one second an amendment needs, from a member other than its mover's, until the amendments deadline."""
    member = _mover(by, not_of=amendment.member_id, refusal=_l("Only the voting representative of a member in good standing can second an amendment"))
    now = utcnow()
    deadline = (select(GeneralMeeting.id).join(Motion, Motion.meeting_id == GeneralMeeting.id)
                .where(Motion.id == Amendment.motion_id, GeneralMeeting.amendments_close_at > now))
    done = db.session.execute(
        update(Amendment).where(Amendment.id == amendment.id, Amendment.status == "submitted",
                                Amendment.seconder_member_id.is_(None), deadline.exists())
        .values(status="seconded", seconder_member_id=member.id, seconder_id=by.id, seconded_at=now)
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(amendment)
    if not done:
        if amendment.seconder_member_id is not None:
            raise Refused(_l("This amendment has already been seconded"))
        raise Refused(_l("The deadline for amendments has passed: the amendment can no longer be seconded"))
    audit.record("programme.amendment_seconded", amendment, actor=by, detail={"member_id": member.id})
    _tell_movers(amendment, "seconded", movers_only=True)
    return amendment


def rule(moved, admissible, *, by, reason_en, reason_cy=""):
    """The secretariat's ruling on a seconded motion or amendment, with a reason published beside
    it; it may be changed until the vote on it is made."""
    reason_en = _required(reason_en, _l("Give the reason, which members will see"), "reason_en")
    model = type(moved)
    status = "admissible" if admissible else "inadmissible"
    before = moved.status
    put = [model.decision_id.is_(None)]
    if model is Motion:  # nor once its amendments are put to the vote
        put.append(~select(Amendment.id).where(Amendment.motion_id == Motion.id, Amendment.decision_id.is_not(None)).exists())
    done = db.session.execute(
        update(model).where(model.id == moved.id, model.status.in_(RULABLE), *put)
        .values(status=status, ruling_reason=reason_en, ruling_reason_cy=(reason_cy or "").strip(), ruled_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount
    db.session.refresh(moved)
    if not done:
        if moved.status in RULABLE:
            raise Refused(_l("It has been put to the vote: the ruling can no longer change"), "admissible")
        raise Refused(_l("Only a seconded motion or amendment can be ruled on"), "admissible")
    audit.record("programme.motion_ruled" if model is Motion else "programme.amendment_ruled", moved, actor=by,
                 detail={"from": before, "to": status})
    _tell_movers(moved, "ruled")
    return moved


def lapse_unseconded(now=None, meeting=None):
    """Motions and amendments with no seconder by their deadline lapse, their movers told.
    Idempotent, and safe twice at once: each lapses by a conditional update. Returns how many lapsed."""
    now = now or utcnow()
    due = [
        (Motion, select(Motion.id).join(GeneralMeeting, GeneralMeeting.id == Motion.meeting_id)
         .where(Motion.status == "submitted", GeneralMeeting.motions_close_at <= now)),
        (Amendment, select(Amendment.id).join(Motion, Motion.id == Amendment.motion_id)
         .join(GeneralMeeting, GeneralMeeting.id == Motion.meeting_id)
         .where(Amendment.status == "submitted", GeneralMeeting.amendments_close_at <= now)),
    ]
    lapsed = 0
    for model, ids in due:
        if meeting is not None:
            ids = ids.where(GeneralMeeting.id == meeting.id)
        for moved_id in db.session.scalars(ids.order_by(model.id)).all():
            if not db.session.execute(update(model).where(model.id == moved_id, model.status == "submitted")
                                      .values(status="lapsed").execution_options(synchronize_session=False)).rowcount:
                continue
            moved = db.session.get(model, moved_id)
            db.session.refresh(moved)
            audit.record("programme.motion_lapsed" if model is Motion else "programme.amendment_lapsed", moved,
                         actor=audit.SYSTEM, detail={"deadline": "no seconder"})
            _tell_movers(moved, "lapsed", movers_only=True)
            lapsed += 1
    return lapsed


def lapse_due(meeting, now=None):
    """True when some motion or amendment of ``meeting`` is waiting to lapse (a cheap check for its page)."""
    now = now or utcnow()
    if meeting.motions_close_at > now:
        return False
    waiting = select(Motion.id).where(Motion.meeting_id == meeting.id, Motion.status == "submitted")
    if meeting.amendments_close_at <= now:
        waiting = waiting.union(select(Amendment.id).join(Motion, Motion.id == Amendment.motion_id)
                                .where(Motion.meeting_id == meeting.id, Amendment.status == "submitted"))
    return db.session.scalar(select(func.count()).select_from(waiting.subquery())) > 0


_SUBJECTS = {
    ("motion", "seconded"): _l("Your motion has been seconded: “%(title)s”"),
    ("motion", "amended"): _l("An amendment has been proposed to your motion: “%(title)s”"),
    ("motion", "ruled"): _l("A ruling on the motion “%(title)s”"),
    ("motion", "lapsed"): _l("Your motion has lapsed: “%(title)s”"),
    ("amendment", "seconded"): _l("Your amendment has been seconded: “%(title)s”"),
    ("amendment", "ruled"): _l("A ruling on the amendment to “%(title)s”"),
    ("amendment", "lapsed"): _l("Your amendment has lapsed: “%(title)s”"),
}


def _tell_movers(moved, event, *, movers_only=False, amendment=None):
    """Tell the mover (and the seconder, unless ``movers_only``) what happened."""
    noun = "motion" if isinstance(moved, Motion) else "amendment"
    motion = moved if noun == "motion" else moved.motion
    kind = f"{noun}_{event}"
    people = [moved.proposer] + ([] if movers_only else [moved.seconder])
    for person in {someone.id: someone for someone in people if someone is not None}.values():
        subject = (lambda words, title: lambda: str(words) % {"title": title})(_SUBJECTS[noun, event], motion.title(person.locale))
        _tell(person, subject, "programme/email/moved.txt", kind,
              noun=noun, event=event, moved=moved, motion=motion, amendment=amendment)
