"""Recording a change of money from a form: once, or refused with the reason next to the field."""

from flask import flash, redirect
from flask_babel import gettext as _

from ...extensions import db
from ...i18n import format_money
from ..rules import money


def record_money(form, change, *, success, back, member, outstanding=None):
    """Make ``change`` and answer with a redirect to ``back``; None (and the field's error) if it
    is refused. A form sent again is told it was already recorded."""
    try:
        change()
    except money.AlreadyRecorded:
        db.session.rollback()
        flash(_("This was already recorded."), "success")
        return redirect(back)
    except money.PaymentRefused:
        db.session.rollback()
        form.amount.errors.append(_("This is more than the %(amount)s outstanding on the invoice", amount=format_money(outstanding())))
        return None
    except money.CreditRefused:
        db.session.rollback()
        held = format_money(member.billing.credit_pence if member.billing else 0)
        form.amount.errors.append(_("This is more than the %(amount)s of credit the member holds", amount=held))
        return None
    except money.PaymentDateRefused as refused:
        db.session.rollback()
        form.received_on.errors.append(str(refused.message))
        return None
    db.session.commit()
    flash(success, "success")
    return redirect(back)
