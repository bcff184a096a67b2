"""The demo's programme under way: last year's call for ideas, closed, whose six shortlisted ideas
are the six themes of the published vote "Work programme 2026–27: the network's priorities"
(portal/decisions/demo.py); each idea is that vote's option, and the programme is adopted from its
result through rules/vote.py, so its items are the three themes the members chose.

- Community wealth building: owned by the seed lab's steering group (the Oxford-led "Growing an
  Inclusive Cooperative Economy"), under way, delivered by that lab, a task of its plan and a
  toolkit output; progress reported by the group's chair.
- Social value in procurement: owned by Sunderland City Council, whose idea it was, under way,
  delivered by Sunderland's lab "Social value measures for democratic business" and the task of
  its steering group that tests the measures; progress reported by Sunderland's representative,
  once in Welsh too.
- Co-operative placemaking: kept by the secretariat, under way, with a toolkit output.
"""

from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..db import utcnow
from ..decisions.models import Decision
from ..extensions import db
from ..groups.models import Group, Task
from ..labs.models import Lab, Resource
from ..membership.rules.dates import membership_year, year_label
from .rules import delivery, ideas, vote

THEMES = [
    ("Inclusive economy", "Economi gynhwysol"),
    ("Places and communities", "Lleoedd a chymunedau"),
    ("Public services", "Gwasanaethau cyhoeddus"),
    ("Climate and energy", "Hinsawdd ac ynni"),
]

# The vote's option (its English label), the idea's author, its themes by number, its member's part,
# what it proposes, and the members whose people supported it.
IDEAS = [
    ("Community wealth building", "lead@oxford.example.org", [0, 1], "lead",
     "Spending by councils and anchor institutions leaks out of the places that need it most.",
     "Carry the seed lab's pilots into a programme: map co-operatives, train procurement teams, share what works.",
     ["rep@preston.example.org", "rep@stevenage.example.org", "rep@oldham.example.org"]),
    ("Co-operative placemaking", "rep@preston.example.org", [1], "take_part",
     "Regeneration is done to communities, not with them.",
     "Case studies and a guide on community-owned assets and co-operative high streets.",
     ["rep@oldham.example.org"]),
    ("Social value in procurement", "rep@sunderland.example.org", [0, 2], "lead",
     "Social value frameworks do not count what co-operatives give back.",
     "Measures of the social value of democratic business that buyers can use in tenders.",
     ["rep@stevenage.example.org", "rep@oxford.example.org"]),
    ("Community energy", "cynrychiolydd@cardiff.example.org", [3, 1], "take_part",
     "Community energy schemes struggle to find roofs and finance.",
     "Standard leases for public roofs and a finance guide for energy co-operatives.",
     ["rep@plymouth.example.org"]),
    ("Care co-operatives", "rep@torbay.example.org", [2], "take_part",
     "Care workers leave a sector that gives them no stake and no voice.",
     "Options for care co-operatives and how councils can commission from them.",
     []),
    ("Digital inclusion", "rep@plymouth.example.org", [2, 1], "take_part",
     "Residents without digital skills are shut out of services that moved online.",
     "Learning from community hubs that teach digital skills.",
     []),
]


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def load(secretariat):
    now = utcnow()
    decision = db.session.scalar(select(Decision).where(Decision.title_en == "Work programme 2026–27: the network's priorities"))
    if decision is None:
        return
    year = membership_year()
    call = ideas.open_call(
        by=secretariat, year=year, title_en=f"Work programme {year_label(year)}: call for ideas",
        title_cy=f"Rhaglen waith {year_label(year)}: galwad am syniadau",
        guidance_en="What should the network work on? The secretariat will shortlist the themes with most support for the members' vote.",
        guidance_cy="Ar beth y dylai'r rhwydwaith weithio? Bydd yr ysgrifenyddiaeth yn llunio rhestr fer o'r themâu sydd â'r gefnogaeth "
                    "fwyaf ar gyfer pleidlais yr aelodau.",
        opens_at=now - timedelta(minutes=5), closes_at=now + timedelta(hours=1), themes=THEMES)
    options = {option.label_en: option for option in decision.questions[0].options}
    made = []
    for title, email, theme_numbers, role, problem, activity, supporters in IDEAS:
        author = _person(email)
        option = options[title]
        idea = ideas.draft(call, by=author, themes=[call.themes[n].id for n in theme_numbers], member_role=role, title_en=title,
                           title_cy=option.label_cy, problem_en=problem, activity_en=activity)
        ideas.submit(idea, by=author)
        for supporter in supporters:
            ideas.support(idea, by=_person(supporter))
        made.append((idea, option))
    # The call ran last winter; the vote followed its close.
    call.opens_at, call.closes_at = now - timedelta(days=130), now - timedelta(days=90)
    for idea, option in made:
        idea.submitted_at = now - timedelta(days=110)
        ideas.decide(idea, "shortlisted", by=secretariat, reason_en="A theme many members asked for: it goes to the members' vote.",
                     reason_cy="Thema y gofynnodd llawer o aelodau amdani: mae'n mynd i bleidlais yr aelodau.")
        idea.option_id = option.id
    call.decision_id = decision.id
    db.session.flush()
    items = {item.title_en: item for item in vote.adopt(call, by=secretariat)}
    call.adopted_at = now - timedelta(days=58)
    for item in items.values():
        item.adopted_at = item.updated_at = call.adopted_at
    _deliver(items, secretariat, now)


