import socket
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message

from portal import mail
from portal.db import utcnow
from portal.extensions import db
from portal.mail.models import OutboxMessage
from portal.mail.rules import send_pending

from ..conftest import person


class Collect(Message):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(autouse=True)
def empty_outbox(app):
    """Start each test with nothing pending: the demo's own emails count as delivered."""
    from sqlalchemy import update

    db.session.execute(update(OutboxMessage).values(status="sent"))
    db.session.flush()


@pytest.fixture
def smtp_server():
    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, handler
    controller.stop()


def _enqueue(to="someone@example.org", person_=None):
    return mail.enqueue(to, "A subject", "auth/email/password_changed.txt", kind="test", person=person_ or person("rep@oxford.example.org"))


def test_messages_are_delivered_over_smtp_and_marked_sent(app, smtp_server):
    controller, handler = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=controller.port)
    try:
        message = _enqueue("priya@example.org")
        db.session.commit()
        sent, failed = send_pending()
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25)
    assert (sent, failed) == (1, 0)
    assert [m["To"] for m in handler.messages] == ["priya@example.org"]
    assert "Dear Priya Shah" in handler.messages[0].get_payload()
    db.session.refresh(message)
    assert message.status == "sent" and message.sent_at is not None


def test_a_second_run_sends_nothing_again(app, smtp_server):
    controller, handler = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=controller.port)
    try:
        _enqueue()
        db.session.commit()
        send_pending()
        assert send_pending() == (0, 0)
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25)
    assert len(handler.messages) == 1


def test_a_mail_server_that_is_down_loses_nothing_and_is_retried_later(app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=free_port(), MAIL_TIMEOUT=2)
    try:
        message = _enqueue()
        db.session.commit()
        assert send_pending() == (0, 1)
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25, MAIL_TIMEOUT=30)
    db.session.refresh(message)
    assert message.status == "pending"
    assert message.attempts == 1
    assert message.next_attempt_at > utcnow() + timedelta(minutes=1)
    assert "ConnectionRefusedError" in message.last_error
    assert send_pending() == (0, 0)  # not due yet


def test_a_message_is_given_up_after_the_last_attempt(app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=free_port(), MAIL_MAX_ATTEMPTS=2)
    try:
        message = _enqueue()
        message.attempts = 1
        db.session.commit()
        send_pending()
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25, MAIL_MAX_ATTEMPTS=8)
    db.session.refresh(message)
    assert message.status == "failed"


def test_development_backend_prints_the_message(app, capsys):
    _enqueue("printed@example.org")
    db.session.commit()
    send_pending()
    assert "To: printed@example.org" in capsys.readouterr().out


def test_email_is_written_in_the_recipients_language(app):
    cardiff = person("cynrychiolydd@cardiff.example.org")
    message = mail.enqueue(cardiff.email, "x", "auth/email/password_changed.txt", kind="test", person=cardiff)
    assert "Annwyl Gwen Llywelyn" in message.body


def test_a_welsh_email_sent_while_drawing_an_english_page_leaves_the_page_in_english(app):
    from flask_babel import gettext

    from portal.i18n import current_language

    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert (current_language(), gettext("Next")) == ("en", "Next")  # chosen, and kept for the request
        cardiff = person("cynrychiolydd@cardiff.example.org")
        message = mail.enqueue(cardiff.email, "x", "auth/email/password_changed.txt", kind="test", person=cardiff)
        assert "Annwyl Gwen Llywelyn" in message.body
        assert (current_language(), gettext("Next")) == ("en", "Next")


def test_message_is_not_written_when_the_change_is_rolled_back(app):
    before = db.session.query(OutboxMessage).count()
    with db.session.begin_nested() as nested:
        _enqueue()
        nested.rollback()
    assert db.session.query(OutboxMessage).count() == before


def test_mail_send_command_reports_what_it_did(app):
    _enqueue()
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["portal", "mail", "send"])
    assert result.exit_code == 0
    assert "1 sent, 0 failed" in result.output


def test_a_subject_from_a_name_with_a_line_break_is_one_line_and_delivered(app, smtp_server):
    controller, handler = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=controller.port)
    try:
        message = mail.enqueue("priya@example.org", "Line\rbreak\nCouncil asked to add you", "auth/email/password_changed.txt",
                               kind="test", person=person("rep@oxford.example.org"))
        db.session.commit()
        assert send_pending() == (1, 0)
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25)
    assert message.subject == "Line break Council asked to add you"
    assert handler.messages[0]["Subject"] == "Line break Council asked to add you"


def test_a_message_that_cannot_be_built_fails_alone_and_the_run_goes_on(app, smtp_server):
    controller, handler = smtp_server
    app.config.update(MAIL_BACKEND="smtp", MAIL_PORT=controller.port)
    try:
        broken = _enqueue("priya@example.org")
        broken.to_address = "someone@example.org\nBcc: everyone@example.org"  # as a row written before the fix could hold
        fine = _enqueue("owen@example.org")
        db.session.commit()
        assert send_pending() == (1, 1)
    finally:
        app.config.update(MAIL_BACKEND="console", MAIL_PORT=25)
    db.session.refresh(broken)
    db.session.refresh(fine)
    assert (broken.status, fine.status) == ("failed", "sent")
    assert [m["To"] for m in handler.messages] == ["owen@example.org"]


def test_the_console_shows_emails_decoded_and_readable(app, capsys):
    from portal.mail.models import OutboxMessage
    from portal.mail.rules import ConsoleBackend

    body = ("Annwyl Siân, dyma'r ddolen i ymuno â'r porth: http://127.0.0.1:5101/join/a-very-long-token-"
            + "x" * 80 + "\nDiolch — the secretariat\n")
    message = OutboxMessage(to_address="sian@example.org", subject="Croeso i’r porth — £150", body=body, kind="test")
    ConsoleBackend().send(message, app.config)
    shown = capsys.readouterr().out
    assert "To: sian@example.org" in shown and "Subject: Croeso i’r porth — £150" in shown
    assert body.strip() in shown  # whole, with no line folded or encoded
    assert "=?utf-8?" not in shown and "Content-Transfer-Encoding" not in shown and "=E2=80" not in shown
