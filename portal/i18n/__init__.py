"""Languages: which one a person sees, and formatting of dates and money in it."""

from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import get_date_format, parse_pattern
from babel.numbers import format_currency
from flask import current_app, g, has_app_context, has_request_context, request, session
from flask_babel import get_locale, get_translations
from flask_babel import gettext as _babel_gettext
from flask_babel.speaklater import LazyString
from flask_login import current_user

LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}


def select_locale():
    """The person's saved preference, then the language switch, then the browser's wish."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    saved = getattr(current_user, "locale", None)
    if saved in languages:
        return saved
    chosen = session.get("locale")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(languages) or languages[0]


def _locale():
    """``get_locale()``, read straight from where Flask-Babel keeps it for the context once it
    has been chosen: its own lookup goes through the ``g`` proxy three times, and a member
    list asks for its labels' language a hundred times. ``force_locale`` (an email in its
    reader's language) clears and restores that same place, so the answer is the same."""
    if has_app_context():
        kept = getattr(g._get_current_object().__dict__.get("_flask_babel"), "babel_locale", None)
        if kept is not None:
            return kept
    return get_locale()


@lru_cache(maxsize=16)
def _language(locale):
    return str(locale)


def current_language():
    locale = _locale()
    return "en" if locale is None else _language(locale)


def formatting_locale():
    """British English conventions for English: '1 April 2027', not 'April 1, 2027'."""
    language = current_language()
    return "en_GB" if language == "en" else language


def london():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


@lru_cache(maxsize=64)
def _pattern(style, locale):
    """Babel's pattern for a style ('long', or a pattern such as 'd MMM yyyy') in a locale,
    found once: a timeline formats hundreds of dates a page."""
    parsed = Locale.parse(locale)
    return parse_pattern(get_date_format(style, locale=parsed) if style in ("full", "long", "medium", "short") else style), parsed


def _format(value, style):
    pattern, locale = _pattern(style, formatting_locale())
    return pattern.apply(value, locale)


def format_date(value, style="long"):
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(london()).date()
    return _format(value, style)


def format_datetime(value, style="long"):
    """A moment shown in UK time, in the person's language: '3 March 2026, 14:05'."""
    if value is None:
        return ""
    local = value.astimezone(london())
    return f"{_format(local.date(), style)}, {_format(local, 'HH:mm')}"


def format_iso(text):
    """A day or a moment kept as ISO text (data that is also given as JSON) shown as
    ``format_date`` or ``format_datetime`` shows it; text that is neither is shown as it is."""
    if not text:
        return ""
    try:
        if len(text) == 10:
            return format_date(date.fromisoformat(text))
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return text
    return format_datetime(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def format_money(pence):
    """Integer pence shown as pounds in the person's locale: 123456 -> '£1,234.56'."""
    if pence is None:
        return ""
    return format_currency(Decimal(pence) / 100, "GBP", locale=formatting_locale())


def _translations():
    """Flask-Babel's translations for the locale in force, looked up once per locale in a
    request: a timeline's page asks for a thousand strings, and each of Flask-Babel's own
    lookups walks the request's context several times. ``force_locale`` (an email in its
    reader's language) gives another locale object, and so another lookup."""
    locale = _locale()
    store = g._get_current_object().__dict__
    kept = store.get("_portal_translations")
    if kept is None or kept[0] is not locale:
        kept = store["_portal_translations"] = (locale, get_translations())
    return kept[1]


def translated(value):
    """A label as text in the language in force. A lazy_gettext string without variables is
    looked up in the request's kept catalogue, which gives what ``str(value)`` gives at a
    fraction of the cost (a dashboard shows a status for every member listed)."""
    if isinstance(value, LazyString) and value._func is _babel_gettext and len(value._args) == 1 and not value._kwargs:
        return _translations().ugettext(value._args[0])
    return value


def init_app(app):
    # Templates' _(), ngettext() and pgettext(), as Flask-Babel installs them, but through _translations.
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_money, "money")
    app.add_template_filter(format_iso, "iso_moment")
    app.add_template_global(current_language)
    app.add_template_global(LANGUAGE_NAMES, "language_names")

