"""The one daily digest: one email a day to each person with messages held for it, of what
they have not read meanwhile; safe to run twice, and twice at once (real concurrent runs)."""

from datetime import date, timedelta

from sqlalchemy import func, select

from portal.auth.models import Person
from portal.db import utcnow
from portal.extensions import db
from portal.mail.models import OutboxMessage
from portal.notifications import digest
from portal.notifications.kinds import DIGEST, DIGEST_KIND
from portal.notifications.models import DigestSent, Notification
from portal.notifications.rules import set_choices

from ..conftest import at_once, in_app, outbox, person
from .helpers import mention_oxford, notifications_of

OXFORD = "rep@oxford.example.org"


def _digests(email):
    return outbox(DIGEST_KIND, to=email)


def test_one_email_a_day_with_what_was_held_and_nothing_more_that_day(sign_in_as):
    set_choices(person(OXFORD), {"forum": DIGEST})
    db.session.commit()
    mention_oxford(sign_in_as, "Land trusts")
    day = digest.today()
    digest.send(day)
    assert len(_digests(OXFORD)) == 1 and "Land trusts" in _digests(OXFORD)[0].body
    mention_oxford(sign_in_as, "Community energy")
    digest.send(day)  # again the same day: the new one waits for tomorrow's
    assert len(_digests(OXFORD)) == 1
    digest.send(day + timedelta(days=1))
    sent = _digests(OXFORD)
    assert len(sent) == 2 and "Community energy" in sent[1].body and "Land trusts" not in sent[1].body
    assert {item.delivery for item in notifications_of(person(OXFORD), "forum_mention")[-2:]} == {"digested"}


def test_what_was_read_on_the_portal_is_left_out_and_nothing_unread_sends_nothing(sign_in_as):
    set_choices(person(OXFORD), {"forum": DIGEST})
    db.session.commit()
    mention_oxford(sign_in_as, "Land trusts")
    mention_oxford(sign_in_as, "Community energy")
    first, second = notifications_of(person(OXFORD), "forum_mention")[-2:]
    sign_in_as(OXFORD).post(f"/notifications/{first.id}/open")
    digest.send(digest.today())
    sent = _digests(OXFORD)
    assert len(sent) == 1 and "Community energy" in sent[0].body and "Land trusts" not in sent[0].body
    mention_oxford(sign_in_as, "Food co-ops")
    sign_in_as(OXFORD).post("/notifications/read")
    digest.send(digest.today() + timedelta(days=1))
    assert len(_digests(OXFORD)) == 1
    assert notifications_of(person(OXFORD), "forum_mention")[-1].delivery == "digested"


def test_the_digest_is_written_in_its_readers_language():
    cardiff = person("cynrychiolydd@cardiff.example.org")  # reads the portal in Welsh
    db.session.add(Notification(person_id=cardiff.id, kind="task_due", subject="Yn ddyledus o fewn wythnos: Adroddiad",
                                text="", link="/groups/", delivery="digest", created_at=utcnow()))
    db.session.commit()
    digest.send(digest.today())
    sent = _digests(cardiff.email)
    assert len(sent) == 1 and sent[0].subject == "Eich hysbysiadau dyddiol: 1 newydd"
    assert "Annwyl" in sent[0].body and "Yn ddyledus o fewn wythnos: Adroddiad" in sent[0].body


def test_runs_at_once_send_each_person_one_digest(live_app):
    day = date(2090, 1, 1)  # a day of this test's own in the served app's database
    emails = ["rep@oxford.example.org", "rep@stevenage.example.org", "rep@torbay.example.org", "rep@preston.example.org",
              "rep@oldham.example.org", "rep@plymouth.example.org"]

    def hold():
        people = db.session.scalars(select(Person).where(Person.email.in_(emails))).all()
        for someone in people:
            db.session.add_all([Notification(person_id=someone.id, kind="task_due", subject=f"Due within a week: {n}", text="",
                                             delivery="digest", created_at=utcnow()) for n in range(3)])
        db.session.commit()
        return db.session.scalar(select(func.max(OutboxMessage.id))) or 0

    last = in_app(live_app, hold)

    def run(_):
        with live_app.app_context():
            try:
                return digest.send(day)
            finally:
                db.session.remove()

    results = at_once(run, range(4))

    def sent():
        return db.session.execute(select(OutboxMessage.to_address, func.count()).where(
            OutboxMessage.id > last, OutboxMessage.kind == DIGEST_KIND).group_by(OutboxMessage.to_address)).all()
    digested = dict(in_app(live_app, sent))
    assert {email: digested.get(email) for email in emails} == {email: 1 for email in emails}
    assert sum(results) == len(digested)
    claimed = in_app(live_app, lambda: db.session.scalar(select(func.count()).select_from(DigestSent).where(DigestSent.sent_on == day)))
    assert claimed == len(digested)
