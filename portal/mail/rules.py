"""Writing messages to the outbox and delivering them."""

import smtplib
import sys
from collections import namedtuple
from contextlib import nullcontext
from datetime import timedelta
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy import select, update

from ..db import utcnow
from ..extensions import db
from .models import OutboxAttachment, OutboxMessage

STALE_CLAIM = timedelta(minutes=10)
REQUEST = "request:"
# What turns a request in the outbox into its emails (or into nothing): kind -> function(address, locale).
_preparers = {}
# What makes an attachment when its message is delivered: kind -> function(key) -> bytes.
_makers = {}
# What hears of every message as it is written, and may hold its email back: function(message, person) -> bool.
_deciders = []


class Later(namedtuple("Later", "maker key")):
    """An attachment's content, made when its message is delivered by the function registered
    with ``makes_attachments(maker)``: a costly file (a PDF) is not drawn in the request."""


class AttachmentFailed(Exception):
    """An attachment could not be made; its message is tried again later."""


def enqueue(to, subject, template, *, kind, person=None, locale=None, attachments=(), **context):
    """Write an email to the outbox, rendered in the recipient's language.

    ``subject`` is a lazy string or a callable so that it, too, is translated into
    ``locale`` (the person's saved language, else English). ``attachments`` are
    ``(filename, mimetype, content)``, the content bytes, or ``Later(maker, key)`` to be made
    in that language when the message is delivered; they are stored with the message.
    Flushes, never commits.
    """
    locale = locale or getattr(person, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]
    # The transaction this message is written in begins here, not while the template is drawn
    # (db.py: on SQLite a transaction begun while drawing does not take the write lock).
    db.session.connection()
    # Commands run outside a request; links in the email still need url_for.
    request_context = nullcontext() if has_request_context() else current_app.test_request_context()
    with request_context, force_locale(locale):
        message = OutboxMessage(
            to_address=to,
            # One line: a name with a line break in it (from a spreadsheet) cannot make a header.
            subject=" ".join(str(subject() if callable(subject) else subject).split())[:300],
            body=render_template(template, person=person, base_url=current_app.config["BASE_URL"], **context),
            kind=kind,
            person_id=getattr(person, "id", None),
            attachments=[_attachment(name, mimetype, content, locale) for name, mimetype, content in attachments],
        )
        # Every decider hears of the message, in the recipient's language, even after one holds it back.
        emailed = all([decide(message, person) for decide in _deciders])
    if emailed:
        db.session.add(message)
    db.session.flush()
    return message


def _attachment(filename, mimetype, content, locale):
    if isinstance(content, Later):
        return OutboxAttachment(filename=filename, mimetype=mimetype, maker=content.maker, maker_key=content.key, locale=locale)
    return OutboxAttachment(filename=filename, mimetype=mimetype, content=content)


def makes_attachments(maker):
    """Register ``function(key)``, which makes the bytes of a ``Later(maker, key)`` attachment."""

    def register(function):
        _makers[maker] = function
        return function

    return register


def make_attachments(message):
    """Make the attachments of ``message`` still to be made, each in its recipient's language."""
    for attachment in message.attachments:
        if attachment.content is None:
            try:
                with current_app.test_request_context(), force_locale(attachment.locale):
                    attachment.content = _makers[attachment.maker](attachment.maker_key)
            except Exception as error:  # whatever the maker met, the message waits to be tried again
                raise AttachmentFailed(f"{attachment.filename}: {type(error).__name__}: {error}") from error


def decides_delivery(function):
    """Register ``function(message, person)``, told of each message as it is written (before it
    is in the outbox): it answers whether the message is emailed now; False keeps it out of the
    outbox (the recipient reads it elsewhere, or later). Flushes, never commits."""
    if function not in _deciders:  # each app made registers it again
        _deciders.append(function)
    return function


def request(kind, address, *, locale=None):
    """Leave a request for mail in the outbox (e.g. a reset asked for by address), to be
    turned into its email by ``prepare_requests`` when mail is delivered: the asker's request
    does the same small work whoever the address belongs to, so its time tells nothing. The
    row's body holds the asker's language until then."""
    db.session.add(OutboxMessage(to_address=address[:254], subject="", body=locale or "", kind=REQUEST + kind, status="pending"))
    db.session.flush()


def handles_requests(kind):
    """Register ``function(address, locale)``, which writes the emails a request of ``kind`` calls for."""

    def register(function):
        _preparers[kind] = function
        return function

    return register


