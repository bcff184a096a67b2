"""Who may do what with a member, its people and its money."""

from sqlalchemy import select

from ..auth.access import Rule, SECRETARIAT
from ..extensions import db
from .models import Adjustment, Invoice


def _admin_of(person, member_id):
    return person.is_member_admin and person.member_id == member_id and person.member is not None


def _manages_member(person, values):
    return person.is_secretariat or _admin_of(person, values.get("member_id"))


def _sees_invoice(person, values):
    if person.is_secretariat:
        return True
    invoice = db.session.get(Invoice, values.get("invoice_id"))
    return invoice is not None and _admin_of(person, invoice.member_id)


def _sees_credit_note(person, values):
    if person.is_secretariat:
        return True
    member_id = db.session.scalar(select(Invoice.member_id).join(Adjustment).where(Adjustment.id == values.get("adjustment_id")))
    return member_id is not None and _admin_of(person, member_id)


def _adds_purchase_order(person, values):
    if person.is_secretariat:
        return True
    invoice = db.session.get(Invoice, values.get("invoice_id"))
    return invoice is not None and not invoice.settled and _admin_of(person, invoice.member_id)


def _acts_for_a_member(person, values):
    return person.member_id is not None


# The member's own admins, or the secretariat.
MANAGE_MEMBER = Rule("member admin of the member, or secretariat", _manages_member)
SEE_INVOICE = Rule("member admin of the invoice's member, or secretariat", _sees_invoice)
SEE_CREDIT_NOTE = Rule("member admin of the credited invoice's member, or secretariat", _sees_credit_note)
# A paid invoice's purchase order is the secretariat's to correct.
ADD_PURCHASE_ORDER = Rule("member admin of the unpaid invoice's member, or secretariat", _adds_purchase_order)
# Contact details in the directory are for people of member organisations.
MEMBER_PEOPLE = Rule("person acting for a member", _acts_for_a_member) | SECRETARIAT


def sees_contacts(person):
    return MEMBER_PEOPLE.allows(person)
