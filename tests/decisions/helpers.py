from datetime import timedelta

from sqlalchemy import select

from portal.auth.models import Person
from portal.db import utcnow
from portal.decisions.models import Ballot, Decision
from portal.decisions.rules import lifecycle
from portal.extensions import db
from portal.membership.models import Member


def decision(title):
    return db.session.scalar(select(Decision).where(Decision.title_en.like(f"{title}%")))


def open_decision():
    return db.session.scalar(select(Decision).where(Decision.status == "open"))


def member(name):
    return db.session.scalar(select(Member).where(Member.name == name))


def person(email):
    return db.session.scalar(select(Person).where(Person.email == email))


def ballots(d):
    return db.session.scalars(select(Ballot).where(Ballot.decision_id == d.id)).all()


def make_open_decision(*, method="motion", secret=True, changeable=False, options=(), seats=1, max_choices=1, hours=24,
                       points=0, points_per_option=0, **extra):
    """A decision, open now, with one question, on the demo's roll."""
    secretariat = person("secretariat@example.org")
    now = utcnow()
    made = lifecycle.create(
        by=secretariat, title_en=f"Test decision {method}", opens_at=now - timedelta(minutes=1),
        closes_at=now + timedelta(hours=hours), secret=secret, changeable=changeable, **extra,
    )
    lifecycle.add_question(made, method=method, text_en=f"A {method} question", options=options, seats=seats, max_choices=max_choices,
                           points=points, points_per_option=points_per_option)
    lifecycle.schedule(made, by=secretariat)
    lifecycle.open_voting(made)
    db.session.flush()
    return made
