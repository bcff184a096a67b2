"""The demo network, built from the seed report: the councils and affiliate behind the
'Growing an Inclusive Cooperative Economy' Policy Lab, and a few more members.

People are invented and use example.org addresses; the report's real contacts are never used.
Dates are set relative to today, so the demo tells the same story whenever it is loaded.

What each demo account's home page ("Your work") lists once the demo is loaded, most urgent
first (tests/site/test_home.py reads this list and checks every account's page against it):

admin@example.org, secretariat@example.org
    Invoices overdue: 2
    Pay a claim against the award: Social value measures for democratic business
    Decide the application from Bristol City Council
    Decide the application from Llanfair Community Energy Co-operative
    Directory submissions to check: 3
    Flagged posts for a moderator to decide: 1
    Requests to erase an account: 1
rep@oxford.example.org
    Vote for Oxford City Council: Subscription rates for 2027–28 and the next annual conference
    Vote for Torbay Council: Subscription rates for 2027–28 and the next annual conference
    Put forward and support ideas: Work programme 2027–28: call for ideas
    Submit your organisation's draft idea: Councillors as community organisers: a training course
    An amendment from Torbay Council waits for a seconder: A shared co-operative development fund
    Directory submissions to check: 1
    Unread notifications: 12
officer@stevenage.example.org
    Put forward and support ideas: Work programme 2027–28: call for ideas
    Directory submissions to check: 1
    Unread notifications: 1
affiliate@devco.example.org
    Next meeting of Social value measures for democratic business: steering group: Steering group
    Put forward and support ideas: Work programme 2027–28: call for ideas
    Unread notifications: 4
cynrychiolydd@cardiff.example.org (in Welsh)
    Pleidleisio dros Cardiff Council: Cyfraddau tanysgrifio 2027–28 a'r gynhadledd flynyddol nesaf
    Cynigiwch a chefnogwch syniadau: Rhaglen waith 2027–28: galwad am syniadau
    Mae gwelliant gan Torbay Council yn aros am eilydd: Cronfa ddatblygu gydweithredol a rennir
    Hysbysiadau heb eu darllen: 7
moderator@example.org
    Flagged posts for a moderator to decide: 1
    Unread notifications: 1
reviewer@example.org
    (nothing: the empty state; Cardiff's proposal is already scored)
"""

import os
from datetime import date, timedelta

from sqlalchemy import select

from . import audit
from .auth.models import Person, SecondFactor
from .auth.passwords import hash_password
from .db import utcnow
from .extensions import db
from .membership.models import Member, Representative, Tier, TierBand
from .membership.models.members import normalise_name

DEFAULT_PASSWORD = "demo-password-2026"
# The demo's admin and secretariat must use a second factor: add this key to an
# authenticator app (or run `oathtool --totp -b KEY`) to sign in as them.
DEMO_TOTP_SECRET = "COOPERATIVECOUNCILSNETWORKDEMO22"

COUNCILS = ["council", "combined_authority"]
ORGANISATIONS = ["cooperative", "community_organisation", "university", "other", "individual"]

TIERS = [
    dict(
        name_en="Full", name_cy="Llawn", position=1, carries_vote=True, may_lead_labs=True, fee_rule="band",
        eligible_kinds=COUNCILS,
        description_en="For councils and combined authorities: a vote on the work programme and officers, and the right to lead Policy Labs.",
        description_cy="Ar gyfer cynghorau ac awdurdodau cyfun: pleidlais ar y rhaglen waith a'r swyddogion, a'r hawl i arwain Labordai Polisi.",
        bands=[(0, 150_000, 150_000), (150_001, 300_000, 250_000), (300_001, None, 350_000)],
    ),
    dict(
        name_en="Associate", name_cy="Cyswllt", position=2, carries_vote=True, may_lead_labs=False, fee_rule="flat",
        flat_fee_pence=75_000, eligible_kinds=COUNCILS,
        description_en="For councils starting out: a vote, and a place as a partner in Policy Labs.",
        description_cy="Ar gyfer cynghorau sy'n dechrau arni: pleidlais, a lle fel partner mewn Labordai Polisi.",
    ),
    dict(
        name_en="Affiliate", name_cy="Cysylltiedig", position=3, carries_vote=False, may_lead_labs=False, fee_rule="flat",
        flat_fee_pence=15_000, eligible_kinds=ORGANISATIONS,
        description_en="For co-operatives, community organisations, universities and individuals who share the network's values.",
        description_cy="Ar gyfer mentrau cydweithredol, sefydliadau cymunedol, prifysgolion ac unigolion sy'n rhannu gwerthoedd y rhwydwaith.",
    ),
]

