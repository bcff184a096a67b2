"""Shared fields read what a person types, and only that."""

import pytest
from werkzeug.datastructures import MultiDict

from portal.core.forms import Form, PoundsField


class AmountForm(Form):
    amount = PoundsField("Amount")


@pytest.mark.parametrize("typed, pence", [("150", 15000), ("£1,250.50", 125050), ("1 250", 125000), ("1,250,000", 125000000)])
def test_amounts_in_pounds_are_read_as_pence(app, typed, pence):
    with app.test_request_context():
        form = AmountForm(formdata=MultiDict({"amount": typed}), meta={"csrf": False})
        assert form.validate() and form.amount.data == pence


@pytest.mark.parametrize("typed", ["１０", "٣", "1,2,3", "12,34", "1250.505", "1e3", "-5"])
def test_amounts_in_other_scripts_digits_or_with_stray_commas_are_refused(app, typed):
    with app.test_request_context():
        form = AmountForm(formdata=MultiDict({"amount": typed}), meta={"csrf": False})
        assert not form.validate() and form.amount.errors == ["Enter an amount in pounds, like 150 or 150.50"]
