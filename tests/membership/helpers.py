from sqlalchemy import select

from portal.extensions import db
from portal.membership.models import Invoice, Member, Tier


def member(name):
    return db.session.scalar(select(Member).where(Member.name == name))


def tier(name):
    return db.session.scalar(select(Tier).where(Tier.name_en == name))


def invoice_of(name):
    return db.session.scalar(select(Invoice).join(Member).where(Member.name == name).order_by(Invoice.id.desc()))
