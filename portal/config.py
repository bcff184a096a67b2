"""Configuration: defaults here, then ``instance/config.py``, then ``PORTAL_*`` variables."""

import os
import secrets
from pathlib import Path


class Defaults:
    ENV_NAME = "development"
    NETWORK_EMAIL = "hello@example.org"
    BASE_URL = None  # unless set: where `make run` serves in development (base_url below)

    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    SQLITE_BUSY_TIMEOUT_MS = 15000

    SESSION_COOKIE_NAME = "portal_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = None  # None: Secure everywhere but development and testing
    PERMANENT_SESSION_LIFETIME = 12 * 60 * 60
    # A session ends after this long without a request, and this long after signing in at most.
    SESSION_IDLE_MINUTES = 30
    SESSION_LIFETIME_HOURS = 12
    # The password is asked for again before sensitive changes when given longer ago than this.
    REAUTH_MINUTES = 10
    # Roles that must use a second factor (an authenticator app) to reach anything.
    SECOND_FACTOR_REQUIRED_ROLES = ("admin", "secretariat")
    # Refuse a one-time code already used (RFC 6238 section 5.2).
    SECOND_FACTOR_REFUSE_REUSE = True
    # How long things are kept before `flask portal privacy purge` removes them (the
    # privacy notice quotes these): the security log, declined applications, invitations
    # never accepted (the account is anonymised), delivered emails, sessions once ended, and
    # notifications once read.
    SECURITY_LOG_DAYS = 365
    ENDED_SESSION_DAYS = 30
    DECLINED_APPLICATION_DAYS = 365
    UNVERIFIED_ACCOUNT_DAYS = 90
    SENT_EMAIL_DAYS = 90
    READ_NOTIFICATION_DAYS = 90
    REMEMBER_COOKIE_DURATION = 0
    MAX_CONTENT_LENGTH = 12 * 1024 * 1024
    MAX_FORM_MEMORY_SIZE = 2 * 1024 * 1024

    WTF_CSRF_TIME_LIMIT = None
    WTF_CSRF_SSL_STRICT = True

    LANGUAGES = ("en", "cy")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "Europe/London"
    BABEL_TRANSLATION_DIRECTORIES = str(Path(__file__).resolve().parent.parent / "translations")

    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 64 * 1024
    ARGON2_PARALLELISM = 2
    PASSWORD_MIN_LENGTH = 10

    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    # Guesses at a password or code (auth/throttle.py): growing waits for each account and
    # address, a limit for each address, and an email to the owner after many failures.
    SIGN_IN_LIMITS_PER_ACCOUNT_AND_ADDRESS = "5 per 15 minutes; 10 per hour; 20 per day"
    SIGN_IN_LIMIT_PER_ADDRESS = "20 per 15 minutes"
    SIGN_IN_ALERT_AFTER = "10 per hour"
    SIGN_IN_KNOWN_ADDRESS_DAYS = 30

    INVITATION_LIFETIME_HOURS = 14 * 24
    PASSWORD_RESET_LIFETIME_HOURS = 1
    EMAIL_VERIFICATION_LIFETIME_HOURS = 24

    MAIL_BACKEND = "console"
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    MAIL_USE_STARTTLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_TIMEOUT = 30
    MAIL_FROM = "Co-operative Councils Network <portal@example.org>"
    MAIL_MAX_ATTEMPTS = 8

    PROXY_FIX_HOPS = 0

    # Decisions' pages open and close voting that is due, as the cron job's tick does; each
    # worker asks at most this often (0: on every request). A ballot sent after the close is
    # refused by the cast itself, whenever the close is recorded.
    DECISIONS_DUE_CHECK_SECONDS = 1.0

    # Membership and money. The membership year starts in April, like the UK local
    # government financial year; a member is in grace for this many days after an
    # invoice falls due unpaid, then lapsed.
    MEMBERSHIP_YEAR_START_MONTH = 4
    MEMBERSHIP_GRACE_DAYS = 60
    PAYMENT_TERMS_DAYS = 30
    VAT_RATE_BASIS_POINTS = 0
    INVOICE_PREFIX = "INV"
    CREDIT_NOTE_PREFIX = "CN"

    # The forum: posts a person may make in an hour, fewer while their account is new.
    FORUM_POSTS_PER_HOUR = 30
    FORUM_NEW_ACCOUNT_DAYS = 7
    FORUM_NEW_ACCOUNT_POSTS_PER_HOUR = 5
    FORUM_FLAGS_TO_HIDE = 3

    # Decisions: how many other members' ballots one representative may hold as proxy.
    DECISIONS_MAX_PROXIES = 3

    # The directory: entries are marked unconfirmed after 12 months and leave the public map
    # after 18; the links organisations get to update their entry work for 60 days.
    DIRECTORY_UNCONFIRMED_MONTHS = 12
    DIRECTORY_OFF_MAP_MONTHS = 18
    DIRECTORY_LINK_DAYS = 60
    # The map's background tiles ({s}, {z}, {x}, {y} as Leaflet expects); empty for none, as
    # in tests and installs with no internet. The tile server's host is allowed by the CSP.
    DIRECTORY_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    DIRECTORY_TILE_ATTRIBUTION = "© OpenStreetMap contributors"


def base_url(env_name, environ):
    """Where links in emails point when BASE_URL is not set: in development, the port `make run`
    serves on (the Makefile exports PORT), so that `PORT=5101 make run` sends links to 5101."""
    port = environ.get("PORT", "").strip() if env_name == "development" else ""
    return f"http://127.0.0.1:{port if port.isdigit() and 0 < int(port) < 65536 else 5000}"


def load(app, overrides=None):
    """Fill ``app.config`` from defaults, the instance folder, the environment and ``overrides``."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env("PORTAL")
    if overrides:
        app.config.update(overrides)

    config = app.config
    if not config.get("BASE_URL"):
        config["BASE_URL"] = base_url(config["ENV_NAME"], os.environ)
    if config.get("DATABASE_URL"):
        config["SQLALCHEMY_DATABASE_URI"] = config["DATABASE_URL"]
    config.setdefault(
        "SQLALCHEMY_DATABASE_URI", "sqlite:///" + os.path.join(app.instance_path, "portal.sqlite3")
    )
    if config["SESSION_COOKIE_SECURE"] is None:
        config["SESSION_COOKIE_SECURE"] = config["ENV_NAME"] not in ("development", "testing")
    if config["SESSION_COOKIE_SECURE"] and not config["SESSION_COOKIE_NAME"].startswith("__Host-"):
        # Secure, for this host only, for the whole site: browsers refuse to let anything else set it.
        config["SESSION_COOKIE_NAME"] = "__Host-" + config["SESSION_COOKIE_NAME"]
        config["SESSION_COOKIE_DOMAIN"] = None
        config["SESSION_COOKIE_PATH"] = "/"
    if not config.get("SECRET_KEY"):
        config["SECRET_KEY"] = _instance_secret_key(app)
    if config["ENV_NAME"] == "production" and config["RATELIMIT_STORAGE_URI"].startswith("memory"):
        app.logger.warning(
            "PORTAL_RATELIMIT_STORAGE_URI is memory://: each worker counts guesses at passwords on its own, so "
            "with several workers the sign-in limits are that many times looser. Point it at Redis.")


def _instance_secret_key(app):
    """Read the install's secret key from ``instance/``, making one on first run outside production."""
    path = Path(app.instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    if app.config["ENV_NAME"] == "production":
        raise RuntimeError(
            "PORTAL_SECRET_KEY is not set. In production the portal will not start without a "
            "secret key: set PORTAL_SECRET_KEY or write one to instance/secret_key."
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
