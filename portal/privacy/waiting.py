"""What waits for the secretariat in people's rights: erasure requests to decide."""

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..core import waiting
from .models import ErasureRequest


def statements(person, now):
    if not person.is_secretariat:
        return []
    pending = select(ErasureRequest.id).where(ErasureRequest.status == "pending")
    return [waiting.summary("privacy.erasure", "people.index", pending)]


def _erasure(row):
    return waiting.Item("privacy.erasure", _("Requests to erase an account: %(count)d", count=row.number),
                        url_for("privacy.requests"))


waiting.source(statements, {"privacy.erasure": _erasure})
