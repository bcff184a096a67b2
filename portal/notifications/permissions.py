"""Who may use the notifications pages: each person their own, and nobody another's."""

from ..auth.access import Rule
from .rules import load


def _owns(person, values):
    notification = load(values.get("notification_id"))
    return notification is None or notification.person_id == person.id


# Not even the secretariat: a notification is a copy of an email to one person.
OWN_NOTIFICATION = Rule("the person it was written to", _owns)
