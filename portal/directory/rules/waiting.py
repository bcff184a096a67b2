"""What waits for a person in the directory: for those who moderate an area (its member
council's people, and the secretariat), the submissions waiting in it, as their queue shows."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ...core import waiting
from ..models import Submission
from . import access


def statements(person, now):
    if not access.is_moderator(person):
        return []
    pending = select(Submission.id).where(access.moderated_by(person, Submission.area_code), Submission.state == "pending")
    return [waiting.summary("directory.submissions", "directory.index", pending)]


def _submissions(row):
    return waiting.Item("directory.submissions", _("Directory submissions to check: %(count)d", count=row.number),
                        url_for("directory_moderation.queue"))


waiting.source(statements, {"directory.submissions": _submissions})
