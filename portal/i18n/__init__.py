"""Languages: which one a person sees, and formatting of dates and money in it."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.numbers import format_currency
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
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


def current_language():
    return str(get_locale() or "en")


def formatting_locale():
    """British English conventions for English: '1 April 2027', not 'April 1, 2027'."""
    language = current_language()
    return "en_GB" if language == "en" else language


def london():
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def format_date(value, style="long"):
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(london()).date()
    return babel_format_date(value, format=style, locale=formatting_locale())


def format_datetime(value, style="long"):
    """A moment shown in UK time, in the person's language: '3 March 2026, 14:05'."""
    if value is None:
        return ""
    local = value.astimezone(london())
    day = babel_format_date(local.date(), format=style, locale=formatting_locale())
    return f"{day}, {babel_format_datetime(local, 'HH:mm', locale=formatting_locale())}"


def format_money(pence):
    """Integer pence shown as pounds in the person's locale: 123456 -> '£1,234.56'."""
    if pence is None:
        return ""
    return format_currency(Decimal(pence) / 100, "GBP", locale=formatting_locale())


def init_app(app):
    app.add_template_filter(format_date, "date")
    app.add_template_filter(format_datetime, "datetime")
    app.add_template_filter(format_money, "money")
    app.add_template_global(current_language)
    app.add_template_global(LANGUAGE_NAMES, "language_names")

