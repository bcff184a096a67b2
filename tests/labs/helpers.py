from sqlalchemy import select

from portal.extensions import db
from portal.labs.models import FundingRound, Lab, Partnership


def lab(title):
    return db.session.scalar(select(Lab).where(Lab.title.like(f"{title}%")))


def open_round():
    return db.session.scalar(select(FundingRound).where(FundingRound.title.like("%2026–27")))


def partnership(lab_, member_name):
    from portal.membership.models import Member

    return db.session.scalar(select(Partnership).join(Member).where(Partnership.lab_id == lab_.id, Member.name == member_name))
