"""Route rules for the directory, built on the one place that decides (rules/access.py)."""

from sqlalchemy.orm import selectinload

from ..auth.access import SECRETARIAT, Rule
from ..core.cache import per_request
from ..extensions import db
from .models import Entry, Submission
from .rules import access


def entry_of(values):
    return per_request(("directory entry", values.get("entry_id")),
                       lambda: db.session.get(Entry, values.get("entry_id"), options=[selectinload(Entry.sector_rows)]))


def submission_of(values):
    return per_request(("directory submission", values.get("submission_id")),
                       lambda: db.session.get(Submission, values.get("submission_id")))


def _sees_entry(person, values):
    entry = entry_of(values)
    return entry is None or entry.state == "live" or access.may_moderate(person, entry.area_code)


def _edits_entry(person, values):
    entry = entry_of(values)
    return entry is None or access.may_moderate(person, entry.area_code)


def _decides(person, values):
    submission = submission_of(values)
    return submission is None or access.may_moderate(person, submission.area_code)


SEE_ENTRY = Rule("anyone for a live entry; its area's moderators for a withdrawn one", _sees_entry, needs_sign_in=False)
MODERATE = Rule("the secretariat, or the people of a member council", lambda person, values: access.is_moderator(person))
EDIT_ENTRY = Rule("the secretariat, or the people of the member council for the entry's area", _edits_entry)
DECIDE = Rule("the secretariat, or the people of the member council for the submission's area", _decides)
IMPORT = SECRETARIAT
