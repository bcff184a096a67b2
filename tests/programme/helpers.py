"""Finding the demo's work programme in tests. The programme's models are imported when asked for,
not when the tests are collected: they name other areas' models, which the app maps first."""

from sqlalchemy import func, select

from portal.auth.models import Person
from portal.extensions import db
from portal.membership.models import Member


def models():
    from portal.programme import models

    return models


def call():
    """This year's call for ideas, open (the demo also has last year's, closed and adopted)."""
    IdeaCall = models().IdeaCall
    return db.session.scalar(select(IdeaCall).order_by(IdeaCall.year.desc(), IdeaCall.id.desc()))


def item(title):
    ProgrammeItem = models().ProgrammeItem
    return db.session.scalar(select(ProgrammeItem).where(ProgrammeItem.title_en == title))


def idea(title):
    Idea = models().Idea
    return db.session.scalar(select(Idea).where((Idea.title_en == title) | (Idea.title_cy == title)))


def person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def member(name):
    return db.session.scalar(select(Member).where(Member.name == name))


def supports(idea_id):
    IdeaSupport = models().IdeaSupport
    return db.session.scalar(select(func.count()).select_from(IdeaSupport).where(IdeaSupport.idea_id == idea_id))


def supporting_members(idea_id):
    IdeaSupport = models().IdeaSupport
    return set(db.session.scalars(select(IdeaSupport.member_id).where(IdeaSupport.idea_id == idea_id)))


def count_ideas():
    return db.session.scalar(select(func.count()).select_from(models().Idea))


def make_members(live_app, prefix, count, role=None):
    """``count`` new Full members in good standing in the served app's database, each with one
    person who can sign in (its voting representative when ``role`` is "voting"); their emails."""
    from datetime import timedelta

    from portal.auth.passwords import hash_password
    from portal.db import utcnow
    from portal.membership.models import Representative, Tier

    from ..conftest import DEMO_PASSWORD, in_app

    def make():
        full = db.session.scalar(select(Tier).where(Tier.name_en == "Full"))
        password = hash_password(DEMO_PASSWORD)
        emails = []
        for n in range(count):
            member = Member(name=f"{prefix} Council {n:03d}", normalised_name=f"{prefix} {n}", kind="council", tier=full,
                            joined_on=utcnow().date() - timedelta(days=400), status="active")
            email = f"person{n}@{prefix.lower()}.example.org"
            someone = Person(email=email, name=f"Person {n}", member=member, password_hash=password)
            db.session.add_all([member, someone])
            if role:
                db.session.add(Representative(member=member, person=someone, role=role))
            emails.append(email)
        db.session.commit()
        return emails

    return in_app(live_app, make)
