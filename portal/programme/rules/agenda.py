"""A general meeting's agenda in voting order, and its votes made in one step through the decisions'
own machinery (frozen roll, proxies, receipts, the bulletin anyone can recount).

Standing-orders practice: each admissible amendment is a motion decision of its own ("That the
amendment be made"), voted first; once those are published, the motion as amended (the carried
amendments applied in voting order, see ``wording``) is put as a motion decision.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.orm import joinedload, selectinload

from ... import audit
from ...db import utcnow
from ...decisions.rules import lifecycle
from ...extensions import db
from ..models import Amendment, Motion
from . import Refused
from .motions import lapse_unseconded
from .wording import as_amended

DONE = ("published", "annulled")
KIND_WORDS = {"replace": ("replaces words", "yn disodli geiriau"), "insert": ("inserts words", "yn ychwanegu geiriau"),
              "delete": ("deletes words", "yn dileu geiriau")}


def motions_of(meeting, motion_id=None):
    """The meeting's motions (or the one ``motion_id``) with their amendments, movers, seconders and
    decisions, in voting order (each motion after its amendments), in a fixed number of statements."""
    chosen = select(Motion).where(Motion.meeting_id == meeting.id)
    if motion_id is not None:
        chosen = chosen.where(Motion.id == motion_id)
    return db.session.scalars(
        chosen.order_by(Motion.submitted_at, Motion.id)
        .options(joinedload(Motion.member), joinedload(Motion.seconder_member), joinedload(Motion.decision),
                 selectinload(Motion.amendments).options(joinedload(Amendment.member), joinedload(Amendment.seconder_member),
                                                          joinedload(Amendment.decision)))).all()


def carried(decision):
    """True when the published decision's one motion question carried, with its quorum met."""
    results = decision.results if decision is not None and decision.status == "published" else None
    return bool(results and results["quorum"]["met"] and results["questions"][0].get("carried"))


def voted_on(motion):
    """The motion's admissible amendments, in voting order."""
    return [amendment for amendment in motion.amendments if amendment.status == "admissible"]


def ready_for_motion(motion):
    """True when no amendment waits for a seconder or a ruling, and every admissible one has been
    put to the vote and its result published (or annulled)."""
    return not any(amendment.status in ("submitted", "seconded") for amendment in motion.amendments) and all(
        amendment.decision is not None and amendment.decision.status in DONE for amendment in voted_on(motion))


def text_as_amended(motion, language="en"):
    """The motion's text with its carried amendments applied; in Welsh only when the motion and
    every carried amendment have Welsh words (else "")."""
    won = [amendment for amendment in voted_on(motion) if carried(amendment.decision)]
    if language == "cy":
        if not motion.text_cy or any(not amendment.amended_text_cy for amendment in won):
            return ""
        return as_amended(motion.text_cy, [amendment.amended_text_cy for amendment in won])
    return as_amended(motion.text_en, [amendment.amended_text_en for amendment in won])


def make_decisions(meeting, *, by, opens_at, closes_at):
    """The votes that are due, each a scheduled motion decision with the window given: every
    admissible amendment not yet put, and every admissible motion whose amendments' results are
    all published. Returns the decisions made; refused when none is due."""
    now = utcnow()
    if meeting.amendments_close_at > now:
        raise Refused(_l("The votes can be made once the deadline for amendments has passed"), "opens_on")
    if closes_at <= opens_at:
        raise Refused(_l("Voting must close after it opens"), "closes_time")
    lapse_unseconded(now, meeting)
    made = []
    for motion in motions_of(meeting):
        if motion.status != "admissible" or motion.decision_id is not None:
            continue
        pending = [amendment for amendment in voted_on(motion) if amendment.decision_id is None]
        if pending:
            for amendment in pending:
                made.append(_put(Amendment, amendment, _amendment_decision(meeting, motion, amendment, by, opens_at, closes_at)))
        elif ready_for_motion(motion):
            made.append(_put(Motion, motion, _motion_decision(meeting, motion, by, opens_at, closes_at)))
    if not made:
        raise Refused(_l("Nothing is ready to be put to the vote: every admissible amendment and motion has its vote, "
                         "or waits for its amendments' rulings or results"), "opens_on")
    audit.record("programme.meeting_votes_made", meeting, actor=by, detail={"decisions": [decision.id for decision in made]})
    return made