# name, kind, tier, region, registration number (ONS code or society number), population, joined
MEMBERS = [
    ("Oldham Council", "council", "Full", "north_west", "E08000004", 242_000, date(2016, 3, 1)),
    ("Oxford City Council", "council", "Full", "south_east", "E07000178", 162_000, date(2016, 3, 1)),
    ("Stevenage Borough Council", "council", "Associate", "east", "E07000243", 89_000, date(2016, 3, 1)),
    ("Torbay Council", "council", "Associate", "south_west", "E06000027", 139_000, date(2018, 6, 1)),
    ("Preston City Council", "council", "Associate", "north_west", "E07000123", 147_000, date(2016, 3, 1)),
    ("The Development Co-operative", "cooperative", "Affiliate", "north_west", "RS007421", None, date(2019, 9, 1)),
    ("Cardiff Council", "council", "Full", "wales", "W06000015", 372_000, date(2017, 4, 1)),
    ("Plymouth City Council", "council", "Associate", "south_west", "E06000026", 267_000, date(2016, 3, 1)),
    ("Sunderland City Council", "council", "Full", "north_east", "E08000024", 277_000, date(2016, 3, 1)),
    ("Kirklees Council", "council", "Full", "yorkshire", "E08000034", 441_000, date(2017, 4, 1)),
    ("West Midlands Combined Authority", "combined_authority", "Full", "west_midlands", "E47000007", 2_920_000, date(2023, 4, 1)),
    ("Tamar Valley Food Co-operative", "cooperative", "Affiliate", "south_west", "RS031877", None, date(2022, 5, 1)),
    ("Dr Ffion Rees", "individual", "Affiliate", "wales", None, None, date(2024, 1, 15)),
]

# (email, name, member, member admin, member roles, network roles, language)
PEOPLE = [
    ("admin@example.org", "Alex Morgan", None, False, (), ("admin",), "en"),
    ("secretariat@example.org", "Sam Patel", None, False, (), ("secretariat",), "en"),
    ("moderator@example.org", "Jo Evans", None, False, (), ("moderator",), "en"),
    ("reviewer@example.org", "Rhiannon Price", None, False, (), ("reviewer",), "en"),
    ("rep@oxford.example.org", "Priya Shah", "Oxford City Council", True, ("voting", "contact"), (), "en"),
    ("lead@oxford.example.org", "Daniel Osei", "Oxford City Council", False, (), (), "en"),
    ("chair@oxford.example.org", "Amira Okafor", "Oxford City Council", False, (), (), "en"),
    ("cllr.fairley@oxford.example.org", "Cllr Tom Fairley", "Oxford City Council", False, (), (), "en"),
    ("officer@stevenage.example.org", "Tom Hughes", "Stevenage Borough Council", False, (), (), "en"),
    ("rep@stevenage.example.org", "Grace Adeyemi", "Stevenage Borough Council", True, ("voting", "contact"), (), "en"),
    ("rep@torbay.example.org", "Ben Carter", "Torbay Council", True, ("voting", "contact"), (), "en"),
    ("rep@preston.example.org", "Aisha Rahman", "Preston City Council", True, ("voting", "contact"), (), "en"),
    ("rep@oldham.example.org", "Chris Walker", "Oldham Council", True, ("voting", "contact"), (), "en"),
    ("affiliate@devco.example.org", "Marta Nowak", "The Development Co-operative", True, ("contact",), (), "en"),
    ("cynrychiolydd@cardiff.example.org", "Gwen Llywelyn", "Cardiff Council", True, ("voting", "contact"), (), "cy"),
    ("rep@plymouth.example.org", "Hannah Moore", "Plymouth City Council", True, ("voting", "contact"), (), "en"),
    ("rep@sunderland.example.org", "Liam Robson", "Sunderland City Council", True, ("voting", "contact"), (), "en"),
    ("deputy@sunderland.example.org", "Nadia Ali", "Sunderland City Council", False, ("deputy",), (), "en"),
    ("rep@kirklees.example.org", "Imran Hussain", "Kirklees Council", True, ("voting", "contact"), (), "en"),
    ("rep@wmca.example.org", "Sophie Turner", "West Midlands Combined Authority", True, ("voting", "contact"), (), "en"),
    ("hello@tamarvalley.example.org", "Jack Pearce", "Tamar Valley Food Co-operative", True, ("contact",), (), "en"),
    ("ffion.rees@example.org", "Dr Ffion Rees", "Dr Ffion Rees", True, ("contact",), (), "cy"),
]

APPLICATIONS = [
    dict(kind="council", name="Bristol City Council", region="south_west", registration_number="E06000023",
         population=472_000, tier="Full", contact_name="Olivia Grant", contact_email="olivia.grant@bristol.example.org",
         statement="We want to learn from the network's community wealth building labs.", locale="en"),
    dict(kind="cooperative", name="Llanfair Community Energy Co-operative", region="wales", registration_number="RS032450",
         population=None, tier="Affiliate", contact_name="Elin Davies", contact_email="elin@llanfair-ynni.example.org",
         statement="Rydym yn fenter ynni gymunedol sy'n eiddo i'w haelodau.", locale="cy"),
]


def has_data():
    return db.session.scalar(select(Member.id).limit(1)) is not None or (
        db.session.scalar(select(Person.id).limit(1)) is not None
    )


