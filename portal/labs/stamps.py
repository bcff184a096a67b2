"""Each lab's page stamp, renewed whenever what the lab's public page shows changes.

The public page of a lab is read by anyone and changes seldom, so each worker keeps the
drawn part that is the same for every reader under the lab's stamp (see views/public.py).
Every flush that adds, changes or removes a lab, its phases, partners, progress updates,
outputs in the toolkit or case studies gives the lab a new stamp (a thing moved from one
lab to another renews both); renaming an organisation renews every lab's, as the page names
the lead and the partners. The stamp is random (``new_stamp``), never counted.
"""

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from ..db import flushed, renamed, renew_stamps
from ..membership.models import Member
from .models import CaseStudy, Lab, LabPhase, Partnership, ProgressUpdate, Resource

_BY_LAB = (LabPhase, Partnership, ProgressUpdate, Resource, CaseStudy)


def _changed(session):
    """(lab ids, whether an organisation's name changed) for this flush."""
    labs, names = set(), False
    for thing in flushed(session):
        if isinstance(thing, Lab):
            labs.add(thing.id)
        elif isinstance(thing, _BY_LAB):
            # Their lab_id keeps its earlier value when set (active_history), so a thing
            # moved from one lab to another renews the page it left.
            history = inspect(thing).attrs.lab_id.history
            labs.update(history.deleted or ())
            labs.add(thing.lab_id)
        elif isinstance(thing, Member) and renamed(session, thing):
            names = True
    return labs - {None}, names


def _renew(session, _flush_context):
    labs, names = _changed(session)
    if not (labs or names):
        return
    table = Lab.__table__
    renew_stamps(session, table.c.page_stamp, None if names else table.c.id.in_(labs))


def connect():
    if not event.contains(Session, "after_flush", _renew):
        event.listen(Session, "after_flush", _renew)