def _put(model, moved, decision):
    """Store the decision on the motion or amendment: once, whoever else presses at the same moment."""
    done = db.session.execute(update(model).where(model.id == moved.id, model.decision_id.is_(None))
                              .values(decision_id=decision.id).execution_options(synchronize_session=False)).rowcount
    if not done:
        raise Refused(_l("These votes have just been made by someone else"), "opens_on")
    db.session.refresh(moved)
    return decision


def _scheduled(by, opens_at, closes_at, question, **texts):
    decision = lifecycle.create(by=by, opens_at=opens_at, closes_at=closes_at, secret=True,
                                **{name: value[:200] if name.startswith("title") else value for name, value in texts.items()})
    lifecycle.add_question(decision, method="motion", text_en=question[0], text_cy=question[1])
    try:
        lifecycle.schedule(decision, by=by)
    except lifecycle.NotReady as not_ready:
        raise Refused(not_ready.message, "closes_on") from None
    return decision


def _amendment_decision(meeting, motion, amendment, by, opens_at, closes_at):
    number = voted_on(motion).index(amendment) + 1
    en, cy = KIND_WORDS[amendment.kind]
    return _scheduled(
        by, opens_at, closes_at, ("That the amendment be made", "Bod y gwelliant yn cael ei wneud"),
        title_en=f"{meeting.title_en}: amendment {number} to “{motion.title_en}”",
        title_cy=f"{meeting.title('cy')}: gwelliant {number} i “{motion.title('cy')}”",
        explanation_en=f"Amendment {number}, moved by {amendment.member.name} and seconded by {amendment.seconder_member.name}, "
                       f"{en}. The motion, moved by {motion.member.name}, now reads:\n\n{motion.text_en}\n\n"
                       f"If the amendment is made, it will read:\n\n{amendment.amended_text_en}",
        explanation_cy=f"Gwelliant {number}, wedi'i gynnig gan {amendment.member.name} a'i eilio gan "
                       f"{amendment.seconder_member.name}, {cy}. Mae'r cynnig, gan {motion.member.name}, yn darllen:\n\n"
                       f"{motion.text('cy')}\n\nOs caiff y gwelliant ei wneud, bydd yn darllen:\n\n{amendment.text('cy')}")


def _motion_decision(meeting, motion, by, opens_at, closes_at):
    amended = any(carried(amendment.decision) for amendment in voted_on(motion))
    text_en, text_cy = text_as_amended(motion), text_as_amended(motion, "cy") or text_as_amended(motion)
    question = (("That the motion as amended be carried", "Bod y cynnig fel y'i diwygiwyd yn cael ei basio") if amended
                else ("That the motion be carried", "Bod y cynnig yn cael ei basio"))
    return _scheduled(
        by, opens_at, closes_at, question,
        title_en=f"{meeting.title_en}: “{motion.title_en}”" + (" as amended" if amended else ""),
        title_cy=f"{meeting.title('cy')}: “{motion.title('cy')}”" + (" fel y'i diwygiwyd" if amended else ""),
        explanation_en=f"Moved by {motion.member.name}, seconded by {motion.seconder_member.name}."
                       + (" The amendments that were made are included." if amended else "") + f"\n\n{text_en}",
        explanation_cy=f"Wedi'i gynnig gan {motion.member.name} a'i eilio gan {motion.seconder_member.name}."
                       + (" Mae'r gwelliannau a wnaed wedi'u cynnwys." if amended else "") + f"\n\n{text_cy}")

