"""The daily digest: one email a day to each person with messages held for it, gathering those
they have not read on the portal meanwhile. Safe to run twice, and twice at once."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select, update

from .. import mail
from ..auth.models import Person
from ..db import insert_ignoring_duplicates, utcnow
from ..extensions import db
from ..i18n import london
from .kinds import CATEGORIES, DIGEST_KIND, KINDS, MUST
from .models import DigestSent, Notification

MOST_LISTED = 50
KEPT_DAYS = 7  # a digest's claim is needed only on its day


def today():
    """Today in the UK: the day a digest belongs to."""
    return utcnow().astimezone(london()).date()


def send(day):
    """Send ``day``'s digests; return how many were sent. Each person's is claimed by a row
    for the day, so two runs at once send it once; commits each person's on its own."""
    waiting = db.session.scalars(select(Notification.person_id).where(Notification.delivery == "digest").distinct()).all()
    db.session.commit()
    sent = 0
    for person_id in sorted(waiting):
        if not insert_ignoring_duplicates(DigestSent, {"person_id": person_id, "sent_on": day}):
            db.session.rollback()
            continue  # sent today already, or another run has it
        held = db.session.scalars(select(Notification).where(
            Notification.person_id == person_id, Notification.delivery == "digest").order_by(Notification.id)).all()
        db.session.execute(update(Notification).where(Notification.id.in_([item.id for item in held])).values(delivery="digested"))
        unread = [item for item in held if item.read_at is None]
        person = db.session.get(Person, person_id)
        if unread and person is not None and person.is_active:
            _email(person, unread)
            sent += 1
        db.session.commit()
    db.session.execute(delete(DigestSent).where(DigestSent.sent_on < day - timedelta(days=KEPT_DAYS)))
    db.session.commit()
    return sent


def _email(person, unread):
    order = list(CATEGORIES) + list(MUST)
    grouped = {}
    for item in unread[:MOST_LISTED]:
        grouped.setdefault(KINDS.get(item.kind), []).append(item)
    sections = sorted(grouped.items(), key=lambda pair: order.index(pair[0]) if pair[0] in order else len(order))
    mail.enqueue(
        person.email, lambda count=len(unread): _("Your daily notifications: %(count)d new", count=count),
        "notifications/email/digest.txt", kind=DIGEST_KIND, person=person, sections=sections,
        more=max(len(unread) - MOST_LISTED, 0), stop=stop_token(person))


# The digest's own way out, which works without signing in: a signed note of whose it is.

def _serializer():
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="notifications-stop-digest")


def stop_token(person):
    return _serializer().dumps(person.id)


def read_stop_token(token):
    """The id of the person whose digest ``token`` stops, or None."""
    try:
        person_id = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    return person_id if isinstance(person_id, int) else None
