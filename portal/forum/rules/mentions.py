"""@mentions: "@Jo Evans" in a post names a person, matched on their full name."""

import re

from sqlalchemy import func, or_, select

from ...auth.models import Person
from ...core.search import contains
from ...extensions import db

MENTION = re.compile(r"(?<![\w@])@(\w[\w'’.-]*(?:[ \t]+\w[\w'’.-]*){0,3})")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.M | re.S)
MOST = 20  # names looked at in one post


def _own_words(text):
    """The post without quoted lines and code, where a name is not the writer's mention."""
    text = FENCE.sub("", text or "")
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">") and not line.startswith("    "))


def mentioned(text):
    """The people named with @ in ``text`` (not in quotes or code), each once; names two people share are skipped."""
    candidates = [match.group(1).split() for match in MENTION.finditer(_own_words(text))][:MOST]
    if not candidates:
        return []
    firsts = {words[0].lower().rstrip(".,'’") for words in candidates}
    pattern = [func.lower(Person.name).like(contains(first)[1:], escape="\\") for first in firsts]
    people = db.session.scalars(select(Person).where(Person.deactivated_at.is_(None), or_(*pattern)).limit(500)).all()
    by_name = {}
    for person in people:
        by_name.setdefault(person.name.lower(), []).append(person)
    found = {}
    for words in candidates:
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).lower().rstrip(".,'’")
            if len(by_name.get(name, ())) == 1:
                person = by_name[name][0]
                found.setdefault(person.id, person)
                break
    return list(found.values())