def prepare_requests(limit=500):
    """Turn waiting requests into their emails, each once (claimed with a conditional update);
    the request keeps no address afterwards. Commits each."""
    waiting = db.session.scalars(select(OutboxMessage.id).where(
        OutboxMessage.kind.startswith(REQUEST), OutboxMessage.status == "pending").order_by(OutboxMessage.id).limit(limit)).all()
    for message_id in waiting:
        claimed = db.session.execute(update(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.status == "pending")
                                     .values(status="sending", claimed_at=utcnow())).rowcount
        db.session.commit()
        if not claimed:
            continue
        message = db.session.get(OutboxMessage, message_id)
        _preparers[message.kind.removeprefix(REQUEST)](message.to_address, message.body or None)
        message.status, message.to_address, message.body, message.sent_at = "handled", "", "", utcnow()
        db.session.commit()


def send_pending(limit=500):
    """Deliver due messages; return ``(sent, failed)``.

    Each message is claimed with a conditional update before it is sent, so two runs at
    once never send the same message twice. A failure is retried later with a growing
    delay, and given up after MAIL_MAX_ATTEMPTS.
    """
    config = current_app.config
    now = utcnow()
    db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.status == "sending", OutboxMessage.claimed_at < now - STALE_CLAIM)
        .values(status="pending")
    )
    db.session.commit()
    prepare_requests(limit)
    now = utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.status == "pending", OutboxMessage.next_attempt_at <= now, ~OutboxMessage.kind.startswith(REQUEST))
        .order_by(OutboxMessage.id)
        .limit(limit)
    ).all()
    backend = _backend(config)
    sent = failed = 0
    try:
        for message_id in due:
            claimed = db.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id, OutboxMessage.status == "pending")
                .values(status="sending", claimed_at=utcnow())
            ).rowcount
            db.session.commit()
            if not claimed:
                continue
            message = db.session.get(OutboxMessage, message_id)
            try:
                make_attachments(message)
                backend.send(message, config)
            except (smtplib.SMTPException, OSError, AttachmentFailed) as error:
                failed += 1
                _schedule_retry(message, error, config["MAIL_MAX_ATTEMPTS"])
            except ValueError as error:  # it cannot be built (a bad header): trying again cannot help
                failed += 1
                _schedule_retry(message, error, max_attempts=0)
            else:
                sent += 1
                message.status, message.sent_at, message.last_error = "sent", utcnow(), None
                message.attempts += 1
            db.session.commit()
    finally:
        backend.close()
    return sent, failed


def _schedule_retry(message, error, max_attempts):
    message.attempts += 1
    message.last_error = f"{type(error).__name__}: {error}"[:500]
    if message.attempts >= max_attempts:
        message.status = "failed"
    else:
        message.status = "pending"
        message.next_attempt_at = utcnow() + timedelta(minutes=2**message.attempts)


def build_email(message, config, *, with_attachments=True):
    email = EmailMessage()
    email["From"] = config["MAIL_FROM"]
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Message-ID"] = make_msgid(domain=config["MAIL_FROM"].rpartition("@")[2].rstrip(">") or None)
    email.set_content(message.body)
    for attachment in message.attachments if with_attachments else ():
        maintype, _, subtype = attachment.mimetype.partition("/")
        email.add_attachment(attachment.content, maintype=maintype, subtype=subtype, filename=attachment.filename)
    return email


class ConsoleBackend:
    """Development: print each message instead of sending it; attachments by name and size."""

    def send(self, message, config):
        """The message as a person reads it, not as MIME (quoted-printable, base64, encoded
        words): its headers and its plain-text words decoded, its attachments by name and size."""
        email = build_email(message, config, with_attachments=False)  # refuses what SMTP would
        lines = [f"{name}: {email[name]}" for name in ("From", "To", "Subject")]
        lines += ["", email.get_content().rstrip("\n"), ""]
        lines += [f"Attached: {attachment.filename} ({attachment.mimetype}, {len(attachment.content):,} bytes)"
                  for attachment in message.attachments]
        print("\n".join(lines), file=sys.stdout)
        print("-" * 72, file=sys.stdout, flush=True)

    def close(self):
        pass


class SMTPBackend:
    """Deliver over one SMTP connection, opened on the first message."""

    def __init__(self):
        self.connection = None

    def _connect(self, config):
        cls = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
        connection = cls(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=config["MAIL_TIMEOUT"])
        if config["MAIL_USE_STARTTLS"]:
            connection.starttls()
        if config["MAIL_USERNAME"]:
            connection.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        return connection

    def send(self, message, config):
        if self.connection is None:
            self.connection = self._connect(config)
        try:
            self.connection.send_message(build_email(message, config))
        except (smtplib.SMTPServerDisconnected, OSError):
            self.close()
            raise

    def close(self):
        if self.connection is not None:
            try:
                self.connection.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.connection = None


def _backend(config):
    return SMTPBackend() if config["MAIL_BACKEND"] == "smtp" else ConsoleBackend()
