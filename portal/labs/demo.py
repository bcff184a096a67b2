"""The demo's Policy Labs: the seed report's "Growing an Inclusive Cooperative Economy" lab,
completed, with its case studies and toolkit; a lab under way; and an open round."""

from datetime import date, timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..db import utcnow
from ..extensions import db
from ..membership.models import Member, Tier
from ..membership.rules.dates import today
from .models import AwardPayment, CaseStudy, Criterion, FundingRound, Partnership, ProgressUpdate, ReviewAssignment, Score
from .rules import proposals, toolkit

CRITERIA = [("Fit with the network's co-operative values", 3), ("Partnership across members", 2),
            ("Learning other councils can use", 3), ("Value for money", 2)]

GICE_SUMMARY = (
    "A national Policy Lab led by Oxford City Council with Stevenage Borough Council, Torbay Council, "
    "Preston City Council and The Development Co-operative, sharing how councils can support the growth "
    "of the co-operative economy. Three test-and-learn pilots: mapping co-operatives in Oxford's areas of "
    "deprivation for anchor institutions' procurement, care co-operative development in Torbay, and social "
    "inclusion in Stevenage."
)
GICE_REPORT = (
    "Awareness of co-operative and democratic enterprise models is low among commissioners and decision "
    "makers, and needs building with anchors, communities, local businesses and trade unions.\n\n"
    "Mapping the co-operative economy is a long-term project: a directory made without a legacy plan will "
    "quickly become obsolete. Oxford's directory became a map that organisations keep up to date themselves.\n\n"
    "The distinct benefits of co-operatives need to be recognised in the social value frameworks anchor "
    "organisations are developing. A useful follow-up would be social value themes, outcomes and measures "
    "tailored to democratic enterprise."
)
GICE_RISKS = (
    "COVID-19 impacts: continued stop-start lockdowns may affect delivery and timescales. Mitigation: deliver "
    "workshops and pilots online, with face-to-face meetings locally where possible.\n\n"
    "Diversion of resource: constrained resources may be diverted to recovery and national programmes, "
    "pushing the pilots back. Mitigation: each partner appoints an officer with time set aside for the project."
)
CASES = [
    ("Oxford City Council", "Oxford", "Mapping co-operatives for anchor procurement",
     "A directory of co-operatives in Oxford's areas of deprivation became the Owned by Oxford community map.",
     "The pilot set out to map co-operatives in the city's areas of deprivation, so that large anchor institutions' "
     "procurement teams could find them when choosing suppliers.\n\nMost community-led organisations were not yet "
     "large enough to win contracts from anchors, but the map made them visible to purposeful middle-tier "
     "organisations and to each other, and a micro-grant scheme now supports groups with an intention to become "
     "democratic."),
    ("Torbay Council", "Torbay", "Options for an adult social care co-operative",
     "An options analysis for a care co-operative, in a town where health and social care is a quarter of employment.",
     "Staff turnover in social care is around 31% and recruitment is hard. The pilot studied how a co-operative "
     "model could give care workers a stake and a voice, and built social enterprise into the council's social "
     "value policy."),
    ("Stevenage Borough Council", "Stevenage", "From a social inclusion partnership to a multi-stakeholder co-operative",
     "A staged route for a thirty-year partnership of voluntary organisations to become a co-operative.",
     "The Social Inclusion Partnership chose to formalise first as a federation with a constitution, keeping "
     "partners' independence, and to become a multi-stakeholder co-operative in eighteen months to two years "
     "once its administration is stable."),
]
TOOLKIT = [
    ("OIEP Seminars Report", "Final report for a series of Inclusive Economy Seminars held in Oxford in 2019–20, which formed the basis of the Oxfordshire Inclusive Economy Partnership.", "https://www.oxford.gov.uk", ["social_partnership"], ["inclusive economy"]),
    ("Owned by Oxford Community Mapping", "Site for the community mapping and micro-grants of the Owned by Oxford project.", "https://ownedbyoxford.org.uk/about", ["enterprise", "community_leadership"], ["mapping"]),
    ("Co-op Directory and Mutuals Public Register", "Both proved helpful for mapping co-operatives in the first version of the Oxford Co-operative Directory.", "https://www.uk.coop/directory", ["enterprise"], ["mapping"]),
    ("Stevenage's Co-operative Inclusive Economy Charter", "A council motion supporting community wealth building in 2020 led to a charter bringing people and organisations together for a more co-operative, inclusive economy.", "https://www.stevenage.gov.uk/town-and-community/community-wealth-building/a-cooperative-inclusive-economy-charter-for-stevenage", ["social_partnership", "social_value"], ["community wealth building"]),
    ("Stevenage Borough Council's Co-operative Procurement Strategy 2021–2024", "The procurement strategy in full.", "https://www.stevenage.gov.uk/about-the-council/tenders-and-contracts/co-operative-procurement-strategy-2021-2024", ["social_value"], ["procurement"]),
    ("An Adult Social Care Co-operative for Torbay: options analysis", "Torbay's final report on the options for an adult social care co-operative. Ask the lab's Torbay lead for a copy.", None, ["priority_needs"], ["care"]),
    ("Torbay Social Enterprise Research", "Torbay's research on social enterprise.", "https://investintorbay.com/our-projects/people-and-place/community-wealth-building/torbay-social-enterprise-research-2021/", ["enterprise"], ["social enterprise"]),
    ("Community Wealth Building 2.0", "Preston's strategy for leading resilience and recovery through community wealth building.", "https://www.preston.gov.uk", ["social_value", "enterprise"], ["community wealth building"]),
    ("Preston Cooperative Development Network", "Volunteers who set up a co-operative to raise awareness of co-operation and help local people start co-operative businesses.", "https://prestoncoopdevelopment.org", ["enterprise"], ["start-up support"]),
    ("Preston Cooperative Education Centre", "A new co-operative supporting learning and training in co-operation.", "https://prestoncoopeducationcentre.org", ["innovation"], ["education"]),
    ("North West Mutual", "Building an ethical, customer-owned bank for the people, small businesses and local organisations of the North West of England.", "https://nwmutual.co.uk", ["enterprise"], ["finance"]),
    ("USE-IT! Project", "Linked large capital developments and other opportunities with local skills, talents and enterprises to unlock social and economic opportunity.", "https://futures.coop/portfolio/unlocking-social-and-economic-innovation-together-use-it", ["co_production", "social_value"], ["procurement"]),
    ("Community Anchors: A Co-operative Recovery programme", "Preston and Stir to Action's targeted support for minoritised community organisations, stimulating interest in worker-owned business.", "https://www.preston.gov.uk", ["democratic_engagement"], ["worker co-operatives"]),
    ("Solidarity Economy Association", "Educating, empowering and inspiring communities to create, join or support solidarity economy initiatives.", "https://www.solidarityeconomy.coop", ["community_leadership"], ["solidarity economy"]),
    ("The Digital Commons Cooperative", "A platform co-operative using mapping and linked data to help social justice and solidarity economy organisations.", "https://digitalcommons.coop", ["innovation"], ["mapping"]),
]


