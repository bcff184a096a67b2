"""The demo's decisions: last year's work programme and board election, counted and
published, and this year's subscription rates and conference venue, open for voting."""

from datetime import timedelta

from sqlalchemy import select

from ..db import utcnow
from ..extensions import db
from ..membership.models import Member
from .rules import casting, lifecycle

THEMES = [
    ("Community wealth building", "Cyfoeth cymunedol"),
    ("Co-operative placemaking", "Creu lleoedd cydweithredol"),
    ("Social value in procurement", "Gwerth cymdeithasol mewn caffael"),
    ("Community energy", "Ynni cymunedol"),
    ("Care co-operatives", "Mentrau gofal cydweithredol"),
    ("Digital inclusion", "Cynhwysiant digidol"),
]
BOARD = [
    ("Amira Okafor (Oxford City Council)", ""),
    ("Rhys Morgan (Cardiff Council)", "Rhys Morgan (Cyngor Caerdydd)"),
    ("Helen Ashworth (Oldham Council)", ""),
    ("Kwame Mensah (Preston City Council)", ""),
    ("Siân Roberts (Torbay Council)", ""),
]
VENUES = [("Oxford", "Rhydychen"), ("Cardiff", "Caerdydd"), ("Preston", "Preston")]

# Each voting member's answers, by its name's first word: (work programme themes, motion,
# board ranking by candidate number).
LAST_YEAR = {
    "Oldham": ([0, 1, 2], "for", [3, 1, 5]),
    "Oxford": ([0, 2, 5], "for", [1, 3, 2]),
    "Stevenage": ([0, 2, 4], "for", [1, 5, 3]),
    "Torbay": ([4, 0, 3], "for", [5, 1, 2, 3]),
    "Preston": ([0, 1, 2], "for", [4, 3, 1]),
    "Cardiff": ([3, 0, 1], "against", [2, 1]),
    "Plymouth": ([4, 3, 5], "abstain", [5, 2, 1]),
    "Sunderland": ([1, 0, 2], "for", [3, 4, 1, 2]),
    "West": ([0, 2, 1], "for", [1, 2, 3, 4, 5]),
}
THIS_YEAR = {"Stevenage": ("for", 0), "Preston": ("for", 2), "Cardiff": ("against", 1)}


def load(secretariat):
    now = utcnow()
    _last_year(secretariat, now)
    _this_year(secretariat, now)


def _voters(decision):
    from ..membership.models import Representative
    from .models import RollEntry

    rows = db.session.execute(
        select(Member, Representative)
        .join(RollEntry, RollEntry.member_id == Member.id)
        .join(Representative, (Representative.member_id == Member.id) & (Representative.role == "voting"))
        .where(RollEntry.decision_id == decision.id)
    ).all()
    return {member.name.split()[0]: (member, representative.person) for member, representative in rows}


