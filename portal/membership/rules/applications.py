"""Applying to join, and the secretariat's decision."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select, update

from ... import audit, mail
from ...auth import rules as accounts
from ...db import utcnow
from ...extensions import db
from ..models import Application, Member
from ..models.members import GOOD_STANDING
from ..models.members import normalise_name
from .dates import membership_year, today
from .money import raise_subscription
from .people import name_representative
from .status import refresh_status


class Duplicate(Exception):
    """The applicant is already a member, or has already applied. ``public`` when the match is
    a member the public directory lists: only then may the applicant be told of it."""

    def __init__(self, name, by_registration_number, *, public=False, application=None):
        super().__init__(name)
        self.name = name
        self.by_registration_number = by_registration_number
        self.public = public
        self.application = application  # the waiting application matched, if it was one


class AlreadyDecided(Exception):
    """Someone decided this application already (the button was pressed twice)."""


def find_duplicate(name, registration_number, *, exclude_application=None):
    """A member, or an application waiting, with this registration number or the same name."""
    registration_number = (registration_number or "").strip().upper() or None
    key = normalise_name(name)
    conditions = [Member.normalised_name == key]
    if registration_number:
        conditions.append(Member.registration_number == registration_number)
    member = db.session.scalar(select(Member).where(or_(*conditions)).limit(1))
    if member is not None:
        return Duplicate(member.name, bool(registration_number) and member.registration_number == registration_number,
                         public=member.status in GOOD_STANDING)
    conditions = [Application.normalised_name == key]
    if registration_number:
        conditions.append(Application.registration_number == registration_number)
    statement = select(Application).where(Application.status == "submitted", or_(*conditions))
    if exclude_application is not None:
        statement = statement.where(Application.id != exclude_application.id)
    application = db.session.scalar(statement.limit(1))
    if application is not None:
        return Duplicate(
            application.name,
            bool(registration_number) and application.registration_number == registration_number,
            application=application,
        )
    return None


def submit_application(*, locale, **answers):
    """Store an application to join and acknowledge it. Raises Duplicate for a member the public
    directory lists. Any other match (an application waiting, a member not listed) is not
    disclosed: the application is stored for the secretariat, who see the match, and the
    waiting application's contact is told by email instead."""
    answers["registration_number"] = (answers.get("registration_number") or "").strip().upper() or None
    duplicate = find_duplicate(answers["name"], answers["registration_number"])
    if duplicate and duplicate.public:
        raise duplicate
    if duplicate and duplicate.application:
        waiting = duplicate.application
        mail.enqueue(waiting.contact_email, _l("Another application to join for %(name)s", name=waiting.name),
                     "membership/email/application_again.txt", kind="application_again", locale=waiting.locale, name=waiting.name)
    application = Application(normalised_name=normalise_name(answers["name"]), locale=locale, **answers)
    db.session.add(application)
    db.session.flush()
    audit.record("application.submitted", application, detail={"kind": application.kind})
    mail.enqueue(
        application.contact_email,
        _l("We have your application to join"),
        "membership/email/application_received.txt",
        kind="application_received",
        locale=locale,
        application=application,
    )
    return application


def _decide(application, status, by):
    # A conditional update: of two presses of the button, only the first decides.
    decided = db.session.execute(
        update(Application)
        .where(Application.id == application.id, Application.status == "submitted")
        .values(status=status, decided_at=utcnow(), decided_by_id=by.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not decided:
        raise AlreadyDecided(application.id)
    db.session.refresh(application)


def approve(application, *, by):
    """Make the member, raise its first subscription, and invite the contact as its member admin."""
    _decide(application, "approved", by)
    member = Member(
        name=application.name,
        normalised_name=application.normalised_name,
        kind=application.kind,
        region=application.region,
        local_authority_area=application.local_authority_area,
        website=application.website,
        registration_number=application.registration_number,
        population=application.population,
        tier=application.requested_tier,
        joined_on=today(),
        status="applicant",
    )
    db.session.add(member)
    db.session.flush()
    application.member = member
    audit.record("application.approved", application, actor=by, detail={"member_id": member.id})
    audit.record("member.joined", member, actor=by, detail={"tier_id": member.tier_id})
    refresh_status(member, reason="application approved")
    contact = accounts.find_person(application.contact_email)
    if contact is None:
        contact = accounts.invite_person(
            name=application.contact_name,
            email=application.contact_email,
            member=member,
            is_member_admin=True,
            invited_by=by,
            locale=application.locale,
        )
    elif contact.member_id is None:
        contact.member = member
        contact.is_member_admin = True
    if contact.member_id == member.id:
        name_representative(member, "contact", contact, by=by)
    raise_subscription(member, membership_year(), by=by)
    return member


def decline(application, reason, *, by):
    """Decline with a reason, which the applicant is emailed."""
    _decide(application, "declined", by)
    application.decline_reason = reason
    audit.record("application.declined", application, actor=by)
    mail.enqueue(
        application.contact_email,
        _l("Your application to join"),
        "membership/email/application_declined.txt",
        kind="application_declined",
        locale=application.locale,
        application=application,
    )