def load():
    """Create the demo network; return the accounts' password. Flushes, never commits."""
    from .membership.rules import applications, money
    from .membership.rules.dates import membership_year, today, year_start
    from .membership.rules.status import refresh_all

    password = os.environ.get("PORTAL_DEMO_PASSWORD") or DEFAULT_PASSWORD
    tiers = _tiers()
    members = _members(tiers)
    people = _people(members, hash_password(password))
    secretariat = people["secretariat@example.org"]
    db.session.flush()
    for email in ("admin@example.org", "secretariat@example.org"):
        db.session.add(SecondFactor(person_id=people[email].id, secret=DEMO_TOTP_SECRET, confirmed_at=utcnow()))
    db.session.flush()
    refresh_all()

    from .membership.demo import load as load_billing

    load_billing(members, secretariat)
    # A believable year: most paid on time, Plymouth part-paid, Sunderland in its grace
    # period, Kirklees lapsed.
    day = today()
    year = membership_year(day)
    for member in members.values():
        money.raise_subscription(member, year, by=secretariat)
    invoices = {invoice.member.name: invoice for invoice in _invoices()}
    for invoice in invoices.values():
        invoice.issued_on = min(year_start(year), day)
        invoice.due_on = invoice.issued_on + timedelta(days=30)
    overdue = {
        "Sunderland City Council": day - timedelta(days=20),
        "Kirklees Council": day - timedelta(days=120),
        "Plymouth City Council": day + timedelta(days=5),
    }
    for name, due in overdue.items():
        invoices[name].due_on = due
        invoices[name].issued_on = due - timedelta(days=30)
    for name, invoice in invoices.items():
        if name in ("Sunderland City Council", "Kirklees Council"):
            continue
        amount = invoice.total_pence // 2 if name == "Plymouth City Council" else invoice.total_pence
        money.record_payment(
            invoice,
            amount_pence=amount,
            received_on=min(invoice.issued_on + timedelta(days=14), day),
            method="bank_transfer",
            reference=f"BACS {invoice.number}",
            key=f"demo-{invoice.number}",
            by=secretariat,
        )
    db.session.flush()
    refresh_all()

    for answers in APPLICATIONS:
        answers = dict(answers)
        tier = tiers[answers.pop("tier")]
        applications.submit_application(requested_tier=tier, agreed_to_values=True, **answers)
    declined = applications.submit_application(
        kind="other", name="Acme Outsourcing Ltd", region="london", requested_tier=tiers["Affiliate"],
        contact_name="Rob Fields", contact_email="rob@acme-outsourcing.example.com", agreed_to_values=True,
        statement="We would like to sell our services to councils.", locale="en",
    )
    applications.decline(
        declined, "The network's affiliates are co-operatives and community organisations; a supplier "
        "selling to councils is not eligible.", by=secretariat,
    )
    from .decisions.demo import load as load_decisions
    from .labs.demo import load as load_labs

    from .forum.demo import load as load_forum
    from .groups.demo import load as load_groups

    load_decisions(secretariat)
    load_labs(secretariat)
    load_groups(secretariat)
    load_forum(secretariat)
    from .directory.demo import load as load_directory

    load_directory(secretariat)
    from .programme.demo import load as load_programme

    load_programme(secretariat)
    from .privacy.rules import request_erasure

    request_erasure(people["deputy@sunderland.example.org"], "I have left the council and will not be using the portal.")
    audit.record("demo.loaded", detail={"members": len(MEMBERS), "people": len(PEOPLE)})
    return password


def _tiers():
    tiers = {}
    for spec in TIERS:
        spec = dict(spec)
        bands = spec.pop("bands", [])
        tier = Tier(**spec, bands=[TierBand(min_population=a, max_population=b, fee_pence=f) for a, b, f in bands])
        db.session.add(tier)
        tiers[tier.name_en] = tier
    return tiers


def _members(tiers):
    members = {}
    for name, kind, tier, region, number, population, joined in MEMBERS:
        member = Member(
            name=name, normalised_name=normalise_name(name), kind=kind, tier=tiers[tier], region=region,
            registration_number=number, population=population, joined_on=joined, status="applicant",
            website=None if kind == "individual" else f"https://www.{normalise_name(name).replace(' ', '')}.example.org",
        )
        db.session.add(member)
        members[name] = member
    return members


def _people(members, password_hash):
    people = {}
    now = utcnow()
    for email, name, member_name, admin, member_roles, roles, locale in PEOPLE:
        member = members.get(member_name)
        person = Person(
            email=email, name=name, member=member, is_member_admin=admin,
            password_hash=password_hash, email_verified_at=now, locale=locale,
            created_at=now - timedelta(days=400),  # settled accounts, not new ones
        )
        person.set_roles(roles)
        db.session.add(person)
        for role in member_roles:
            db.session.add(Representative(member=member, person=person, role=role))
        people[email] = person
    return people


def _invoices():
    from .membership.models import Invoice

    return db.session.scalars(select(Invoice)).all()
