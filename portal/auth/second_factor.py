"""The second factor: an authenticator app's six-digit codes (TOTP, RFC 6238, through
pyotp), a QR code drawn on the server as SVG (segno; no outside service sees the secret),
and ten single-use recovery codes of which only hashes are kept."""

import hashlib
import secrets

import pyotp
import segno
from flask import current_app
from markupsafe import Markup
from sqlalchemy import delete, select, update

from .. import audit
from ..db import utcnow
from ..extensions import db
from .models import RecoveryCode, SecondFactor

ISSUER = "Co-operative Councils Network"
RECOVERY_CODES = 10
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def factor_of(person, confirmed=True):
    factor = db.session.get(SecondFactor, person.id)
    if factor is not None and confirmed and factor.confirmed_at is None:
        return None
    return factor


def begin(person):
    """A new unconfirmed secret for ``person`` (replacing any unconfirmed one)."""
    factor = db.session.get(SecondFactor, person.id)
    if factor is None:
        factor = SecondFactor(person_id=person.id)
        db.session.add(factor)
    if factor.confirmed_at is None:
        factor.secret = pyotp.random_base32()
        factor.created_at = utcnow()
    db.session.flush()
    return factor


def provisioning_uri(person, factor):
    return pyotp.TOTP(factor.secret).provisioning_uri(name=person.email, issuer_name=ISSUER)


def qr_svg(uri, title):
    """The QR code as inline SVG, with a title for screen readers."""
    svg = segno.make(uri, error="m").svg_inline(scale=5, border=2, title=title, dark="#0b0c0c", light="#ffffff")
    # segno's own SVG of our own provisioning URI: nothing in it comes from a person.
    return Markup(svg)  # nosec B704


def _accepted_step(factor, code):
    """The 30-second step ``code`` belongs to (this one or either neighbour), or None."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(factor.secret)
    now = utcnow()
    for offset in (0, -1, 1):
        moment = now.timestamp() + offset * totp.interval
        if secrets.compare_digest(totp.at(moment), code):
            return int(moment // totp.interval)
    return None


def check_code(factor, code):
    """True when ``code`` is right and, unless reuse is allowed, not used before. A code is
    claimed with a conditional UPDATE, so two requests with the same code cannot both pass."""
    step = _accepted_step(factor, code)
    if step is None:
        return False
    if not current_app.config["SECOND_FACTOR_REFUSE_REUSE"]:
        return True
    claimed = db.session.execute(
        update(SecondFactor).where(SecondFactor.person_id == factor.person_id, SecondFactor.last_step < step)
        .values(last_step=step).execution_options(synchronize_session=False)
    ).rowcount
    return claimed == 1


def confirm(person, factor, code):
    """Confirm a new factor with a first code; True and new recovery codes (as plain text, shown once) on success."""
    if not check_code(factor, code):
        return None
    factor.confirmed_at = utcnow()
    audit.record("person.second_factor_added", person, actor=person)
    return new_recovery_codes(person)


def _hash(code):
    return hashlib.sha256(code.replace("-", "").strip().lower().encode()).hexdigest()


def new_recovery_codes(person):
    """Ten new codes, replacing any earlier ones; returned once, as the person must write them down."""
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.person_id == person.id))
    codes = []
    for _ in range(RECOVERY_CODES):
        raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
        db.session.add(RecoveryCode(person_id=person.id, code_hash=_hash(raw)))
    db.session.flush()
    return codes


def use_recovery_code(person, code):
    """Spend one recovery code; True for the one request that got there first."""
    return db.session.execute(
        update(RecoveryCode).where(RecoveryCode.person_id == person.id, RecoveryCode.code_hash == _hash(code or ""), RecoveryCode.used_at.is_(None))
        .values(used_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount == 1


def unused_recovery_codes(person, codes):
    """Those of ``codes`` that are ``person``'s and not yet used, in the order given: a file of
    them can only be made by someone who already holds them."""
    given = {_hash(code or ""): code for code in codes[:RECOVERY_CODES]}
    kept = set(db.session.scalars(select(RecoveryCode.code_hash).where(
        RecoveryCode.person_id == person.id, RecoveryCode.code_hash.in_(given), RecoveryCode.used_at.is_(None))))
    return [code for digest, code in given.items() if digest in kept]


def recovery_codes_left(person):
    return len(db.session.scalars(select(RecoveryCode.id).where(RecoveryCode.person_id == person.id, RecoveryCode.used_at.is_(None))).all())


def remove(person, *, by):
    db.session.execute(delete(SecondFactor).where(SecondFactor.person_id == person.id))
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.person_id == person.id))
    audit.record("person.second_factor_removed", person, actor=by)
