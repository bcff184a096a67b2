"""Fields of the invoicing forms: the network's details, a member's billing details, purchase
orders, and credit on a member's account."""

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from ..auth.forms import email_field
from ..core import widgets
from ..core.forms import Form, NoControlCharacters, PoundsField
from .forms import PaymentForm, RaiseForm, new_key, text


def address_field(label, description=None, required=None):
    validators = [InputRequired(required)] if required else [Optional()]
    return TextAreaField(label, description=description, widget=widgets.TextArea(), validators=validators + [
        Length(max=500, message=_l("This must be %(count)d characters or fewer", count=500)), NoControlCharacters()])


def purchase_order_field(label=None, description=None):
    field = text(label or _l("Purchase order number"), max_length=60, description=description)
    field.kwargs["render_kw"] = {"spellcheck": "false", "autocomplete": "off"}
    return field


class Digits:
    """A number of exactly ``count`` digits, typed with or without spaces and dashes."""

    def __init__(self, count, message):
        self.count, self.message = count, message

    def __call__(self, form, field):
        digits = re.sub(r"[\s-]", "", field.data or "")
        if not re.fullmatch(rf"\d{{{self.count}}}", digits):
            raise ValidationError(self.message)
        field.data = digits


class VatNumber:
    def __call__(self, form, field):
        number = re.sub(r"\s", "", field.data or "").upper()
        if number and not re.fullmatch(r"GB(\d{9}|\d{12})", number):
            raise ValidationError(_l("Enter a VAT registration number like GB123456789"))
        field.data = number or None


def checked(field, validator):
    field.kwargs["validators"].append(validator)
    return field


class InvoicingDetailsForm(Form):
    legal_name = text(_l("Legal name"), max_length=200, required=_l("Enter the network's legal name"),
                      description=_l("As registered: the name councils set up as a supplier."))
    address = address_field(_l("Address"), _l("The registered or postal address, as it should appear on invoices."),
                            required=_l("Enter the network's address"))
    vat_number = checked(text(_l("VAT registration number (if registered)"), max_length=20), VatNumber())
    bank_name = text(_l("Bank"), max_length=100, required=_l("Enter the name of the bank"))
    sort_code = checked(text(_l("Sort code"), max_length=8, required=_l("Enter the sort code"), description=_l("6 digits, like 08-92-99")),
                        Digits(6, _l("Enter a sort code of 6 digits, like 08-92-99")))
    account_number = checked(text(_l("Account number"), max_length=10, required=_l("Enter the account number"),
                                  description=_l("8 digits")), Digits(8, _l("Enter an account number of 8 digits")))
    payment_terms_days = IntegerField(
        _l("Payment terms, in days"), description=_l("How long after the invoice date it is due, for example 30."),
        validators=[InputRequired(_l("Enter the payment terms in days")),
                    NumberRange(min=1, max=120, message=_l("Enter a number of days from 1 to 120"))],
        widget=widgets.TextInput())
    remittance_email = email_field(_l("Email address for remittance advice"))


class BillingForm(Form):
    address = address_field(_l("Billing address"), _l("Where invoices should be addressed, as your finance team needs it."))
    po_required = BooleanField(_l("Our finance team needs a purchase order number on every invoice"), widget=widgets.CheckboxInput())
    purchase_order = purchase_order_field(
        _l("Standing purchase order number (optional)"),
        _l("Put on each new invoice. You can also give a number for one invoice on its page."))


class PurchaseOrderForm(Form):
    purchase_order = purchase_order_field()


class UseCreditForm(Form):
    key = HiddenField(default=new_key)
    amount = PoundsField(_l("Amount to use"), minimum_pence=1,
                         description=_l("Leave empty to use as much as the credit and the invoice allow."),
                         widget=widgets.TextInput())

    validate_key = PaymentForm.validate_key


class RefundForm(Form):
    key = HiddenField(default=new_key)
    amount = PoundsField(_l("Amount refunded"), minimum_pence=1, description=_l("Leave empty to refund all the credit."),
                         widget=widgets.TextInput())
    reason = text(_l("Reason"), max_length=500, required=_l("Enter the reason for the refund"))

    validate_key = PaymentForm.validate_key


def raise_form(asking):
    """The form that raises a year's subscriptions, with a purchase-order field for each member
    in ``asking`` (field name -> member)."""

    class RaiseWithPurchaseOrders(RaiseForm):
        pass

    for field, member in asking.items():
        setattr(RaiseWithPurchaseOrders, field, purchase_order_field(
            _l("Purchase order number for %(member)s", member=member.name),
            _l("Its finance team needs one on the invoice. Leave it empty if it has not given one yet: the invoice is flagged.")))
    return RaiseWithPurchaseOrders
