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
