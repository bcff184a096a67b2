import re

from sqlalchemy import select

from portal.extensions import db
from portal.forum.models import Category
from portal.notifications.models import Notification


def notifications_of(person, kind=None):
    statement = select(Notification).where(Notification.person_id == person.id).order_by(Notification.id)
    if kind:
        statement = statement.where(Notification.kind == kind)
    return db.session.scalars(statement).all()


def text(client, path):
    return client.get(path).get_data(as_text=True)


def navigation(client):
    """The service navigation's link to the Notifications page, as a person reads it."""
    page = text(client, "/notifications/")
    start = page.index('href="/notifications/"')
    return re.sub(r"<[^>]+>", "", page[page.index(">", start) + 1:page.index("</a>", start)]).strip()


def mention_oxford(sign_in_as, title="Land trusts", body="@Priya Shah, has Oxford one?"):
    """Stevenage's representative names Oxford's in a new public thread: a forum email to Oxford's."""
    learning = db.session.scalar(select(Category.id).where(Category.name == "Sharing learning"))
    sign_in_as("rep@stevenage.example.org").post(f"/forum/categories/{learning}/new", data={"title": title, "body": body})
