"""Rules about people that depend on whom the action is about."""

from ..extensions import db
from .access import Rule
from .models import Person


def _may_manage(person, values):
    """The secretariat manages other people's accounts; only an admin manages an admin's."""
    if not person.is_secretariat:
        return False
    target = db.session.get(Person, values.get("person_id"))
    if target is None:
        return True  # the view answers 404
    if target.id == person.id:
        return False
    return person.has_role("admin") or not target.has_role("admin")


MANAGE_PERSON = Rule("secretariat, about someone else", _may_manage)
