"""The open vote the harness casts ballots in, all at once.

It is made, scheduled and opened by the portal's own lifecycle, so its roll is frozen by
``freeze_roll`` and its representatives are told by email as for any vote. Its roll date is
the first day of the membership year, when every bench member was in good standing, so
every bench member is on it, lapsed since or not (a roll, once frozen, does not change).
"""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..auth.models import Person
from ..db import utcnow
from ..decisions.models import RollEntry
from ..decisions.rules import lifecycle
from ..extensions import db
from ..membership.models import Member, Representative
from ..membership.rules.dates import membership_year, year_start

OPEN_DAYS = 7


def write(bench):
    """Open the burst vote; return its id, its question's id and the bench voters on its roll."""
    secretariat = db.session.get(Person, bench.demo.secretariat_id)
    now = utcnow()
    decision = lifecycle.create(
        by=secretariat,
        title_en="Special resolution: the network's revised constitution",
        title_cy="Penderfyniad arbennig: cyfansoddiad diwygiedig y rhwydwaith",
        explanation_en="The Executive Committee proposes a revised constitution, circulated with the papers for the "
                       "annual general meeting. Members on the roll at the start of the membership year may vote.",
        explanation_cy="Mae'r Pwyllgor Gwaith yn cynnig cyfansoddiad diwygiedig. Gall aelodau ar y gofrestr ar "
                       "ddechrau'r flwyddyn aelodaeth bleidleisio.",
        opens_at=now - timedelta(minutes=10), closes_at=now + timedelta(days=OPEN_DAYS),
        roll_date=year_start(membership_year()), secret=True, changeable=False, quorum_kind="percent", quorum_value=50,
    )
    question = lifecycle.add_question(
        decision, method="motion", threshold="two_thirds",
        text_en="That the network adopts the revised constitution.",
        text_cy="Bod y rhwydwaith yn mabwysiadu'r cyfansoddiad diwygiedig.",
    )
    lifecycle.schedule(decision, by=secretariat)
    # Loaded with their representatives and held, so that telling each one finds them at hand.
    members = db.session.scalars(  # noqa: F841
        select(Member).options(selectinload(Member.representatives).joinedload(Representative.person))).all()
    lifecycle.open_voting(decision, now)
    on_roll = set(db.session.scalars(select(RollEntry.member_id).where(RollEntry.decision_id == decision.id)))
    voters = [{"email": bench.people[m["voter"]]["email"], "member_id": m["id"]} for m in bench.members if m["id"] in on_roll]
    return {"id": decision.id, "question_id": question.id, "closes_at": decision.closes_at, "voters": voters}
