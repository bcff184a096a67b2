"""Files sent with an email: stored with the message, sent as MIME parts, named in development."""

from sqlalchemy import delete, select, update

from portal import mail
from portal.extensions import db
from portal.mail.models import OutboxAttachment, OutboxMessage
from portal.mail.rules import send_pending

from ..conftest import person
from .test_outbox import smtp_server as smtp_server  # a fixture

PDF = b"%PDF-1.7\n% a small document\n" + bytes(range(256))


def _enqueue(attachments_=(("INV-1.pdf", "application/pdf", PDF),)):
    db.session.execute(update(OutboxMessage).values(status="sent"))  # the demo's own count as delivered
    return mail.enqueue("priya@example.org", "Your invoice", "auth/email/password_changed.txt", kind="test",
                        person=person("rep@oxford.example.org"), attachments=attachments_)


def test_an_attachment_is_stored_with_its_message_and_goes_with_it(app):
    message = _enqueue()
    db.session.commit()
    stored = db.session.scalars(select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)).all()
    assert [(a.filename, a.mimetype, a.content) for a in stored] == [("INV-1.pdf", "application/pdf", PDF)]
    # As the purge and erasure remove messages: in one statement, the database removing the files.
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.id == message.id))
    assert db.session.scalar(select(OutboxAttachment).where(OutboxAttachment.message_id == message.id)) is None


def test_an_attachment_made_later_is_made_at_delivery_in_the_recipients_language(app, capsys):
    from flask_babel import get_locale

    made = []
    mail.makes_attachments("test_locale")(lambda key: made.append(key) or f"{get_locale()} {key}".encode())
    cardiff = person("cynrychiolydd@cardiff.example.org")
    db.session.execute(update(OutboxMessage).values(status="sent"))
    message = mail.enqueue(cardiff.email, "x", "auth/email/password_changed.txt", kind="test", person=cardiff,
                           attachments=[("a.txt", "text/plain", mail.Later("test_locale", 7))])
    assert message.attachments[0].content is None and made == []  # nothing drawn in the request
    db.session.commit()
    send_pending()
    db.session.refresh(message)
    assert message.status == "sent" and message.attachments[0].content == b"cy 7" and made == [7]
    assert "Attached: a.txt (text/plain, 4 bytes)" in capsys.readouterr().out


def test_an_attachment_that_cannot_be_made_leaves_its_message_to_be_tried_again(app):
    def broken(key):
        raise LookupError("no such invoice")

    mail.makes_attachments("test_broken")(broken)
    message = _enqueue(attachments_=[("b.pdf", "application/pdf", mail.Later("test_broken", 1))])
    db.session.commit()
    assert send_pending() == (0, 1)
    db.session.refresh(message)
    assert message.status == "pending" and "no such invoice" in message.last_error


def test_smtp_sends_the_attachment_as_a_mime_part(app, smtp_server):
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