def _member(name):
    return db.session.scalar(select(Member).where(Member.name == name))


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def _partners(lab, specs):
    for name, status, role, match, days in specs:
        lab.partnerships.append(Partnership(member=_member(name), status=status, role=role, match_funding_pence=match,
                                            officer_days=days, responded_at=utcnow() if status != "invited" else None))


def _claimed(lab, payments):
    """The lab's claims so far, and their sum in what it has claimed, as the claim rule keeps it."""
    db.session.add_all(payments)
    lab.claimed_pence = sum(payment.amount_pence for payment in payments)


def load(secretariat):
    full = db.session.scalar(select(Tier).where(Tier.name_en == "Full"))
    day = today()
    past = FundingRound(title="Policy Lab programme 2020–21", opens_on=date(2020, 10, 1), closes_on=date(2020, 12, 18),
                        pot_pence=6_000_000, max_award_pence=1_500_000, lead_tier_ids=[full.id],
                        guidance="Any Full member may propose a lab with at least two partner members.",
                        criteria=[Criterion(position=n, name=c, weight=w) for n, (c, w) in enumerate(CRITERIA, 1)])
    recent = FundingRound(title="Policy Lab programme 2025–26", opens_on=date(2025, 6, 1), closes_on=date(2025, 9, 30),
                          pot_pence=5_000_000, max_award_pence=1_250_000, lead_tier_ids=[full.id],
                          criteria=[Criterion(position=n, name=c, weight=w) for n, (c, w) in enumerate(CRITERIA, 1)])
    current = FundingRound(title="Policy Lab programme 2026–27", opens_on=day - timedelta(days=30), closes_on=day + timedelta(days=45),
                           pot_pence=5_000_000, max_award_pence=1_250_000, lead_tier_ids=[full.id],
                           guidance="Proposals should test a co-operative answer to a challenge members share, with at least two partner members and a plan to publish what is learnt in the toolkit.",
                           criteria=[Criterion(position=n, name=c, weight=w) for n, (c, w) in enumerate(CRITERIA, 1)])
    db.session.add_all([past, recent, current])
    db.session.flush()

    gice = proposals.create(past, _member("Oxford City Council"), by=_person("lead@oxford.example.org"),
                            title="Growing an Inclusive Cooperative Economy", summary=GICE_SUMMARY,
                            challenge="Councils want to grow co-operative and democratically owned businesses, but awareness is low and support is generic.",
                            approach="A steering group of the partners meets monthly, then bi-monthly; three test-and-learn pilots; workshops; a report and toolkit.",
                            outputs="Case studies, a toolkit for councils, workshops and a report.", risks=GICE_RISKS,
                            values=["social_partnership", "co_production", "enterprise", "social_value", "innovation"],
                            requested_pence=1_500_000, award_pence=1_500_000, starts_on=date(2021, 3, 1), ends_on=date(2022, 3, 31),
                            status="completed", completion_report=GICE_REPORT)
    _partners(gice, [
        ("Stevenage Borough Council", "accepted", "Lead for the test-learn pilot (Stevenage)", 0, 20),
        ("Torbay Council", "accepted", "Lead for the test-learn pilot (Torbay)", 0, 20),
        ("Preston City Council", "accepted", "Advisory role", 0, 6),
        ("The Development Co-operative", "accepted", "Project training lead, advisory role", 0, 10),
    ])
    past.awarded_pence = gice.award_pence
    _claimed(gice, [
        AwardPayment(lab_id=gice.id, amount_pence=750_000, claimed_on=date(2021, 4, 1), paid_on=date(2021, 4, 20), reference="GICE-1"),
        AwardPayment(lab_id=gice.id, amount_pence=750_000, claimed_on=date(2022, 4, 1), paid_on=date(2022, 4, 22), reference="GICE-2"),
    ])
    db.session.add_all([
        ProgressUpdate(lab_id=gice.id, author_id=_person("lead@oxford.example.org").id,
                       body="The steering group has agreed the plan and the three pilots. Case studies are being collected from partners."),
    ])
    for member_name, place, title, summary, body in CASES:
        db.session.add(CaseStudy(lab_id=gice.id, member_id=_member(member_name).id, place=place, title=title, summary=summary, body=body))
    for title, description, url, values, themes in TOOLKIT:
        toolkit.add_resource(by=secretariat, title=title, description=description, url=url, lab=gice, values=values, themes=themes)

    tom = proposals.create(recent, _member("Sunderland City Council"), by=_person("rep@sunderland.example.org"),
                           title="Social value measures for democratic business",
                           summary="Themes, outcomes and measures that let councils count the distinct social value of co-operatives and other democratic businesses in procurement.",
                           values=["social_value", "enterprise"], requested_pence=1_200_000, award_pence=1_200_000,
                           starts_on=date(2025, 11, 1), ends_on=date(2026, 10, 31), status="active")
    _partners(tom, [("Stevenage Borough Council", "accepted", "Procurement pilot", 300_000, 15),
                    ("The Development Co-operative", "accepted", "Advisory role", 0, 8)])
    recent.awarded_pence = tom.award_pence
    _claimed(tom, [
        AwardPayment(lab_id=tom.id, amount_pence=600_000, claimed_on=date(2025, 11, 15), paid_on=date(2025, 12, 1), reference="TOMS-1"),
        AwardPayment(lab_id=tom.id, amount_pence=300_000, claimed_on=day - timedelta(days=10), reference="TOMS-2"),
    ])
    db.session.add_all([
        ProgressUpdate(lab_id=tom.id, author_id=_person("rep@sunderland.example.org").id,
                       body="A first set of twelve measures has been drafted with Stevenage's procurement team and tested on two contracts."),
    ])

    energy = proposals.create(current, _member("Cardiff Council"), by=_person("cynrychiolydd@cardiff.example.org"),
                              title="Community energy co-operatives on council estates",
                              summary="Test how councils can help tenants form community energy co-operatives to put solar panels on council homes and share the savings.",
                              values=["enterprise", "co_production", "priority_needs"], requested_pence=1_100_000,
                              starts_on=day + timedelta(days=120), ends_on=day + timedelta(days=485), status="under_review",
                              submitted_at=utcnow() - timedelta(days=5))
    _partners(energy, [("Plymouth City Council", "accepted", "Second pilot site", 500_000, 12),
                       ("Tamar Valley Food Co-operative", "invited", "", 0, 0)])
    reviewer = _person("reviewer@example.org")
    assignment = ReviewAssignment(lab=energy, reviewer=reviewer, submitted_at=utcnow() - timedelta(days=1),
                                  comments="A clear, shareable pilot; the budget needs more detail.")
    db.session.add(assignment)
    db.session.flush()
    for criterion, value in zip(current.criteria, (5, 4, 4, 3)):
        db.session.add(Score(assignment_id=assignment.id, criterion_id=criterion.id, value=value))

    proposals.create(current, _member("Oldham Council"), by=_person("rep@oldham.example.org"),
                     title="Worker co-operatives from reserved contracts",
                     summary="Use contracts reserved for social enterprises to help former prisoners and disabled people start worker co-operatives, as Preston has begun to.",
                     values=["enterprise", "priority_needs"], requested_pence=900_000)
    db.session.flush()
