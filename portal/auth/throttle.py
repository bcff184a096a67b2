"""Slowing down guesses at passwords and second-factor codes, as NCSC and OWASP advise.

- Each attempt is counted before the secret is checked, with an atomic increment in the
  limiter's storage (Redis in production, shared by every worker), so no burst of concurrent
  guesses gets past a limit.
- The limits are per account *and* address, with growing delays (SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS:
  five guesses, then a wait; ten, a longer one; twenty, a day), and per address
  (SIGN_IN_LIMIT_PER_ADDRESS) whatever the account, except for an account that has signed in
  from that address lately (SIGN_IN_KNOWN_ADDRESS_DAYS): one person guessing at a council
  office's shared address does not keep its colleagues out.
- Nothing locks an account for everyone: an address that has not been failing is never
  refused the right password and code, so nobody can keep the owner out by guessing wrong.
- The right answer clears its account and address's count, and gives back its place in the
  address's; a refused attempt is neither tried nor counted.
- The owner is told by email when their account sees many failures (SIGN_IN_ALERT_AFTER).
"""

import time
from datetime import UTC, datetime, timedelta

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from limits import parse, parse_many
from sqlalchemy import exists, select

from .. import mail
from ..db import utcnow
from ..extensions import db, limiter
from ..i18n import format_datetime, london
from .models import Person, SignedInSession


class Throttled(Exception):
    """Too many attempts: wait ``retry_after`` seconds."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = max(1, int(retry_after))

    @property
    def message(self):
        until = datetime.fromtimestamp(time.time() + self.retry_after, UTC)
        if until.astimezone(london()).date() == datetime.now(UTC).astimezone(london()).date():
            when = until.astimezone(london()).strftime("%H:%M")
        else:
            when = format_datetime(until)
        return _l("There have been too many attempts to sign in to this account from here. Wait until %(time)s, then try again.",
                  time=when)


def _enabled():
    return current_app.config.get("RATELIMIT_ENABLED", True)


def _ids(*parts):
    return ("guesses", current_app.config.get("RATELIMIT_KEY_PREFIX") or "-", *parts)


class Attempt:
    """One guess (``what``: a password, a code) at the secret of ``account`` from this request's address."""

    def __init__(self, what, account):
        config, address = current_app.config, request.remote_addr or "unknown"
        self.account = account
        self._pair = [(item, _ids(what, account, address)) for item in parse_many(config["SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS"])]
        known = _signed_in_lately(account, address)
        self._address = [] if known else [(item, _ids("address", address)) for item in parse_many(config["SIGN_IN_LIMIT_PER_ADDRESS"])]

    def count(self):
        """Count this attempt before it is checked; raise Throttled when it is over a limit."""
        if not _enabled():
            return self
        counted, limits = [], sorted(self._pair, key=lambda pair: pair[0].get_expiry()) + self._address
        for item, ids in limits:
            if not limiter.limiter.hit(item, *ids):
                # Stop at the first limit it is over (the shortest first): counting it against the
                # others too, even for a moment, could refuse an attempt within them all. The wait is
                # the longest of the limits used up, read without counting.
                _give_back(counted + [(item, ids)])
                stats = [limiter.limiter.get_window_stats(other, *other_ids) for other, other_ids in limits]
                reset = max([s.reset_time for s in stats if s.remaining == 0] or [time.time()])
                raise Throttled(reset - time.time())
            counted.append((item, ids))
        return self

    def succeeded(self):
        """The right answer: its account and address start afresh, and the address's count has it back."""
        if _enabled():
            self.forgive()
            _give_back(self._address)

    def forgive(self):
        """Clear this account and address's count without an attempt: the owner proved who they
        are another way (a password reset from their inbox)."""
        if _enabled():
            for item, ids in self._pair:
                limiter.storage.clear(item.key_for(*ids))

    def failed(self, person):
        """A wrong answer: tell ``person`` (when the account exists) once it has seen many."""
        if not _enabled():
            return
        alert = parse(current_app.config["SIGN_IN_ALERT_AFTER"])
        failures = limiter.storage.incr(alert.key_for(*_ids("failures", self.account)), alert.get_expiry())
        if person is not None and failures == alert.amount:
            mail.enqueue(person.email, _l("Many failed attempts to sign in to your account"), "auth/email/many_failures.txt",
                         kind="sign_in_failures", person=person, failures=failures)


def _signed_in_lately(account, address):
    """Whether the account has signed in from this address lately: one statement, asked alike
    for accounts that exist and those that do not."""
    if not _enabled():
        return False
    since = utcnow() - timedelta(days=current_app.config["SIGN_IN_KNOWN_ADDRESS_DAYS"])
    return db.session.scalar(select(exists().where(
        SignedInSession.person_id == Person.id, Person.email == account,
        SignedInSession.address == address[:45], SignedInSession.started_at > since)))


def _give_back(counted):
    for item, ids in counted:
        limiter.storage.incr(item.key_for(*ids), item.get_expiry(), amount=-1)
