"""Files sent with an email: stored with the message, sent as MIME parts, named in development."""

from sqlalchemy import delete, select, update

from portal import mail
from portal.extensions import db
from portal.mail.models import OutboxAttachment, OutboxMessage
from portal.mail.rules import send_pending

from ..conftest import person
from .test_outbox import smtp_server  # noqa: F401 (a fixture)

PDF = b"%PDF-1.7\n% a small document\n" + bytes(range(256))


def _enqueue(**extra):
    db.session.execute(update(OutboxMessage).values(status="sent"))  # the demo's own count as delivered
    return mail.enqueue("priya@example.org", "Your invoice", "auth/email/password_changed.txt", kind="test",
                        person=person("rep@oxford.example.org"), attachments=[("INV-1.pdf", "application/pdf", PDF)], **extra)


def test_an_attachment_is_stored_with_its_message_and_goes_with_it(app):
    message = _enqueue()
    db.session.commit()
    stored = db.session.scalars(select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)).all()
    assert [(a.filename, a.mimetype, a.content) for a in stored] == [("INV-1.pdf", "application/pdf", PDF)]
    # As the purge and erasure remove messages: in one statement, the database removing the files.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message.id))
    assert db.session.scalar(select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)) is None


def test_an_attachment_made_by_a_function_is_made_in_the_recipients_language(app):
    from flask_babel import get_locale

    cardiff = person("cynrychiolydd@cardiff.example.org")
    message = mail.enqueue(cardiff.email, "x", "auth/email/password_changed.txt", kind="test", person=cardiff,
                           attachments=[("a.txt", "text/plain", lambda: str(get_locale()).encode())])
    assert message.attachments[0].content == b"cy"


def test_smtp_sends_the_attachment_as_a_mime_part(app, smtp_server):  # noqa: F811
    controller, handler = smtp_server
    _enqueue()
    db.session.commit()
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=controller.port)
    try:
        assert send_pending() == (1, 0)
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25)
    received = handler.messages[0]
    parts = [part for part in received.walk() if part.get_filename()]
    assert [(p.get_filename(), p.get_content_type(), p.get_payload(decode=True)) for p in parts] == [
        ("INV-1.pdf", "application/pdf", PDF)]
    assert "Dear Priya Shah" in received.get_payload()[0].get_payload(decode=True).decode()


def test_the_development_backend_names_the_attachment_and_its_size_without_its_bytes(app, capsys):
    _enqueue()
    db.session.commit()
    send_pending()
    out = capsys.readouterr().out
    assert f"Attached: INV-1.pdf (application/pdf, {len(PDF):,} bytes)" in out
    assert "JVBERi" not in out  # the PDF's bytes, base64-encoded, are not printed
