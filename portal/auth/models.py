"""People who sign in, their network roles, and the single-use tokens sent to them."""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_login import AnonymousUserMixin, UserMixin
from sqlalchemy import ForeignKey, String, UniqueConstraint, select, update
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import UTCDateTime, utcnow
from ..extensions import db

NETWORK_ROLES = ("admin", "secretariat", "moderator", "reviewer")


class Person(UserMixin, db.Model):
    """A person with an account. People are not members: they may act for one."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locale: Mapped[str | None] = mapped_column(String(5))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"), index=True)
    is_member_admin: Mapped[bool] = mapped_column(default=False)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # anonymised at the person's request

    member = relationship("Member", back_populates="people", lazy="joined")
    # Joined to the signed-in person in one query (auth/session.py); for others only when asked.
    roles: Mapped[list["PersonRole"]] = relationship(back_populates="person", cascade="all, delete-orphan")

    @staticmethod
    def normalise_email(email):
        return (email or "").strip().lower()

    @property
    def role_names(self):
        return {role.role for role in self.roles}

    def has_role(self, *names):
        return bool(self.role_names.intersection(names))

    @property
    def is_secretariat(self):
        return self.has_role("secretariat", "admin")

    @property
    def is_active(self):
        return self.deactivated_at is None and self.password_hash is not None

    @property
    def status(self):
        """'active', 'invited' (has not yet set a password) or 'deactivated'."""
        if self.deactivated_at is not None:
            return "deactivated"
        if self.password_hash is None:
            return "invited"
        return "active"

    # The secret of the session this object was loaded for (auth/session.py); not stored.
    session_secret = None

    def get_id(self):
        # The session's secret is part of the identity Flask-Login keeps in the cookie, so a
        # session ended on the server (auth/session.py) cannot be used again.
        return f"{self.id}:{self.session_secret or ''}"

    def set_roles(self, names):
        """Make the person hold exactly ``names`` among the network roles."""
        unknown = set(names) - set(NETWORK_ROLES)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        keep = [role for role in self.roles if role.role in names]
        have = {role.role for role in keep}
        self.roles = keep + [PersonRole(role=name) for name in NETWORK_ROLES if name in names and name not in have]


class Anonymous(AnonymousUserMixin):
    """A visitor who has not signed in: no roles, no member."""

    id = None
    locale = None
    member = None
    member_id = None
    is_member_admin = False
    is_secretariat = False
    role_names = frozenset()

    def has_role(self, *names):
        return False


class PersonRole(db.Model):
    """A network role held by a person: admin, secretariat, moderator or reviewer."""

    __tablename__ = "person_role"
    __table_args__ = (UniqueConstraint("person_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))

    person: Mapped[Person] = relationship(back_populates="roles")


class Token(db.Model):
    """A single-use secret sent by email: an invitation, a password reset or an email check.

    Only a hash of the secret is stored, so a copy of the database cannot be used to
    sign in as anyone.
    """

    __tablename__ = "token"

    id: Mapped[int] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    new_email: Mapped[str | None] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    person: Mapped[Person] = relationship(lazy="joined")

    @staticmethod
    def hash(secret):
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()

    @classmethod
    def issue(cls, person, purpose, lifetime_hours, new_email=None):
        """Make a token and return ``(token, secret)``; the secret goes only into the email."""
        secret = secrets.token_urlsafe(32)
        now = utcnow()
        token = cls(
            purpose=purpose,
            person=person,
            token_hash=cls.hash(secret),
            new_email=new_email,
            created_at=now,
            expires_at=now + timedelta(hours=lifetime_hours),
        )
        db.session.add(token)
        return token, secret

    @classmethod
    def find_usable(cls, secret, purpose):
        """The unexpired, unused token for ``secret``, or None."""
        return db.session.scalar(
            select(cls).where(
                cls.token_hash == cls.hash(secret),
                cls.purpose == purpose,
                cls.used_at.is_(None),
                cls.expires_at > utcnow(),
            )
        )

    def consume(self):
        """Mark the token used; True only for the one request that got there first."""
        result = db.session.execute(
            update(Token)
            .where(Token.id == self.id, Token.used_at.is_(None), Token.expires_at > utcnow())
            .values(used_at=utcnow())
            .execution_options(synchronize_session=False)
        )
        return result.rowcount == 1

    @classmethod
    def withdraw_all(cls, person, *purposes):
        """Spend every outstanding token of these purposes, e.g. when a new one is sent."""
        db.session.execute(
            update(Token)
            .where(Token.person_id == person.id, Token.purpose.in_(purposes), Token.used_at.is_(None))
            .values(used_at=utcnow())
            .execution_options(synchronize_session=False)
        )


class SignedInSession(db.Model):
    """One signed-in session, kept on the server so that it can be ended there: by signing
    out, signing out everywhere, a new password, deactivation, a role taken away or erasure.
    The cookie holds the secret; only its hash is stored."""

    __tablename__ = "signed_in_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    ended_because: Mapped[str | None] = mapped_column(String(30))
    address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(200))

    @staticmethod
    def hash(secret):
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


class SecondFactor(db.Model):
    """A person's authenticator app (TOTP, RFC 6238): confirmed once a code from it worked.

    ``last_step`` is the 30-second step of the last code accepted, so a code is never
    accepted twice.
    """

    __tablename__ = "second_factor"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_step: Mapped[int] = mapped_column(default=0)


class RecoveryCode(db.Model):
    """One of ten single-use codes for when the authenticator is lost; only a hash is kept."""

    __tablename__ = "recovery_code"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SecurityEvent(db.Model):
    """The security log: sign-ins and failures, lockouts, second-factor changes, refusals."""

    __tablename__ = "security_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    # A plain number, like the audit log's: the log outlives an erased account.
    person_id: Mapped[int | None] = mapped_column(index=True)
    email: Mapped[str | None] = mapped_column(String(254))  # as typed, for failed sign-ins
    address: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str | None] = mapped_column(String(200))
    path: Mapped[str | None] = mapped_column(String(300))
