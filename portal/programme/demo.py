"""The demo's work programme: the call for ideas for next year, open, with ideas from Oxford,
Stevenage and Cardiff (in Welsh), supports from other members, a duplicate pair from Torbay and
Plymouth for the secretariat to merge, and a draft Oxford has not yet submitted. Then last
year's call, vote and adopted programme with its delivery under way (demo_delivery.py), and the
annual general meeting with its motion and amendment (demo_meetings.py)."""

from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..db import utcnow
from ..extensions import db
from ..membership.rules.dates import membership_year, year_label
from .rules import ideas

THEMES = [
    ("Community wealth building", "Cyfoeth cymunedol"),
    ("Community energy", "Ynni cymunedol"),
    ("Care co-operatives", "Mentrau gofal cydweithredol"),
    ("Digital inclusion", "Cynhwysiant digidol"),
    ("Social value in procurement", "Gwerth cymdeithasol mewn caffael"),
]

# (author, themes by number, member's part, texts, the members whose representatives support it)
IDEAS = [
    ("officer@stevenage.example.org", [2], "lead", dict(
        title_en="Co-operative home care: a shared commissioning model",
        problem_en="Councils commission home care from providers whose staff turnover is high and whose profits leave the area.",
        activity_en="A Policy Lab with three councils to design a commissioning model that favours worker- and user-owned care "
                    "co-operatives, with a toolkit for procurement officers.",
        benefit_en="Members get a tested model and contract terms they can reuse, and a network of care co-operatives to learn from.",
    ), ["rep@preston.example.org", "rep@oldham.example.org", "rep@torbay.example.org"]),
    ("lead@oxford.example.org", [0, 4], "lead", dict(
        title_en="Anchor institutions spending locally: a toolkit",
        problem_en="Hospitals, universities and councils spend billions a year, but little of it reaches local co-operatives.",
        activity_en="Training and a toolkit for anchor institutions on buying from co-operatives and social enterprises, with "
                    "case studies from Preston and Oxford.",
        benefit_en="A practical route for members to move spending to local, democratic enterprises.",
    ), ["rep@stevenage.example.org", "rep@preston.example.org"]),
    ("cynrychiolydd@cardiff.example.org", [1], "take_part", dict(
        title_cy="Ynni cymunedol ym mhob ward",
        problem_cy="Mae cynlluniau ynni cymunedol yn dibynnu ar wirfoddolwyr prin ac yn ei chael yn anodd cael to cyhoeddus.",
        activity_cy="Gweithdai a chanllaw i gynghorau ar roi toeau adeiladau cyhoeddus i fentrau ynni cydweithredol.",
        benefit_cy="Gall aelodau gynnig toeau a phrydlesi safonol, gan leihau biliau a chadw'r elw yn lleol.",
    ), ["rep@sunderland.example.org"]),
    ("rep@torbay.example.org", [3], "take_part", dict(
        title_en="Digital inclusion through community hubs",
        problem_en="Older residents and people on low incomes cannot reach council services that have moved online.",
        activity_en="Share how community-owned hubs teach digital skills, and write a guide to funding them.",
        benefit_en="Members can support hubs that reach people council services miss.",
    ), ["rep@oldham.example.org"]),
    ("rep@plymouth.example.org", [3], "lead", dict(
        title_en="Community digital skills hubs",
        problem_en="Too many residents are left out as services go digital.",
        activity_en="A learning exchange between councils that fund digital skills hubs run by community co-operatives.",
        benefit_en="Cheaper, trusted digital support run by and for communities.",
    ), ["rep@sunderland.example.org", "rep@wmca.example.org"]),
]


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def load(secretariat):
    now = utcnow()
    year = membership_year() + 1
    call = ideas.open_call(
        by=secretariat, year=year,
        title_en=f"Work programme {year_label(year)}: call for ideas",
        title_cy=f"Rhaglen waith {year_label(year)}: galwad am syniadau",
        guidance_en="Put forward what the network should work on next year: a Policy Lab, training, research or a toolkit. "
                    "Support the ideas of other members that you would take part in. The secretariat will shortlist the ideas "
                    "with most support that fit the network's values, and members will vote on the shortlist.",
        guidance_cy="Cynigiwch yr hyn y dylai'r rhwydwaith weithio arno y flwyddyn nesaf: Labordy Polisi, hyfforddiant, ymchwil "
                    "neu becyn cymorth. Cefnogwch syniadau aelodau eraill y byddech yn cymryd rhan ynddynt. Bydd yr "
                    "ysgrifenyddiaeth yn llunio rhestr fer o'r syniadau sydd â'r gefnogaeth fwyaf, a bydd yr aelodau'n pleidleisio.",
        opens_at=now - timedelta(days=10), closes_at=now + timedelta(days=20), themes=THEMES,
    )
    for email, theme_numbers, role, texts, supporters in IDEAS:
        author = _person(email)
        idea = ideas.draft(call, by=author, themes=[call.themes[n].id for n in theme_numbers], member_role=role, **texts)
        ideas.submit(idea, by=author)
        for supporter in supporters:
            ideas.support(idea, by=_person(supporter))
    ideas.draft(call, by=_person("chair@oxford.example.org"), member_role="take_part",
                title_en="Councillors as community organisers: a training course",
                problem_en="New councillors are rarely trained in co-operative approaches.")
    from .demo_delivery import load as load_delivery

    load_delivery(secretariat)

    from .demo_meetings import load as load_meetings

    load_meetings(secretariat)
