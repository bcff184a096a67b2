"""Toolkit resources: links, or documents checked by their content and kept outside the web root."""

import io
import secrets
import zipfile
from pathlib import Path

from flask import current_app
from flask_babel import lazy_gettext as _l

from ... import audit
from ...extensions import db
from ..models import Resource
from .proposals import Refused

MAX_BYTES = 10 * 1024 * 1024


def upload_folder():
    folder = Path(current_app.config.get("UPLOAD_FOLDER") or Path(current_app.instance_path) / "uploads")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def document_kind(data):
    """'pdf', 'docx' or 'odt' by what the bytes are, whatever the file is called; else None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if not data.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and archive.read("mimetype").strip() == b"application/vnd.oasis.opendocument.text":
                return "odt"
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return "docx"
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    return None


def check_upload(filename, data):
    """The kind of an uploaded document, refusing what is too large or not what its name says."""
    if len(data) > MAX_BYTES:
        raise Refused(_l("The file must be 10 MB or smaller"))
    kind = document_kind(data)
    if kind is None:
        raise Refused(_l("The file must be a PDF, a Word document (.docx) or an OpenDocument text (.odt)"))
    suffix = Path(filename or "").suffix.lower().lstrip(".")
    if suffix != kind:
        raise Refused(_l("The file's name says .%(suffix)s but it is a .%(kind)s file", suffix=suffix or "?", kind=kind))
    return kind


def add_resource(*, by, title, description, url=None, upload=None, lab=None, values=(), themes=()):
    """Publish a resource to the toolkit; ``upload`` is (file name, bytes), checked first."""
    resource = Resource(title=title, description=description, url=url or None, lab=lab,
                        values=list(values), themes=list(themes), created_by_id=getattr(by, "id", None))
    if upload is not None:
        filename, data = upload
        resource.file_kind = check_upload(filename, data)
        resource.stored_name = secrets.token_hex(16)
        resource.file_name = Path(filename).name[:200]
        resource.file_size = len(data)
        (upload_folder() / resource.stored_name).write_bytes(data)
    db.session.add(resource)
    db.session.flush()
    audit.record("toolkit.published", resource, actor=by)
    return resource


def stored_path(resource):
    return upload_folder() / resource.stored_name