def _deliver(items, secretariat, now):
    seed_lab = db.session.scalar(select(Lab).where(Lab.title == "Growing an Inclusive Cooperative Economy"))
    seed_group = db.session.scalar(select(Group).where(Group.lab_id == seed_lab.id))
    social_value_lab = db.session.scalar(select(Lab).where(Lab.title == "Social value measures for democratic business"))
    social_value_group = db.session.scalar(select(Group).where(Group.lab_id == social_value_lab.id))

    wealth = items.get("Community wealth building")
    if wealth is not None:
        delivery.change_owner(wealth, by=secretariat, kind="group", group_id=seed_group.id)
        _link(wealth, secretariat, "lab", seed_lab.id)
        _link(wealth, secretariat, "task", _task(seed_group, "Develop toolkit"))
        _link(wealth, secretariat, "resource", _resource("Community Wealth Building 2.0"))
        chair = _person("chair@oxford.example.org")
        _report(wealth, chair, now - timedelta(days=45), 20, "under_way",
                "The steering group has agreed to carry the three pilots' tools into the programme. Oxford's community map is "
                "being offered to two more councils.")
        _report(wealth, chair, now - timedelta(days=12), 45, "under_way",
                "Stevenage and Torbay have adopted the mapping approach; the first procurement training for anchor institutions "
                "was held in Oxford with 24 buyers.",
                "Mae Stevenage a Torbay wedi mabwysiadu'r dull mapio; cynhaliwyd yr hyfforddiant caffael cyntaf i sefydliadau "
                "angor yn Rhydychen gyda 24 o brynwyr.")

    social_value = items.get("Social value in procurement")
    if social_value is not None:
        if social_value.owner_kind != "member":
            delivery.change_owner(social_value, by=secretariat, kind="member", member_id=social_value_lab.lead_member_id)
        _link(social_value, secretariat, "lab", social_value_lab.id)
        _link(social_value, secretariat, "task", _task(social_value_group, "Test the measures on two contracts"))
        lead = _person("rep@sunderland.example.org")
        _report(social_value, lead, now - timedelta(days=40), 30, "under_way",
                "Twelve measures are drafted with Stevenage's procurement team.")
        _report(social_value, lead, now - timedelta(days=6), 60, "under_way",
                "The measures have been tested on two live contracts; a workshop with procurement officers is booked.",
                "Mae'r mesurau wedi'u profi ar ddau gontract byw; mae gweithdy gyda swyddogion caffael wedi'i drefnu.")

    placemaking = items.get("Co-operative placemaking")
    if placemaking is not None:
        _link(placemaking, secretariat, "resource", _resource("USE-IT! Project"))
        _report(placemaking, secretariat, now - timedelta(days=20), 10, "under_way",
                "Preston and Oldham have offered case studies of community-owned high street buildings.")


def _task(group, title):
    return db.session.scalar(select(Task.id).where(Task.group_id == group.id, Task.title == title))


def _resource(title):
    return db.session.scalar(select(Resource.id).where(Resource.title == title))


def _link(item, by, kind, target_id):
    if target_id is not None:
        delivery.link(item, by=by, kind=kind, target_id=target_id)


def _report(item, by, when, progress, status, text_en, text_cy=""):
    update = delivery.report(item, by=by, progress=progress, status=status, text_en=text_en, text_cy=text_cy)
    update.written_at = item.updated_at = when
