"""Invoices and credit notes as documents a finance team can file: what each shows, and its
PDF, drawn by WeasyPrint from the same parts as the page."""

from flask import render_template

from ... import mail
from ...extensions import db
from ..models import Adjustment, Invoice
from .billing import invoicing_details
from .dates import year_label, year_start

PDF = "application/pdf"


def invoice_document(invoice):
    """All an invoice shows: the network as supplier, the member's billing details, the lines."""
    start, months = year_start(invoice.year), invoice.subscription.months_charged or 12
    month = start.month - 1 + 12 - months
    return {"invoice": invoice, "details": invoicing_details(), "billing": invoice.member.billing,
            "year_label": year_label(invoice.year), "charged_from": start.replace(year=start.year + month // 12, month=month % 12 + 1)}


def credit_note_document(adjustment):
    """All a credit note (or waiver) shows: the invoice's parties and what it takes off."""
    return {**invoice_document(adjustment.invoice), "adjustment": adjustment}


def invoice_pdf(invoice):
    """The invoice as a PDF, in the language in force."""
    return pdf_from_html(render_template("membership/invoice_print.html", **invoice_document(invoice)))


def credit_note_pdf(adjustment):
    """The credit note (or waiver) as a PDF, in the language in force."""
    return pdf_from_html(render_template("membership/credit_note_print.html", **credit_note_document(adjustment)))


def pdf_filename(document):
    return f"{document.number}.pdf"


def invoice_attachment(invoice):
    """The invoice's PDF to send with an email, drawn when the email is delivered."""
    return pdf_filename(invoice), PDF, mail.Later("invoice_pdf", invoice.id)


def credit_note_attachment(adjustment):
    """The credit note's PDF to send with an email, drawn when the email is delivered."""
    return pdf_filename(adjustment), PDF, mail.Later("credit_note_pdf", adjustment.id)


@mail.makes_attachments("invoice_pdf")
def _invoice_pdf_of(invoice_id):
    return invoice_pdf(db.session.get(Invoice, invoice_id))


@mail.makes_attachments("credit_note_pdf")
def _credit_note_pdf_of(adjustment_id):
    return credit_note_pdf(db.session.get(Adjustment, adjustment_id))


def pdf_from_html(html):
    """HTML (with its styles inline) as PDF bytes. Nothing is fetched: a document that names
    another file (an image, a style sheet) is drawn without it."""
    from weasyprint import HTML  # costly to import; only documents need it

    return HTML(string=html, url_fetcher=_fetch_nothing).write_pdf()


def _fetch_nothing(url, *args, **kwargs):
    raise ValueError(f"documents fetch nothing: {url}")

