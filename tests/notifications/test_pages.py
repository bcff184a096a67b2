"""The Notifications page: every email to a person is there, for them alone; read and unread,
the count in the header, opening and marking all read, pages of them."""

from sqlalchemy import select

from portal.db import utcnow
from portal.extensions import db
from portal.notifications.models import Notification

from ..conftest import outbox, person
from ..test_routes import QueryCounter
from .helpers import mention_oxford, navigation, notifications_of, text


def test_an_email_to_a_person_is_on_their_page_and_on_nobody_elses(sign_in_as):
    mention_oxford(sign_in_as, body="> Torbay wrote: we set up a land trust last year\n\n@Priya Shah, has Oxford one?")
    emailed = outbox("forum_mention", to="rep@oxford.example.org")[-1]
    held = notifications_of(person("rep@oxford.example.org"), "forum_mention")[-1]
    assert held.subject == emailed.subject and held.link.startswith("/forum/posts/")
    assert "has Oxford one?" in held.text and "land trust last year" in emailed.body
    assert not any(words in held.text for words in ("Dear Priya", "land trust last year", "/forum/unsubscribe/"))
    oxford = text(sign_in_as("rep@oxford.example.org"), "/notifications/")
    assert emailed.subject in oxford and "has Oxford one?" in oxford
    for other in ("rep@stevenage.example.org", "secretariat@example.org", "moderator@example.org"):
        assert "Land trusts" not in text(sign_in_as(other), "/notifications/")
        assert sign_in_as(other).post(f"/notifications/{held.id}/open").status_code == 403
    db.session.refresh(held)
    assert held.read_at is None


def test_opening_one_marks_it_read_goes_to_its_page_and_lowers_the_count(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    before = int(navigation(oxford).split()[-1])  # the demo leaves Oxford's representative some, all unread
    mention_oxford(sign_in_as)
    assert navigation(oxford) == f"Notifications {before + 1}"
    held = notifications_of(person("rep@oxford.example.org"), "forum_mention")[-1]
    opened = oxford.post(f"/notifications/{held.id}/open")
    assert opened.status_code == 302 and opened.headers["Location"] == held.link
    db.session.refresh(held)
    assert held.read_at is not None
    assert navigation(oxford) == f"Notifications {before}"
    page = text(oxford, "/notifications/")
    assert f"You have {before} unread notifications." in page
    done = oxford.post("/notifications/read", follow_redirects=True).get_data(as_text=True)
    assert "Every notification is marked as read." in done and "unread notification" not in done
    assert navigation(oxford) == "Notifications"
    assert all(n.read_at is not None for n in notifications_of(person("rep@oxford.example.org")))


def test_one_without_a_link_is_marked_read_where_it_stands(sign_in_as):
    oxford = person("rep@oxford.example.org")
    bare = Notification(person_id=oxford.id, kind="email_in_use", subject="Someone asked to use your email address",
                        text="Nothing has changed.", delivery="email")
    db.session.add(bare)
    db.session.commit()
    opened = sign_in_as(oxford.email).post(f"/notifications/{bare.id}/open")
    assert opened.headers["Location"] == f"/notifications/#notification-{bare.id}"
    db.session.refresh(bare)
    assert bare.read_at is not None


def test_a_private_link_is_not_kept_on_the_page(client, sign_in_as):
    client.post("/password/forgotten", data={"email": "rep@oxford.example.org"})
    reset = outbox("password_reset", to="rep@oxford.example.org")[-1]
    secret = reset.body.split("/password/reset/")[1].split()[0]
    held = notifications_of(person("rep@oxford.example.org"), "password_reset")[-1]
    assert held.link is None and secret not in held.text
    assert "Its link works only from the email" in text(sign_in_as("rep@oxford.example.org"), "/notifications/")


def _fill(someone, count):
    db.session.add_all([Notification(person_id=someone.id, kind="task_due", subject=f"Due within a week: task {n}", text=f"Task {n}.",
                                     link="/groups/", delivery="email", created_at=utcnow()) for n in range(count)])
    db.session.commit()


def _queries(client, rollback, path):
    with QueryCounter(rollback.connection) as queries:
        assert client.get(path).status_code == 200
    return queries.count


def test_pages_of_notifications_cost_the_same_few_queries_however_many_there_are(sign_in_as, rollback):
    oxford = person("rep@oxford.example.org")
    client = sign_in_as(oxford.email)
    few = _queries(client, rollback, "/notifications/")
    _fill(oxford, 600)
    many = [_queries(client, rollback, path) for path in ("/notifications/", "/notifications/?page=2", "/notifications/?page=24")]
    assert many == [few] * 3 and few <= 12
    first, second = text(client, "/notifications/"), text(client, "/notifications/?page=2")
    assert "task 599" in first and "task 575" in first and "task 574" not in first
    assert "task 574" in second and 'rel="next"' in second


def test_an_email_to_a_persons_address_that_does_not_name_them_is_on_their_page_too(client):
    from portal.directory.models import Entry

    entry = db.session.scalar(select(Entry).where(Entry.state == "live", Entry.contact_email.is_not(None)).order_by(Entry.id))
    entry.contact_email = "Officer@Stevenage.example.org"  # the organisation's contact has a portal account
    db.session.commit()
    client.post(f"/directory/{entry.id}/contact", data={"name": "Sam Buyer", "email": "sam@example.com",
                                                       "message": "Do you supply school meals?"})
    held = notifications_of(person("officer@stevenage.example.org"), "directory_contact")
    assert len(held) == 1 and "Do you supply school meals?" in held[0].text and held[0].delivery == "email"
