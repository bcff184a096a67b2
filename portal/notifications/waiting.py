"""What waits for a person in their notifications: how many are unread (one line on the home
page, and the count beside "Notifications" in the navigation)."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..core import waiting
from .models import Notification


def statements(person, now):
    unread = select(Notification.id).where(Notification.person_id == person.id, Notification.read_at.is_(None))
    return [waiting.summary("notifications.unread", "notifications.index", unread)]


def _unread(row):
    return waiting.Item("notifications.unread", _("Unread notifications: %(count)d", count=row.number),
                        url_for("notifications.index"))


waiting.source(statements, {"notifications.unread": _unread})
