"""Password hashing (Argon2id) and the password policy (NCSC: long, not common, no composition rules)."""

import gzip
from functools import lru_cache
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import lazy_gettext as _l

COMMON_PASSWORDS = Path(__file__).with_name("data") / "common-passwords.txt.gz"
MAX_LENGTH = 256


def _hasher():
    config = current_app.config
    return PasswordHasher(
        time_cost=config["ARGON2_TIME_COST"],
        memory_cost=config["ARGON2_MEMORY_COST"],
        parallelism=config["ARGON2_PARALLELISM"],
    )


def hash_password(password):
    return _hasher().hash(password)


def verify_password(password_hash, password):
    """True when ``password`` matches; a missing hash still costs one hash, to keep timing even."""
    hasher = _hasher()
    if not password_hash:
        hasher.hash(password or "")
        return False
    try:
        return hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash):
    return _hasher().check_needs_rehash(password_hash)


@lru_cache(maxsize=1)
def common_passwords():
    with gzip.open(COMMON_PASSWORDS, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip().lower() for line in handle if line.strip())


def problems(password, *, email=None, name=None):
    """What is wrong with a new password, as messages for the person; empty when it is fine."""
    min_length = current_app.config["PASSWORD_MIN_LENGTH"]
    password = password or ""
    if len(password) < min_length:
        return [_l("Your password must be %(count)d characters or more", count=min_length)]
    if len(password) > MAX_LENGTH:
        return [_l("Your password must be %(count)d characters or fewer", count=MAX_LENGTH)]
    lowered = password.lower()
    if lowered in common_passwords() or len(set(lowered)) < 3:
        return [_l("This password is too easy to guess. Try three random words.")]
    local_part = (email or "").split("@")[0].lower()
    if (local_part and len(local_part) >= 4 and local_part in lowered) or (name and name.lower() == lowered):
        return [_l("Your password must not contain your name or email address")]
    return []
