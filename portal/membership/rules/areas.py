"""The local authority areas of member councils, for other parts of the portal to route work by
place (the directory's moderation): a council's area is known by its ONS code, which the
council's registration number holds."""

import re

from sqlalchemy import select

from ...core.cache import per_request
from ...extensions import db
from ..models import Member
from ..models.members import GOOD_STANDING

ONS_CODE = re.compile(r"^[EWSN]\d{8}$")


def council_areas():
    """``{code: name}`` for every council in good standing, by name."""

    def load():
        rows = db.session.execute(
            select(Member.registration_number, Member.local_authority_area, Member.name)
            .where(Member.kind == "council", Member.status.in_(GOOD_STANDING), Member.registration_number.is_not(None))
            .order_by(Member.name)
        )
        return {code: area or name for code, area, name in rows if ONS_CODE.match(code)}

    return per_request("council areas", load)


def area_of(member_id):
    """The ONS code of the area of the council ``member_id``, if it is a council in good standing."""
    if member_id is None:
        return None

    def load():
        member = db.session.get(Member, member_id)
        if member is None or member.kind != "council" or member.status not in GOOD_STANDING:
            return None
        code = member.registration_number or ""
        return code if ONS_CODE.match(code) else None

    return per_request(("council area", member_id), load)


def councils_for(code):
    """The ids of the councils in good standing whose area is ``code``."""
    return list(db.session.scalars(
        select(Member.id).where(Member.kind == "council", Member.status.in_(GOOD_STANDING), Member.registration_number == code)
    ))
