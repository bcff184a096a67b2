"""The demo network, built from the seed report: the councils and affiliate behind the
'Growing an Inclusive Cooperative Economy' Policy Lab, and a few more members.

People are invented and use example.org addresses; the report's real contacts are never used.
"""

import os

from sqlalchemy import select

from . import audit
from .auth.models import Person
from .auth.passwords import hash_password
from .db import utcnow
from .extensions import db
from .membership.models import Member, Representative

DEFAULT_PASSWORD = "demo-password-2026"

MEMBERS = [
    ("Oldham Council", "council"),
    ("Oxford City Council", "council"),
    ("Stevenage Borough Council", "council"),
    ("Torbay Council", "council"),
    ("Preston City Council", "council"),
    ("The Development Co-operative", "cooperative"),
    ("Cardiff Council", "council"),
    ("Plymouth City Council", "council"),
    ("Sunderland City Council", "council"),
    ("Kirklees Council", "council"),
    ("West Midlands Combined Authority", "combined_authority"),
    ("Tamar Valley Food Co-operative", "cooperative"),
    ("Dr Ffion Rees", "individual"),
]

# (email, name, member, member admin, representative role, network roles, language)
PEOPLE = [
    ("admin@example.org", "Alex Morgan", None, False, None, ("admin",), "en"),
    ("secretariat@example.org", "Sam Patel", None, False, None, ("secretariat",), "en"),
    ("moderator@example.org", "Jo Evans", None, False, None, ("moderator",), "en"),
    ("reviewer@example.org", "Rhiannon Price", None, False, None, ("reviewer",), "en"),
    ("rep@oxford.example.org", "Priya Shah", "Oxford City Council", True, "voting", (), "en"),
    ("lead@oxford.example.org", "Daniel Osei", "Oxford City Council", False, None, (), "en"),
    ("officer@stevenage.example.org", "Tom Hughes", "Stevenage Borough Council", False, None, (), "en"),
    ("rep@stevenage.example.org", "Grace Adeyemi", "Stevenage Borough Council", True, "voting", (), "en"),
    ("rep@torbay.example.org", "Ben Carter", "Torbay Council", True, "voting", (), "en"),
    ("rep@preston.example.org", "Aisha Rahman", "Preston City Council", True, "voting", (), "en"),
    ("rep@oldham.example.org", "Chris Walker", "Oldham Council", True, "voting", (), "en"),
    ("affiliate@devco.example.org", "Marta Nowak", "The Development Co-operative", True, "voting", (), "en"),
    ("cynrychiolydd@cardiff.example.org", "Gwen Llywelyn", "Cardiff Council", True, "voting", (), "cy"),
    ("rep@plymouth.example.org", "Hannah Moore", "Plymouth City Council", True, "voting", (), "en"),
    ("rep@sunderland.example.org", "Liam Robson", "Sunderland City Council", True, "voting", (), "en"),
    ("deputy@sunderland.example.org", "Nadia Ali", "Sunderland City Council", False, "deputy", (), "en"),
]


def has_data():
    return db.session.scalar(select(Member.id).limit(1)) is not None or (
        db.session.scalar(select(Person.id).limit(1)) is not None
    )


def load():
    """Create the demo network; return the accounts' password. Flushes, never commits."""
    password = os.environ.get("PORTAL_DEMO_PASSWORD") or DEFAULT_PASSWORD
    members = {name: Member(name=name, kind=kind) for name, kind in MEMBERS}
    db.session.add_all(members.values())
    password_hash = hash_password(password)
    now = utcnow()
    for email, name, member_name, admin, representative, roles, locale in PEOPLE:
        member = members.get(member_name)
        person = Person(
            email=email,
            name=name,
            member=member,
            is_member_admin=admin,
            password_hash=password_hash,
            email_verified_at=now,
            locale=locale,
        )
        person.set_roles(roles)
        db.session.add(person)
        if representative:
            db.session.add(Representative(member=member, person=person, role=representative))
    db.session.flush()
    audit.record("demo.loaded", detail={"members": len(MEMBERS), "people": len(PEOPLE)})
    return password
