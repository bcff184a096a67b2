"""Who moderates which entries, and which entries the public sees. Decided here only.

The secretariat moderates everything; the people of a member council in good standing
moderate the entries and submissions in their council's area. The public sees entries
that are live and were confirmed in the last 18 months (``DIRECTORY_OFF_MAP_MONTHS``);
those not confirmed for 12 months (``DIRECTORY_UNCONFIRMED_MONTHS``) are marked
unconfirmed.
"""

from datetime import date

from flask import current_app
from sqlalchemy import false, true

from ...membership.rules.areas import area_of
from ...membership.rules.dates import today
from ..models import Entry


def months_before(day, months):
    """The same day ``months`` earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def unconfirmed_since(day=None):
    """Entries last confirmed on or before this day are unconfirmed."""
    return months_before(day or today(), current_app.config["DIRECTORY_UNCONFIRMED_MONTHS"])


def off_map_since(day=None):
    """Entries last confirmed on or before this day have left the public map."""
    return months_before(day or today(), current_app.config["DIRECTORY_OFF_MAP_MONTHS"])


def freshness(entry, day=None):
    """"confirmed", "unconfirmed" or "off_map"."""
    if entry.last_confirmed_on <= off_map_since(day):
        return "off_map"
    if entry.last_confirmed_on <= unconfirmed_since(day):
        return "unconfirmed"
    return "confirmed"


def public(day=None):
    """The clause that keeps what the public list, map and exports show."""
    return (Entry.state == "live") & (Entry.last_confirmed_on > off_map_since(day))


def is_staff(person):
    return getattr(person, "is_authenticated", False) and person.has_role("secretariat", "admin")


def council_area(person):
    """The area code ``person`` moderates as one of its council's people, or None."""
    if not getattr(person, "is_authenticated", False) or not person.is_active:
        return None
    return area_of(person.member_id)


def is_moderator(person):
    return is_staff(person) or council_area(person) is not None


def may_moderate(person, area_code):
    return is_staff(person) or (area_code is not None and council_area(person) == area_code)


def moderated_by(person, column):
    """A clause keeping the rows (by their area ``column``) that ``person`` moderates."""
    if is_staff(person):
        return true()
    area = council_area(person)
    return column == area if area else false()
