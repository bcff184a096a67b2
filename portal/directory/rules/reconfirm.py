"""The directory's legacy plan: entries not confirmed for 12 months ask their contact to
confirm them; after 18 months they leave the public map (rules/access.py), and are kept.

``flask portal directory reconfirm`` runs this from cron. An entry's contact is asked once
for each confirmation date: the ask is claimed by one conditional UPDATE, so two runs at
once send one email, and a second run sends none.
"""

from dataclasses import dataclass

from sqlalchemy import func, or_, select, update

from ...extensions import db
from ...membership.rules.dates import today
from ..models import Entry
from .access import off_map_since, unconfirmed_since
from .entries import send_link


@dataclass
class Outcome:
    asked: int = 0
    no_contact: int = 0
    off_map: int = 0


def _due(day):
    return (
        (Entry.state == "live")
        & (Entry.last_confirmed_on <= unconfirmed_since(day))
        & or_(Entry.reconfirm_asked_on.is_(None), Entry.reconfirm_asked_on < Entry.last_confirmed_on)
    )


def run(day=None):
    """Ask every unconfirmed entry's contact to confirm; commits each ask with its email."""
    day = day or today()
    outcome = Outcome()
    ids = db.session.scalars(select(Entry.id).where(_due(day)).order_by(Entry.id)).all()
    for entry_id in ids:
        claimed = db.session.execute(
            update(Entry).where(Entry.id == entry_id, _due(day)).values(reconfirm_asked_on=day)
            .execution_options(synchronize_session=False)
        ).rowcount
        if claimed != 1:
            db.session.rollback()
            continue
        entry = db.session.get(Entry, entry_id)
        if send_link(entry, reason="reconfirm"):
            outcome.asked += 1
        else:
            outcome.no_contact += 1
        db.session.commit()
    outcome.off_map = db.session.scalar(
        select(func.count(Entry.id)).where(Entry.state == "live", Entry.last_confirmed_on <= off_map_since(day))
    )
    return outcome
