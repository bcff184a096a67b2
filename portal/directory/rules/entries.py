"""Entries and the changes proposed to them: staff add and edit directly; the public and the
organisations themselves submit, and a moderator of the area approves or rejects.

A submission is decided once: the decision is claimed by one conditional UPDATE, so two
moderators pressing "approve" together make one entry, not two.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import Text, cast, select, update
from sqlalchemy.orm import selectinload

from ... import audit, mail
from ...auth.models import Person
from ...db import utcnow
from ...extensions import db
from ...membership.rules.areas import council_areas, councils_for
from ...membership.rules.dates import today
from ..models import FIELDS, Entry, Submission, normalise_name, normalise_postcode, normalise_registration


class AlreadyDecided(Exception):
    """Someone else decided the submission first."""


class DuplicateRegistration(Exception):
    """Another entry holds the registration number."""


def clean(values):
    """The proposable fields of ``values``, normalised as entries hold them."""
    data = {field: values.get(field) for field in FIELDS}
    data["sectors"] = sorted(set(data["sectors"] or []))
    data["postcode"] = normalise_postcode(data["postcode"])
    data["registration_number"] = normalise_registration(data["registration_number"])
    for field in ("offers", "description", "address", "website", "contact_email"):
        data[field] = data[field] or ""
    data["contact_email"] = data["contact_email"].lower()
    data["area_code"] = data["area_code"] or None
    data["ownership"] = data["ownership"] or "none"
    return data


def _apply(entry, data):
    for field in FIELDS:
        if field in data:
            setattr(entry, field, data[field])
    entry.normalised_name = normalise_name(entry.name)
    entry.area_name = council_areas().get(entry.area_code, entry.area_name if entry.area_code else "") if entry.area_code else ""


def _check_registration(number, entry_id=None):
    if number is None:
        return
    holder = db.session.scalar(select(Entry.id).where(Entry.registration_number == number))
    if holder is not None and holder != entry_id:
        raise DuplicateRegistration(holder)


def add(values, *, by, source="staff"):
    """A new live entry, confirmed today."""
    data = clean(values)
    _check_registration(data["registration_number"])
    entry = Entry(source=source, state="live", last_confirmed_on=today())
    _apply(entry, data)
    db.session.add(entry)
    db.session.flush()
    audit.record("directory.entry_added", entry, actor=by, detail={"name": entry.name, "source": source})
    return entry


def changed_fields(entry, data):
    current = entry.values()
    return [field for field in FIELDS if field in data and data[field] != current[field]]


def edit(entry, values, *, by, confirmed=False):
    """Change an entry; ``confirmed`` when the organisation itself vouched for it."""
    data = clean(values)
    _check_registration(data["registration_number"], entry.id)
    changed = changed_fields(entry, data)
    if "contact_email" in changed:
        end_links(entry)  # links sent to the old contact stop working
    _apply(entry, data)
    if confirmed:
        entry.last_confirmed_on = today()
    db.session.flush()
    audit.record("directory.entry_changed", entry, actor=by, detail={"fields": changed, "confirmed": confirmed})
    return changed


def withdraw(entry, *, by, withdrawn=True):
    entry.state = "withdrawn" if withdrawn else "live"
    db.session.flush()
    audit.record("directory.entry_withdrawn" if withdrawn else "directory.entry_restored", entry, actor=by)


def submit(kind, values, *, entry=None, submitter_name="", submitter_email="", note=""):
    """A new organisation or a change, waiting for a moderator; the moderators are told.

    A change holds only the fields it changes; an empty contact email leaves the contact as it
    is (the public never sees it, so cannot be asked to retype it). Returns None when a change
    changes nothing.
    """
    data = clean(values)
    if entry is not None:
        if not data["contact_email"]:
            data.pop("contact_email")
        data = {field: data[field] for field in changed_fields(entry, data)}
        if not data:
            return None
    submission = Submission(
        kind=kind, entry=entry, data=data, area_code=data.get("area_code") or (entry.area_code if entry else None),
        submitter_name=submitter_name, submitter_email=(submitter_email or "").lower(), note=note or "",
    )
    db.session.add(submission)
    db.session.flush()
    for person in moderators(submission.area_code):
        mail.enqueue(person.email, lambda: _l("A directory entry is waiting for you"), "directory/email/waiting.txt",
                     kind="directory_waiting", person=person, submission=submission)
    if submission.submitter_email:
        mail.enqueue(submission.submitter_email, lambda: _l("We have your directory entry"), "directory/email/received.txt",
                     kind="directory_received", submission=submission)
    return submission


def moderators(area_code):
    """The people told of a submission: the council's people for its area, else the secretariat."""
    from ...auth.models import PersonRole

    councils = councils_for(area_code) if area_code else []
    if councils:
        statement = select(Person).where(Person.member_id.in_(councils))
    else:
        statement = select(Person).join(PersonRole).where(PersonRole.role == "secretariat")
    return [person for person in db.session.scalars(statement.order_by(Person.id)).unique() if person.is_active]


