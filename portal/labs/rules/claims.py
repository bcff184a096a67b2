"""Claims against a lab's award, and their payment by the secretariat."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, update

from ... import audit
from ...extensions import db
from ...membership.rules.dates import today
from ..models import AwardPayment, Lab
from .proposals import Refused


def claim(lab, *, amount_pence, claimed_on, reference, by):
    """Record a claim against ``lab``'s award in one conditional update: claims made at once
    can never add up to more than the award."""
    if claimed_on > today():
        raise Refused(_l("The date must be today or in the past"), field="claimed_on")
    taken = db.session.execute(
        update(Lab)
        .where(Lab.id == lab.id, Lab.claimed_pence + amount_pence <= func.coalesce(Lab.award_pence, 0))
        .values(claimed_pence=Lab.claimed_pence + amount_pence)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not taken:
        raise Refused(_l("Claims cannot add up to more than the award"), field="amount")
    db.session.refresh(lab)
    payment = AwardPayment(lab_id=lab.id, amount_pence=amount_pence, claimed_on=claimed_on, reference=reference or "",
                           recorded_by_id=by.id)
    db.session.add(payment)
    db.session.flush()
    audit.record("lab.award_claimed", lab, actor=by, detail={"amount_pence": amount_pence})
    return payment


def mark_paid(payment, *, by):
    """Mark a claim paid today, once however many ask at once; False if it was already paid."""
    paid = db.session.execute(
        update(AwardPayment)
        .where(AwardPayment.id == payment.id, AwardPayment.paid_on.is_(None))
        .values(paid_on=today())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not paid:
        return False
    db.session.refresh(payment)
    audit.record("lab.award_paid", payment, actor=by, detail={"lab_id": payment.lab_id, "amount_pence": payment.amount_pence})
    return True
