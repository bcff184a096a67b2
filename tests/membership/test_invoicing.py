"""An invoice a council's finance team can pay: the network's details, billing addresses,
purchase orders, and the PDF, on the page, in the download and in the email."""

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.mail.rules import make_attachments
from portal.membership.models import InvoicingDetails
from portal.membership.rules import money
from portal.membership.rules.dates import membership_year

from ..conftest import outbox, person
from .documents import pdf_text
from .helpers import invoice_of, member
from .test_money import _error_of

DETAILS = {
    "legal_name": "Co-operative Councils Network CIC",
    "address": "1 Mill Street\nRochdale\nOL16 1AA",
    "vat_number": "GB 123 4567 89",
    "bank_name": "Triodos Bank",
    "sort_code": "16-58-10",
    "account_number": "2003 4567",
    "payment_terms_days": "14",
    "remittance_email": "accounts@ccin.example.org",
}


def _actions(action):
    return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action)).all()


def test_the_secretariat_sets_the_invoicing_details_and_every_invoice_shows_them(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    assert secretariat.post("/secretariat/invoicing", data=DETAILS).status_code == 302
    saved = db.session.get(InvoicingDetails, 1)
    assert (saved.sort_code, saved.account_number, saved.vat_number) == ("165810", "20034567", "GB123456789")
    assert "bank_name" in _actions("invoicing.details_changed")[-1].detail["fields"]
    page = secretariat.get(f"/invoices/{invoice_of('Kirklees Council').id}").get_data(as_text=True)
    for shown in ("Co-operative Councils Network CIC", "1 Mill Street<br>Rochdale<br>OL16 1AA", "VAT registration number: GB123456789",
                  "Triodos Bank", "16-58-10", "20034567", "within 14 days", "Send remittance advice to accounts@ccin.example.org"):
        assert shown in page, shown
    assert "Ask the secretariat for bank details" not in page


def test_an_invoice_raised_after_a_change_of_terms_is_due_by_the_new_terms(sign_in_as):
    sign_in_as("secretariat@example.org").post("/secretariat/invoicing", data=DETAILS)
    invoice = money.raise_subscription(member("Oxford City Council"), membership_year() + 1).invoices[0]
    assert (invoice.due_on - invoice.issued_on).days == 14


def test_bad_invoicing_details_are_explained_next_to_each_field_and_change_nothing(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    before = db.session.get(InvoicingDetails, 1).bank_name
    bad = {**DETAILS, "vat_number": "123", "sort_code": "1234567", "account_number": "ABCDEFGH", "payment_terms_days": "0",
           "legal_name": "", "remittance_email": "accounts"}
    page = secretariat.post("/secretariat/invoicing", data=bad).get_data(as_text=True)
    for field, message in {
        "vat_number": "Enter a VAT registration number like GB123456789",
        "sort_code": "Enter a sort code of 6 digits, like 08-92-99",
        "account_number": "Enter an account number of 8 digits",
        "payment_terms_days": "Enter a number of days from 1 to 120",
        "legal_name": "Enter the network's legal name",
        "remittance_email": "Enter an email address in the correct format",
    }.items():
        assert (_error_of(field, page) or "").startswith(message), field
    assert db.session.get(InvoicingDetails, 1).bank_name == before
    person("secretariat@example.org").locale = "cy"
    db.session.commit()
    assert "Rhowch god didoli o 6 digid" in secretariat.post("/secretariat/invoicing", data=bad).get_data(as_text=True)


def test_the_invoice_pdf_holds_the_bank_details_the_purchase_order_and_the_totals(sign_in_as):
    invoice = invoice_of("Plymouth City Council")  # part-paid, with a standing PO
    response = sign_in_as("rep@plymouth.example.org").get(f"/invoices/{invoice.id}/pdf")
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{invoice.number}.pdf"'
    text = pdf_text(response.data)
    for shown in (f"Invoice {invoice.number}", "Unity Trust Bank", "Sort code 60-83-01", "Account number 20385746",
                  "Purchase order PO-4500123456", "Total £750.00", "−£375.00", "Amount due £375.00", "Ballard House, West Hoe Road",
                  "Not registered for VAT", "Send remittance advice to finance@example.org"):
        assert shown in text, shown


def test_the_pdf_is_drawn_in_the_readers_language(sign_in_as):
    invoice = invoice_of("Cardiff Council")
    text = pdf_text(sign_in_as("cynrychiolydd@cardiff.example.org").get(f"/invoices/{invoice.id}/pdf").data)
    assert f"Anfoneb {invoice.number}" in text and "Rhif y cyfrif 20385746" in text
    assert "Neuadd y Sir" in text


def test_another_members_admin_cannot_download_the_pdf(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    assert oxford.get(f"/invoices/{invoice_of('Plymouth City Council').id}/pdf").status_code == 403


def test_the_invoice_email_carries_the_invoice_as_a_pdf(app):
    invoice = money.raise_subscription(member("Cardiff Council"), membership_year() + 1).invoices[0]
    message = outbox("invoice_raised", "cynrychiolydd@cardiff.example.org")[-1]
    assert [(a.filename, a.mimetype) for a in message.attachments] == [(f"{invoice.number}.pdf", "application/pdf")]
    make_attachments(message)  # as delivery does
    text = pdf_text(message.attachments[0].content)
    assert f"Anfoneb {invoice.number}" in text  # in the recipient's language, as the email is
    assert "Unity Trust Bank" in text and "£3,500.00" in text
    assert "atodi" in message.body  # the email says the PDF is attached


def test_a_credit_note_has_a_page_and_a_pdf_and_is_emailed_with_it(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    invoice = invoice_of("Kirklees Council")
    secretariat.post(f"/invoices/{invoice.id}/adjustments/new",
                     data={"key": "cn-1", "kind": "credit_note", "amount": "500", "reason": "Billed at the wrong band"})
    note = invoice_of("Kirklees Council").adjustments[0]
    page = secretariat.get(f"/invoices/credit-notes/{note.id}").get_data(as_text=True)
    assert f"Credit note {note.number}" in page and "Billed at the wrong band" in page and "Unity Trust Bank" not in page
    assert f"/invoices/credit-notes/{note.id}" in secretariat.get(f"/invoices/{invoice.id}").get_data(as_text=True)
    text = pdf_text(secretariat.get(f"/invoices/credit-notes/{note.id}/pdf").data)
    assert f"Credit note {note.number}" in text and f"Against invoice {invoice.number}" in text and "Total credited £500.00" in text
    message = outbox("credit_note_issued", "rep@kirklees.example.org")[-1]
    assert note.number in message.body and "£3,000.00 is now outstanding" in message.body
    make_attachments(message)
    assert pdf_text(message.attachments[0].content) == text
    kirklees = sign_in_as("rep@kirklees.example.org")
    assert kirklees.get(f"/invoices/credit-notes/{note.id}").status_code == 200
    assert sign_in_as("rep@oxford.example.org").get(f"/invoices/credit-notes/{note.id}/pdf").status_code == 403


def test_a_member_admin_keeps_the_billing_address_and_whether_a_po_is_needed(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    oxford_id = member("Oxford City Council").id
    response = oxford.post(f"/members/{oxford_id}/billing", data={
        "address": "Finance\nSt Aldate's Chambers\nOxford OX1 1DS", "po_required": "y", "purchase_order": "OCC-778812"})
    assert response.status_code == 302
    billing = member("Oxford City Council").billing
    assert (billing.po_required, billing.purchase_order) == (True, "OCC-778812")
    assert _actions("member.billing_changed")[-1].detail["fields"] == ["address", "po_required", "purchase_order"]
    account = oxford.get(f"/members/{oxford_id}/account").get_data(as_text=True)
    assert "St Aldate&#39;s Chambers" in account and "standing number OCC-778812" in account
    invoice = money.raise_subscription(member("Oxford City Council"), membership_year() + 1).invoices[0]
    assert invoice.purchase_order == "OCC-778812"  # the standing number goes on each new invoice
    assert "St Aldate&#39;s Chambers" in oxford.get(f"/invoices/{invoice.id}").get_data(as_text=True)
    assert sign_in_as("rep@stevenage.example.org").get(f"/members/{oxford_id}/billing").status_code == 403


def test_an_invoice_without_a_required_po_is_flagged_until_the_member_admin_adds_one(sign_in_as):
    invoice = invoice_of("Sunderland City Council")  # its finance team needs a PO; none given
    sunderland = sign_in_as("rep@sunderland.example.org")
    page = sunderland.get(f"/invoices/{invoice.id}").get_data(as_text=True)
    assert "needs a purchase order number on its invoices, and this invoice has none" in page
    account = sunderland.get(f"/members/{invoice.member_id}/account").get_data(as_text=True)
    assert "Purchase order needed" in account
    assert "a purchase order number" in outbox("invoice_raised", "rep@sunderland.example.org")[-1].body
    bad = sunderland.post(f"/invoices/{invoice.id}/purchase-order", data={"purchase_order": "x" * 61})
    assert "60 characters or fewer" in bad.get_data(as_text=True) and invoice_of("Sunderland City Council").purchase_order is None
    assert sunderland.post(f"/invoices/{invoice.id}/purchase-order", data={"purchase_order": "SCC/PO/20931"}).status_code == 302
    assert "Purchase order needed" not in sunderland.get(f"/members/{invoice.member_id}/account").get_data(as_text=True)
    assert "Purchase order SCC/PO/20931" in pdf_text(sunderland.get(f"/invoices/{invoice.id}/pdf").data)
    change = _actions("invoice.purchase_order_changed")[-1].detail
    assert (change["before"], change["after"]) == (None, "SCC/PO/20931")


def test_a_paid_invoices_purchase_order_is_left_to_the_secretariat(sign_in_as):
    invoice = invoice_of("Oxford City Council")  # paid
    assert sign_in_as("rep@oxford.example.org").post(
        f"/invoices/{invoice.id}/purchase-order", data={"purchase_order": "LATE-1"}).status_code == 403
    assert sign_in_as("secretariat@example.org").post(
        f"/invoices/{invoice.id}/purchase-order", data={"purchase_order": "LATE-1"}).status_code == 302
    assert invoice_of("Oxford City Council").purchase_order == "LATE-1"


def test_raising_a_year_asks_the_secretariat_for_the_purchase_orders_members_need(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    year = membership_year() + 1
    plymouth, sunderland = member("Plymouth City Council"), member("Sunderland City Council")
    page = secretariat.get(f"/secretariat/subscriptions/raise?year={year}").get_data(as_text=True)
    assert f'value="{year}"' in page
    assert "Purchase order number for Plymouth City Council" in page and "Purchase order number for Sunderland City Council" in page
    assert f'name="po_{plymouth.id}" type="text" value="PO-4500123456"' in page  # its standing number, to confirm
    assert "Purchase order number for Oxford City Council" not in page
    response = secretariat.post("/secretariat/subscriptions/raise", data={
        "year": str(year), f"po_{plymouth.id}": "PO-4500999999", f"po_{sunderland.id}": ""})
    assert response.status_code == 302
    assert invoice_of("Plymouth City Council").purchase_order == "PO-4500999999"
    flagged = invoice_of("Sunderland City Council")
    assert flagged.year == year and flagged.lacks_purchase_order(sunderland.billing)
    assert not invoice_of("Oxford City Council").lacks_purchase_order(member("Oxford City Council").billing)


def test_a_purchase_order_too_long_when_raising_is_refused_and_raises_nothing(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    year = membership_year() + 1
    page = secretariat.post("/secretariat/subscriptions/raise", data={
        "year": str(year), f"po_{member('Plymouth City Council').id}": "P" * 61}).get_data(as_text=True)
    assert "60 characters or fewer" in page
    assert invoice_of("Plymouth City Council").year == membership_year()
