"""Reading invoices and credit notes as their readers get them: the PDF's words."""

import io

from pypdf import PdfReader


def pdf_text(content):
    """All the words of a PDF, as one string with single spaces; fails unless it is a PDF."""
    assert content[:5] == b"%PDF-", content[:20]
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