def _claim(submission, state, by, reason=""):
    claimed = db.session.execute(
        update(Submission)
        .where(Submission.id == submission.id, Submission.state == "pending")
        .values(state=state, decided_at=utcnow(), decided_by_id=by.id, reason=reason)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        raise AlreadyDecided(submission.id)
    db.session.refresh(submission)


def approve(submission, *, by):
    """Publish a new organisation, or apply a change; an organisation's own change confirms it."""
    _claim(submission, "approved", by)
    if submission.kind == "new":
        entry = add(submission.data, by=by, source="submitted")
        submission.entry = entry
        if entry.contact_email:
            send_link(entry, reason="listed")
    else:
        entry = submission.entry
        edit(entry, {**entry.values(), **submission.data}, by=by, confirmed=submission.kind == "owner")
    db.session.flush()
    audit.record("directory.submission_approved", submission, actor=by, detail={"entry_id": entry.id, "kind": submission.kind})
    if submission.submitter_email:
        mail.enqueue(submission.submitter_email, lambda: _l("Your directory entry is published"), "directory/email/approved.txt",
                     kind="directory_approved", submission=submission, entry=entry)
    return entry


def reject(submission, *, by, reason):
    _claim(submission, "rejected", by, reason)
    audit.record("directory.submission_rejected", submission, actor=by, detail={"kind": submission.kind})
    if submission.submitter_email:
        mail.enqueue(submission.submitter_email, lambda: _l("Your directory entry was not published"), "directory/email/rejected.txt",
                     kind="directory_rejected", submission=submission)


# Links for an organisation to update its own entry -------------------------------------------

def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="directory-owner")


def owner_token(entry):
    return _serializer().dumps([entry.id, entry.link_version])


def end_links(entry):
    """Make every link sent for ``entry`` so far useless: each carries the generation it was
    made in. Counted in the database, so two links sent at once are never of one generation."""
    entry.link_version = Entry.link_version + 1
    db.session.flush()


def read_owner_token(token):
    """The entry a link is for, or None when it is forged, expired, or made unusable."""
    try:
        entry_id, version = _serializer().loads(token, max_age=current_app.config["DIRECTORY_LINK_DAYS"] * 86400)
    except (SignatureExpired, BadSignature, ValueError, TypeError):
        return None
    # Its sectors too: the owner's page fills its form with every field.
    entry = db.session.get(Entry, entry_id, options=[selectinload(Entry.sector_rows)]) if isinstance(entry_id, int) else None
    if entry is None or entry.link_version != version or entry.state != "live":
        return None
    return entry


def send_link(entry, *, reason):
    """Email the entry's contact a private link to update it, ending the links sent before.
    ``reason``: listed, reconfirm, requested (from the entry's public page), sent (by its moderators)."""
    if not entry.contact_email:
        return False
    end_links(entry)
    mail.enqueue(entry.contact_email, lambda: _l("Keep your directory entry up to date"), "directory/email/link.txt",
                 kind="directory_link", entry=entry, token=owner_token(entry), reason=reason,
                 days=current_app.config["DIRECTORY_LINK_DAYS"])
    return True


def confirm(entry):
    """The organisation says its entry is still right."""
    entry.last_confirmed_on = today()
    db.session.flush()
    audit.record("directory.entry_confirmed", entry, detail={"by": "owner link"})


def forget_sender(email):
    """Take an erased person's ``email`` out of every submission: as its sender (with the name
    given beside it) and as the contact it proposes. The submissions themselves stay."""
    email = email.lower()
    held = db.session.scalars(select(Submission).where(
        (Submission.submitter_email == email) | cast(Submission.data, Text).contains(email, autoescape=True))).all()
    for submission in held:
        if submission.submitter_email == email:
            submission.submitter_name, submission.submitter_email = "", ""
        if submission.data.get("contact_email") == email:
            # A new dict: the column does not see changes made inside the one it holds.
            submission.data = {**submission.data, "contact_email": ""}
    db.session.flush()


def forget_submitters(before):
    """Clear the names and addresses of those who sent submissions decided before ``before``
    (the privacy notice's promise); returns how many. Idempotent."""
    return db.session.execute(
        update(Submission)
        .where(Submission.state != "pending", Submission.decided_at < before,
               (Submission.submitter_name != "") | (Submission.submitter_email != ""))
        .values(submitter_name="", submitter_email="")
        .execution_options(synchronize_session=False)
    ).rowcount
