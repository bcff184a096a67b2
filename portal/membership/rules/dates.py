"""The membership year and the dates that follow from it."""

from datetime import date, timedelta

from flask import current_app

from ...i18n import london
from ...db import utcnow


def today():
    """Today in the UK, whatever the server's clock zone."""
    return utcnow().astimezone(london()).date()


def membership_year(day=None):
    """The membership year a day falls in, named by the calendar year it starts in."""
    day = day or today()
    start_month = current_app.config["MEMBERSHIP_YEAR_START_MONTH"]
    return day.year if day.month >= start_month else day.year - 1


def year_start(year):
    return date(year, current_app.config["MEMBERSHIP_YEAR_START_MONTH"], 1)


def year_label(year):
    """'2027–28' for a year starting in April; '2027' for one starting in January."""
    if current_app.config["MEMBERSHIP_YEAR_START_MONTH"] == 1:
        return str(year)
    return f"{year}–{(year + 1) % 100:02d}"


def grace_period():
    return timedelta(days=current_app.config["MEMBERSHIP_GRACE_DAYS"])
