"""What is waiting for a person: the home page's list and the counts beside the navigation.

Each area answers "what is waiting for this person?" in its own rules, and registers the
answer here; the home page only gathers and sorts, and the navigation only counts. Nothing
here knows an area.

How an area adds its items (events, the work programme and surveys add theirs this way):

1. In the area's rules (``portal/<area>/rules/waiting.py``), write a function
   ``statements(person, now)`` that returns SELECT statements (none when nothing can be
   waiting for this kind of person), each built with ``columns(kind, section, ...)``: one row
   for each thing waiting. Ask the area's own permission conditions in them (who may see a
   group, a proposal, a thread), so that nothing appears that the person may not open.
   Return them as a list, not joined: they are gathered into one flat UNION ALL (a queue is
   one row, made with ``summary``).
2. Write, for each kind, a function ``describe(row)`` that returns an ``Item`` (its words,
   through Flask-Babel, and its link, made with ``url_for``).
3. Register both: ``waiting.source(statements, {"kind": describe, ...})``, and import the
   module from the area's ``__init__`` so that it runs when the app is made.

Every area's statements run together as one UNION ALL: the home page makes one query for all
of them, whatever the person's roles and however much data there is, and every other page
one query for the navigation's counts (grouped by ``section``, the navigation endpoint the
count stands beside). A row may stand for several things at once (``number``), as the unread
notifications do.
"""

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import Any

from flask import g
from sqlalchemy import Date, Integer, String, Text, cast, func, literal_column, null, select, union_all

from ..db import UTCDateTime, utcnow
from ..extensions import db
from .cache import per_request

_NAME = re.compile(r"^[a-z_.]+$")  # kinds and sections are written into the SQL
_SOURCES = []  # (statements, {kind: describe})
_DESCRIBE = {}

# The columns every row has, and their types (a column a branch leaves empty is a typed NULL,
# which PostgreSQL needs to make a UNION of them).
COLUMNS = (
    ("kind", String(30)), ("section", String(60)), ("ref", Integer()), ("ref2", Integer()),
    ("title", Text()), ("title_cy", Text()), ("name", Text()), ("at", UTCDateTime()), ("on", Date()), ("flag", Integer()),
    ("number", Integer()),
)


def not_counted():
    """``number=waiting.not_counted()``: a row shown on the home page but not counted beside
    the navigation (a meeting coming up, a vote already cast)."""
    return cast(literal_column("0"), Integer())


@dataclass(frozen=True)
class Item:
    """One thing waiting: what it is, where it is done, and by when.

    ``due`` is a datetime or a date (None when it has no time); ``status`` is a short word
    about it ("voted", "not yet"); ``note`` says more (a closing time, a group's name)."""

    kind: str
    title: str
    href: str
    due: Any = None
    status: str | None = None
    note: str | None = None
    overdue: bool = False
    section: str | None = None
    number: int = 1
    about: Any = None  # what the area's own pages may look the item up by (a decision's id)
    name: str | None = None  # whom it is for, when not the person (the member a ballot is for)

    @property
    def timed(self):
        """Whether ``due`` is a moment (shown with its time) rather than a day."""
        return isinstance(self.due, datetime)


def columns(kind, section, *, ref=None, ref2=None, title=None, title_cy=None, name=None, at=None, on=None, flag=None, number=None):
    """The labelled columns of one branch: literal ``kind`` and ``section``, the rest as given
    (column expressions) or typed NULLs."""
    assert _NAME.match(kind) and _NAME.match(section), (kind, section)
    given = {"kind": cast(literal_column(f"'{kind}'"), String(30)), "section": cast(literal_column(f"'{section}'"), String(60)),
             "ref": ref, "ref2": ref2,
             "title": title, "title_cy": title_cy, "name": name, "at": at, "on": on, "flag": flag,
             "number": cast(literal_column("1"), Integer()) if number is None else number}
    return [(cast(given[column], type_) if given[column] is not None and column in ("title", "title_cy", "name") else
             given[column] if given[column] is not None else cast(null(), type_)).label(column)
            for column, type_ in COLUMNS]


def summary(kind, section, statement):
    """One row standing for as many things as ``statement`` (a SELECT of them) finds, when it
    finds any: a queue is one line on the home page, however long it is."""
    found = select(func.count().label("number")).select_from(statement.subquery()).subquery()
    return select(*columns(kind, section, number=found.c.number)).where(found.c.number > 0)


def source(statements, describers):
    """Register an area's ``statements(person, now)`` and its ``{kind: describe(row)}``."""
    _SOURCES.append(statements)
    _DESCRIBE.update(describers)


def statement(person, now=None):
    """Every area's rows for ``person`` as one UNION ALL, or None when none can be waiting."""
    now = now or utcnow()
    branches = [branch for statements in _SOURCES for branch in statements(person, now)]
    if not branches:
        return None
    return union_all(*branches) if len(branches) > 1 else branches[0]


def _moment(due):
    if isinstance(due, datetime):
        return due
    if isinstance(due, date):
        return datetime.combine(due, time(23, 59), tzinfo=UTC)
    return datetime.max.replace(tzinfo=UTC)


def items(person):
    """What is waiting for ``person``, most urgent first (overdue, then by when it is due,
    then what has no date), asked once a request."""
    def load():
        union = statement(person)
        if union is None:
            return []
        found = [replace(item, section=row.section, number=row.number)
                 for row in db.session.execute(union) if (item := _DESCRIBE[row.kind](row)) is not None]
        found.sort(key=lambda item: (not item.overdue, _moment(item.due), item.title))
        return found
    if not getattr(person, "is_authenticated", False):
        return []
    return per_request(("waiting items", person.id), load)


def counts(person):
    """``{navigation endpoint: how many things wait there}`` for ``person``, in one query (none
    more when the home page has gathered the items already)."""
    if not getattr(person, "is_authenticated", False):
        return {}
    return per_request(("waiting counts", person.id), lambda: _counts(person))


def _counts(person):
    gathered = g.__dict__.get("_loaded", {}).get(("waiting items", person.id))
    if gathered is not None:
        totals = {}
        for item in gathered:
            totals[item.section] = totals.get(item.section, 0) + item.number
        return {section: number for section, number in totals.items() if number}
    union = statement(person)
    if union is None:
        return {}
    rows = union.subquery()
    return {section: int(number) for section, number in db.session.execute(
        select(rows.c.section, func.sum(rows.c.number)).group_by(rows.c.section)) if number}

