"""Notifications: every email written to a person is also kept for their Notifications page,
and their choice for its category decides whether it is emailed at once, held for the daily
digest, or left on the portal. What a person must get is emailed whatever they chose."""

import re

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, func, select, update

from ..auth.models import Person
from ..core import waiting
from ..core.cache import per_request
from ..db import insert_ignoring_duplicates, utcnow
from ..extensions import db
from .kinds import CATEGORIES, DIGEST, DIGEST_KIND, KINDS, NOW, PORTAL, PRIVATE_LINKS
from .models import DeliveryChoice, DigestSent, Notification

PER_PAGE = 25
LONGEST_TEXT = 1000
DELIVERY = {NOW: "email", DIGEST: "digest", PORTAL: "portal"}


class MustGet(ValueError):
    """A choice for messages that always come by email, or for no category at all."""


def record(message, person):
    """Keep ``message`` (being written to the outbox) for the Notifications page of the person
    whose address it goes to, if any; True when it is to be emailed now."""
    if message.kind == DIGEST_KIND:
        return True
    address = Person.normalise_email(message.to_address)
    owner = person if person is not None and Person.normalise_email(person.email) == address else \
        db.session.scalar(select(Person).where(Person.email == address))
    if owner is None:
        return True
    choice = choice_for(owner, message.kind)
    text, link = _words(message.body, current_app.config["BASE_URL"])
    db.session.add(Notification(
        person_id=owner.id, kind=message.kind, subject=message.subject[:300], text=text[:LONGEST_TEXT],
        link=None if message.kind in PRIVATE_LINKS else link, delivery=DELIVERY[choice], created_at=utcnow()))
    return choice == NOW


def _words(body, base_url):
    """An email's words without its greeting, sign-off and links, and the path of its first
    link on this site. What leads to a later link (such as "To stop these emails:") goes too,
    and so do the lines a forum post quotes, which are someone else's earlier words."""
    lines = [line.strip() for line in body.strip().splitlines()]
    link, kept = None, []
    for number, line in enumerate(lines):
        if line.startswith(base_url + "/"):
            link = link or line[len(base_url):]
            continue
        if line.startswith(">"):
            continue
        following = next((after for after in lines[number + 1:] if after), "")
        if line.endswith(":") and following.startswith(base_url + "/"):
            if link is not None:
                continue
            line = line[:-1] + "."  # the page's own link stands where the email's was
        kept.append(line)
    paragraphs = [" ".join(part.split("\n")).strip() for part in re.split(r"\n{2,}", "\n".join(kept))]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if paragraphs and paragraphs[0].endswith(","):
        paragraphs.pop(0)  # "Dear Priya,"
    if paragraphs and paragraphs[-1] == _("Co-operative Councils Network"):
        paragraphs.pop()
    return "\n\n".join(paragraphs), link if link and len(link) <= 500 and not link.startswith("//") else None


def choice_for(person, kind):
    """How ``person`` gets messages of ``kind``: their choice for its category, at once if none."""
    category = KINDS.get(kind)
    if category not in CATEGORIES:
        return NOW
    chosen = db.session.scalar(select(DeliveryChoice.choice).where(
        DeliveryChoice.person_id == person.id, DeliveryChoice.category == category))
    return chosen or NOW


def choices_of(person):
    """{category: choice} for every category, at once where the person has not chosen."""
    chosen = dict(db.session.execute(select(DeliveryChoice.category, DeliveryChoice.choice)
                                     .where(DeliveryChoice.person_id == person.id)).all())
    return {category: chosen.get(category, NOW) for category in CATEGORIES}


def set_choices(person, chosen):
    """Save ``{category: choice}``; refuses (MustGet) what always comes by email. Held
    messages of a category now on the portal only will not be emailed."""
    for category, choice in chosen.items():
        if category not in CATEGORIES or choice not in DELIVERY:
            raise MustGet(category)
    for category, choice in chosen.items():
        changed = db.session.execute(update(DeliveryChoice).where(
            DeliveryChoice.person_id == person.id, DeliveryChoice.category == category).values(choice=choice)).rowcount
        if not changed:
            insert_ignoring_duplicates(DeliveryChoice, {"person_id": person.id, "category": category, "choice": choice})
    _unhold(person, [category for category, choice in chosen.items() if choice == PORTAL])


def stop_digest(person):
    """Move every category ``person`` takes in the daily digest to the portal only, and keep
    what was waiting for the digest on the portal: no daily email is sent to them again."""
    stopped = db.session.scalars(select(DeliveryChoice.category).where(
        DeliveryChoice.person_id == person.id, DeliveryChoice.choice == DIGEST)).all()
    db.session.execute(update(DeliveryChoice).where(
        DeliveryChoice.person_id == person.id, DeliveryChoice.choice == DIGEST).values(choice=PORTAL))
    db.session.execute(update(Notification).where(
        Notification.person_id == person.id, Notification.delivery == "digest").values(delivery="portal"))
    return stopped


def _unhold(person, categories):
    kinds = [kind for kind, category in KINDS.items() if category in categories]
    if kinds:
        db.session.execute(update(Notification).where(
            Notification.person_id == person.id, Notification.delivery == "digest", Notification.kind.in_(kinds))
            .values(delivery="portal"))


def unread_count(person):
    """How many of ``person``'s notifications are unread: the count the navigation shows, from
    the one statement that counts all waiting work (asked once a request)."""
    return waiting.counts(person).get("notifications.index", 0)


def page_of(person, number):
    """One page of ``person``'s notifications, newest first."""
    statement = select(Notification).where(Notification.person_id == person.id).order_by(Notification.id.desc())
    return db.paginate(statement, page=number, per_page=PER_PAGE, max_per_page=PER_PAGE, error_out=False)


def load(notification_id):
    """The notification, loaded once a request for its rule and its view; None if there is none."""
    return per_request(("notification", notification_id), lambda: db.session.get(Notification, notification_id))


def mark_read(notification):
    """Mark ``notification`` read (once: reading it again keeps the first time)."""
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(person):
    """Mark every unread notification of ``person`` read; return how many were."""
    return db.session.execute(update(Notification).where(
        Notification.person_id == person.id, Notification.read_at.is_(None)).values(read_at=utcnow())).rowcount


def forget(person):
    """Delete ``person``'s notifications, choices and digests (erasure)."""
    for model in (Notification, DeliveryChoice, DigestSent):
        db.session.execute(delete(model).where(model.person_id == person.id))


def data_of(person):
    """What ``person``'s notifications and choices hold, as plain data for "download my data"."""
    held = db.session.execute(select(Notification.created_at, Notification.subject, Notification.read_at, Notification.delivery)
                              .where(Notification.person_id == person.id).order_by(Notification.id)).all()
    return {
        "notifications": [{"at": at.isoformat(), "subject": subject, "read": read.isoformat() if read else None,
                           "delivery": delivery} for at, subject, read, delivery in held],
        "notification_choices": [{"category": category, "choice": choice} for category, choice in choices_of(person).items()],
    }


def purge(before):
    """Delete read notifications made before ``before``; return how many went."""
    return db.session.execute(delete(Notification).where(
        Notification.read_at.is_not(None), Notification.created_at < before)).rowcount
