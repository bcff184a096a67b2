"""The demo's annual general meeting, in about six weeks: motions close in a week and amendments
in three. Preston's motion on a shared co-operative development fund, seconded by Oldham and ruled
admissible by the secretariat; an amendment from Torbay (it inserts words) waiting for its
seconder, which Oxford's representative (rep@oxford.example.org) can give, and Oxford may propose
amendments of its own. Kirklees is lapsed in the demo, so its representative can do neither."""

from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..core.forms import london_moment
from ..db import utcnow
from ..extensions import db
from .rules import motions

MOTION_EN = ("That this annual general meeting asks the network to set up a shared co-operative development fund, "
             "paid into by member councils, to give start-up grants to new co-operatives in members' areas.\n\n"
             "That the secretariat reports on the fund's first year to the next annual general meeting.")
MOTION_CY = ("Bod y cyfarfod cyffredinol blynyddol hwn yn gofyn i'r rhwydwaith sefydlu cronfa ddatblygu gydweithredol a "
             "rennir, y mae cynghorau sy'n aelodau yn talu iddi, i roi grantiau cychwyn i fentrau cydweithredol newydd yn "
             "ardaloedd yr aelodau.\n\nBod yr ysgrifenyddiaeth yn adrodd ar flwyddyn gyntaf y gronfa i'r cyfarfod "
             "cyffredinol blynyddol nesaf.")


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def load(secretariat):
    today = utcnow().date()
    meeting = motions.create_meeting(
        by=secretariat, kind="agm", title_en="Annual general meeting", title_cy="Cyfarfod cyffredinol blynyddol",
        venue="Preston Town Hall, and online", meets_at=london_moment(today + timedelta(weeks=6), "10:30"),
        motions_close_at=london_moment(today + timedelta(weeks=1), "17:00"),
        amendments_close_at=london_moment(today + timedelta(weeks=3), "17:00"))
    motion = motions.submit_motion(
        meeting, by=_person("rep@preston.example.org"), title_en="A shared co-operative development fund",
        title_cy="Cronfa ddatblygu gydweithredol a rennir", text_en=MOTION_EN, text_cy=MOTION_CY)
    motions.second_motion(motion, by=_person("rep@oldham.example.org"))
    motions.rule(motion, True, by=secretariat,
                 reason_en="Within the network's objects and its budget powers; it asks for a report rather than committing money now.",
                 reason_cy="O fewn amcanion y rhwydwaith a'i bwerau cyllidebol; mae'n gofyn am adroddiad yn hytrach nag "
                           "ymrwymo arian nawr.")
    motions.propose_amendment(
        motion, by=_person("rep@torbay.example.org"), kind="insert",
        amended_text_en=MOTION_EN.replace("new co-operatives in members' areas",
                                          "new co-operatives in members' areas, with at least a third of the fund for rural and "
                                          "coastal areas"),
        amended_text_cy=MOTION_CY.replace("yn ardaloedd yr aelodau",
                                          "yn ardaloedd yr aelodau, gydag o leiaf draean o'r gronfa ar gyfer ardaloedd gwledig "
                                          "ac arfordirol"),
        explanation="Rural and coastal members have fewer co-operative support services than cities.")
    return meeting