def _last_year(secretariat, now):
    opened, closed = now - timedelta(days=75), now - timedelta(days=61)
    programme = lifecycle.create(
        by=secretariat,
        title_en="Work programme 2026–27: the network's priorities",
        title_cy="Rhaglen waith 2026–27: blaenoriaethau'r rhwydwaith",
        explanation_en="Choose up to three themes for the network's work programme this year. The three most chosen become the programme.",
        explanation_cy="Dewiswch hyd at dair thema ar gyfer rhaglen waith y rhwydwaith eleni. Y tair a ddewisir amlaf fydd y rhaglen.",
        opens_at=now - timedelta(minutes=5), closes_at=now + timedelta(hours=1), secret=True,
        quorum_kind="percent", quorum_value=50,
    )
    themes = lifecycle.add_question(programme, method="approval", text_en="Which themes should the network work on?",
                                    text_cy="Ar ba themâu y dylai'r rhwydwaith weithio?", max_choices=3, seats=3, options=THEMES)
    adopt = lifecycle.add_question(programme, method="motion", text_en="That the network adopts the three chosen themes as its work programme.",
                                   text_cy="Bod y rhwydwaith yn mabwysiadu'r tair thema a ddewiswyd yn rhaglen waith.")
    board = lifecycle.create(
        by=secretariat,
        title_en="Election to the Values and Principles Board",
        title_cy="Etholiad i'r Bwrdd Gwerthoedd ac Egwyddorion",
        explanation_en="Three seats, elected by the Single Transferable Vote. Number the candidates in your order of preference.",
        explanation_cy="Tair sedd, wedi'u hethol drwy'r Bleidlais Sengl Drosglwyddadwy. Rhifwch yr ymgeiswyr yn nhrefn eich dewis.",
        opens_at=now - timedelta(minutes=5), closes_at=now + timedelta(hours=1), secret=True,
    )
    seats = lifecycle.add_question(board, method="ranked", text_en="Elect three members of the board",
                                   text_cy="Etholwch dri aelod o'r bwrdd", seats=3, options=BOARD)
    for decision in (programme, board):
        lifecycle.schedule(decision, by=secretariat)
        lifecycle.open_voting(decision, now)
    for key, (member, person) in _voters(programme).items():
        chosen, motion, _ranking = LAST_YEAR[key]
        casting.cast(programme, member, person, {
            str(themes.id): [themes.options[i].id for i in chosen], str(adopt.id): motion,
        })
    for key, (member, person) in _voters(board).items():
        ranking = LAST_YEAR[key][2]
        casting.cast(board, member, person, {str(seats.id): [seats.options[n - 1].id for n in ranking]})
    for decision in (programme, board):
        decision.opens_at, decision.opened_at, decision.closes_at = opened, opened, closed
        for ballot in _ballots(decision):
            ballot.cast_at = opened + timedelta(days=3, hours=ballot.id % 48)
        db.session.flush()
        lifecycle.close_voting(decision, closed)
        lifecycle.publish(decision, by=secretariat)


def _this_year(secretariat, now):
    rates = lifecycle.create(
        by=secretariat,
        title_en="Subscription rates for 2027–28 and the next annual conference",
        title_cy="Cyfraddau tanysgrifio 2027–28 a'r gynhadledd flynyddol nesaf",
        explanation_en="The secretariat proposes to keep the Full and Associate fees as they are and to hold the Affiliate fee at £150. Members may change their ballot until voting closes.",
        explanation_cy="Mae'r ysgrifenyddiaeth yn cynnig cadw ffioedd Llawn a Chyswllt fel y maent a chadw'r ffi Gysylltiedig ar £150. Gall aelodau newid eu pleidlais hyd nes y daw'r bleidlais i ben.",
        opens_at=now - timedelta(days=2), closes_at=now + timedelta(days=7), secret=True, changeable=True,
        quorum_kind="percent", quorum_value=50,
    )
    motion = lifecycle.add_question(rates, method="motion", threshold="two_thirds",
                                    text_en="That the subscription rates for 2027–28 are as proposed.",
                                    text_cy="Bod y cyfraddau tanysgrifio ar gyfer 2027–28 fel y'u cynigiwyd.")
    venue = lifecycle.add_question(rates, method="single", text_en="Where should the 2027 annual conference be held?",
                                   text_cy="Ble y dylid cynnal cynhadledd flynyddol 2027?", options=VENUES)
    lifecycle.schedule(rates, by=secretariat)
    lifecycle.open_voting(rates, now)
    voters = _voters(rates)
    for key, (answer, venue_index) in THIS_YEAR.items():
        member, person = voters[key]
        casting.cast(rates, member, person, {str(motion.id): answer, str(venue.id): venue.options[venue_index].id})
    rates.opened_at = rates.opens_at
    # Torbay's representative is away: Oxford's votes for Torbay too, as its proxy.
    from .rules import proxies

    torbay, _ = voters["Torbay"]
    _oxford, priya = voters["Oxford"]
    proxies.appoint(torbay, priya, rates, by=voters["Torbay"][1])


def _ballots(decision):
    from .models import Ballot

    return db.session.scalars(select(Ballot).where(Ballot.decision_id == decision.id)).all()
