"""The demo's groups: the seed lab's steering group with its nine tasks, two risks and its
meetings; the social value lab's group, under way and a little late; two standing groups."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..core.signals import group_created
from ..db import utcnow
from ..extensions import db
from ..labs.models import Lab
from ..membership.rules.dates import today
from .models import Baseline, BaselineTask, Group, GroupMember, Risk, Task, TaskDependency
from .rules import meetings, transfer
from .steering import make_steering_group

# The seed report's steering group, with invented people in the seed's roles.
STEERING = [
    ("chair@oxford.example.org", "chair", "Policy Lab project lead; lead for the test-learn pilot (Oxford) and the Inclusive Economy Partnership"),
    ("cllr.fairley@oxford.example.org", "member", "Co-operatives Champion (Oxford), initial role"),
    ("rep@oxford.example.org", "member", "CCIN Representative (Oxford)"),
    ("lead@oxford.example.org", "lead", "Lead for the Community Wealth Building Project (Oxford)"),
    ("rep@torbay.example.org", "lead", "Steering group member for Torbay; lead for the test-learn pilot (Torbay)"),
    ("rep@preston.example.org", "advisory", "Steering group member for Preston; advisory role"),
    ("rep@stevenage.example.org", "lead", "Steering group member for Stevenage; lead for the test-learn pilot (Stevenage)"),
    ("affiliate@devco.example.org", "advisory", "Project training lead; advisory role"),
]

# The seed report's "Tasks and Timeline" table, as it stands, plus phases and dependencies.
SEED_PLAN = """Task\tDescription\tStart\tEnd\tOwner\tPhase\tDepends on
Collate Case Studies, learning and place based approaches\tEach of the Partner CCIN Members and Affiliate Members commit to attend a bi-monthly working group meeting to share learning and case studies. OCC as Lead reaches out to other CCIN members for good examples.\tMar 21\tApr 21\tOxford City Council to facilitate, partners contribute\tResearch\t
Analyse collated approaches and shortlist tools and case studies\tAnalysis of approaches and agree shortlist of developed tools to test. Once tried and tested these tools will be shared and promoted in the Toolkit at the end of Policy Lab project.\tMay 21\tMay 21\tOxford City Council to facilitate, partners contribute\tResearch\tCollate Case Studies, learning and place based approaches
Milestone 1: Delivery of test and learn pilots\tPilots tested in 3 areas, delivery phase: 6 months.\tJune 21\tNov 21\tOxford/Torbay/ Stevenage partners to agree and test pilot tools\tTest/Learn Delivery\tAnalyse collated approaches and shortlist tools and case studies
Plan workshops\tDevelop the design of the workshops including the audience and content.\tNov 21\tNov 21\tOxford City Council to lead, partners contribute\tReport/Toolkit\tAnalyse collated approaches and shortlist tools and case studies
Milestone 2: Workshops delivery\tDelivery of the workshops as designed.\tDec 21\tJan 22\tOxford City Council to lead, partners contribute\tReport/Toolkit\tPlan workshops
Develop toolkit\tCollate all contributions into a toolkit that supports councils to replicate and transfer learning from the test and learn pilots.\tDec 21\tJan 22\tOxford City Council to lead, partners contribute\tReport/Toolkit\tMilestone 1: Delivery of test and learn pilots
Write report\tDrafting of a report describing the intentions, process and outcomes of this project to accompany the toolkit.\tJan 22\tFeb 22\tOxford City Council to lead, partners contribute\tReport/Toolkit\tMilestone 1: Delivery of test and learn pilots
Develop communications plan\tDevelopment of a communications plan to promote the toolkit and report to member and non-member councils, community groups and audiences.\tJan 22\tJan 22\tOxford City Council to lead, partners contribute\tReport/Toolkit\t
Milestone 3: Publish/ promote report\tImplementation of the communications plan to coincide with the publication of the report and toolkit.\tMar 22\tMar 22\tOxford City Council to lead, partners contribute\tReport/Toolkit\tWrite report;Develop toolkit;Develop communications plan
"""


def _person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def _lab(title):
    return db.session.scalar(select(Lab).where(Lab.title.like(f"{title}%")))


def load(secretariat):
    _seed_lab_group(secretariat)
    _social_value_group(secretariat)
    board = Group(name="Values and Principles Board", kind="working", private=False,
                  description="Gives support and guidance on the network's co-operative values and principles, and reviews Policy Lab proposals.")
    leaders = Group(name="Leaders and Co-operative Leads Group", kind="working", private=True,
                    description="Drives forward initiatives to grow the co-op economy: community wealth building and co-operative placemaking.")
    db.session.add_all([board, leaders])
    for group, people in ((board, [("reviewer@example.org", "chair"), ("rep@oxford.example.org", "member"), ("cynrychiolydd@cardiff.example.org", "member")]),
                          (leaders, [("rep@stevenage.example.org", "chair"), ("rep@oldham.example.org", "member"), ("rep@sunderland.example.org", "member")])):
        for email, role in people:
            group.memberships.append(GroupMember(person_id=_person(email).id, role=role))
    db.session.flush()
    for group in (board, leaders):
        group_created.send(None, group=group)


def _seed_lab_group(secretariat):
    lab = _lab("Growing an Inclusive")
    group = Group(name="Growing an Inclusive Cooperative Economy: steering group", kind="steering", lab_id=lab.id, private=True,
                  description="Met monthly for three months in the start-up phase, then every two months.")
    db.session.add(group)
    for email, role, note in STEERING:
        group.memberships.append(GroupMember(person_id=_person(email).id, role=role, role_note=note))
    db.session.flush()
    group_created.send(None, group=group)
    plan = transfer.plan_import(group, SEED_PLAN)
    assert not plan.problems, plan.problems
    transfer.apply_import(group, plan, by=_person("chair@oxford.example.org"))
    tasks = db.session.scalars(select(Task).where(Task.group_id == group.id)).all()
    chair = _person("chair@oxford.example.org")
    for task in tasks:
        task.status, task.percent, task.owner_person_id = "done", 100, chair.id
    agreed = Baseline(group_id=group.id, taken_at=datetime(2021, 3, 10, 11, 0, tzinfo=UTC), taken_by_id=chair.id, note="Plan agreed",
                      tasks=[BaselineTask(task_id=t.id, starts_on=t.starts_on, ends_on=t.ends_on) for t in tasks])
    db.session.add(agreed)
    db.session.add_all([
        Risk(group_id=group.id, title="COVID-19 impacts",
             description="Despite the national roadmap out of lockdown, the stop-start nature of lockdown and isolation is expected to keep affecting delivery and timescales.",
             mitigation="Deliver workshops and test-and-learn pilots online, with face-to-face meetings locally where possible but not expected.",
             likelihood=4, impact=3, owner_person_id=chair.id, status="closed", review_on=date(2022, 1, 10)),
        Risk(group_id=group.id, title="Diversion of resource",
             description="Constrained resources may be diverted to recovery and to upcoming national programmes, pushing the pilots back.",
             mitigation="Each local authority or partner appoints an officer or lead with time set aside for the project.",
             likelihood=3, impact=3, owner_person_id=chair.id, status="closed", review_on=date(2022, 1, 10)),
    ])
    london_ten = datetime(2021, 3, 10, 10, 0, tzinfo=UTC)
    made = meetings.schedule_series(group, title="Steering group", rule="monthly", first_at=london_ten, count=3, by=chair)
    meetings.schedule_series(group, title="Steering group", rule="bimonthly", first_at=datetime(2021, 7, 7, 9, 0, tzinfo=UTC), count=5, by=chair)
    first = made[0]
    first.agenda = "Welcome and introductions\nScope and draft project plan\nRisks to the project\nCase studies and contacts"
    first.minutes = ("The steering group agreed the scope and the project plan for March 2021 to March 2022.\n\n"
                     "- Three test-and-learn pilots: Oxford, Torbay and Stevenage.\n- Preston and The Development Co-operative advise.\n"
                     "- Each partner names an officer with time for the project.")
    first.decisions_noted = "Plan agreed and saved as the baseline."
    db.session.flush()


def _social_value_group(secretariat):
    lab = _lab("Social value measures")
    group = make_steering_group(lab)
    lead = _person("rep@sunderland.example.org")
    day = today()
    plan = [
        ("Review existing social value themes, outcomes and measures", -200, -150, "done", 100, False, -200, -150),
        ("Draft measures for democratic business", -150, -90, "done", 100, False, -150, -100),
        ("Test the measures on two contracts", -90, -10, "in_progress", 70, False, -100, -40),
        ("Workshop with procurement officers", 5, 20, "not_started", 0, False, -30, -10),
        ("Publish the measures in the toolkit", 40, 40, "not_started", 0, True, 10, 10),
    ]
    previous = None
    baseline = Baseline(group_id=group.id, taken_at=utcnow() - timedelta(days=210), taken_by_id=lead.id, note="Plan agreed")
    for position, (title, start, end, status, percent, milestone, b_start, b_end) in enumerate(plan, 1):
        task = Task(group_id=group.id, position=position, title=title, starts_on=day + timedelta(days=start), ends_on=day + timedelta(days=end),
                    owner_member_id=lab.lead_member_id, owner_person_id=lead.id, status=status, percent=percent, milestone=milestone,
                    phase="Research" if position < 3 else "Test and publish")
        db.session.add(task)
        db.session.flush()
        if previous is not None:
            task.depends_on = [TaskDependency(predecessor_id=previous.id)]
        baseline.tasks.append(BaselineTask(task_id=task.id, starts_on=day + timedelta(days=b_start), ends_on=day + timedelta(days=b_end)))
        previous = task
    db.session.add(baseline)
    db.session.add_all([
        Risk(group_id=group.id, title="Buyers do not use the measures", description="Procurement teams keep the national measures only.",
             mitigation="Test with two live contracts and publish the results.", likelihood=3, impact=4, owner_person_id=lead.id,
             review_on=day - timedelta(days=3)),
        Risk(group_id=group.id, title="Officer time", description="The pilot depends on one procurement officer in each council.",
             mitigation="Name a deputy in each council.", likelihood=2, impact=3, owner_person_id=lead.id, review_on=day + timedelta(days=30)),
    ])
    meetings.schedule_series(group, title="Steering group", rule="monthly",
                             first_at=datetime.combine(day - timedelta(days=60), datetime.min.time(), tzinfo=UTC).replace(hour=10),
                             count=6, by=lead)
    db.session.flush()

