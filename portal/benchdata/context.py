"""What one bench run knows as it goes: its plan and random source, the demo network's
things it builds on, and what each stage has written for the stages after it."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from ..auth.models import Person
from ..extensions import db
from ..forum.models import Category
from ..labs.models import FundingRound
from ..membership.models import Member, Tier
from .bulk import AuditBatch, quiet
from .plan import Plan

VIEWER = "rep@oxford.example.org"
SECRETARIAT = "secretariat@example.org"
REVIEWER = "reviewer@example.org"
VIEWER_MEMBER = "Oxford City Council"
CURRENT_ROUND = "Policy Lab programme 2026–27"
DEMO_CATEGORIES = ("Announcements", "Sharing learning", "Community wealth building", "Yn Gymraeg")


class DemoMissing(Exception):
    """The database does not hold the demo network the bench data builds on."""


@dataclass
class Demo:
    """Ids of the demo network's things that bench rows point at."""

    tiers: dict
    secretariat_id: int
    viewer_id: int
    reviewer_id: int
    viewer_member_id: int
    current_round_id: int
    categories: dict


def find_demo():
    """The demo network's tiers, people, round and categories; DemoMissing names what is not there."""
    people = dict(db.session.execute(select(Person.email, Person.id).where(Person.email.in_((VIEWER, SECRETARIAT, REVIEWER)))).all())
    member_id = db.session.scalar(select(Member.id).where(Member.name == VIEWER_MEMBER))
    round_id = db.session.scalar(select(FundingRound.id).where(FundingRound.title == CURRENT_ROUND))
    tiers = dict(db.session.execute(select(Tier.name_en, Tier.id)).all())
    categories = dict(db.session.execute(select(Category.name, Category.id).where(Category.name.in_(DEMO_CATEGORIES))).all())
    missing = [email for email in (VIEWER, SECRETARIAT, REVIEWER) if email not in people]
    missing += [] if member_id else [VIEWER_MEMBER]
    missing += [] if round_id else [CURRENT_ROUND]
    missing += [f"the {name} tier" for name in ("Full", "Associate") if name not in tiers]
    missing += [f"the forum category {name}" for name in DEMO_CATEGORIES if name not in categories]
    if missing:
        raise DemoMissing(", ".join(missing))
    return Demo(tiers=tiers, secretariat_id=people[SECRETARIAT], viewer_id=people[VIEWER], reviewer_id=people[REVIEWER],
                viewer_member_id=member_id, current_round_id=round_id, categories=categories)


@dataclass
class Bench:
    """One run: the plan, a seeded random source (the same scale writes the same data), the
    shared password hash, the progress bars, the audit entries waiting, and each stage's output."""

    plan: Plan
    demo: Demo
    password_hash: str
    now: datetime
    today: date
    progress: object = quiet
    rng: random.Random = field(default_factory=lambda: random.Random(2026))
    audit: AuditBatch = field(default_factory=AuditBatch)
    members: list = field(default_factory=list)  # dicts: id, name, place, region, tier, status, joined_on, people...
    member_by_id: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)  # person id -> dict: id, email, name, member_id, admin, active, settled
    labs: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    receipts: set = field(default_factory=set)
    found: dict = field(default_factory=dict)  # what the manifest names: big lab, group, thread, decisions

    def stage(self, label, length):
        """A progress bar for one stage (nothing is shown unless the caller asked for bars)."""
        return self.progress(label, max(length, 1))
