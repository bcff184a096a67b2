"""What a request brings in, checked in one place before it can reach the database: ids in
the address, the query parameters the portal reads, and NUL characters anywhere.

PostgreSQL's integer holds up to 2**31 - 1 and SQLite's up to 2**63 - 1; a larger number,
or a NUL in text (which PostgreSQL refuses to store), would fail in the database, as a 500.
"""

import re

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict
from werkzeug.routing import IntegerConverter

from .web import render_error

LARGEST_ID = 2**31 - 1
IDS = (1, LARGEST_ID)
WHOLE = re.compile(r"-?[0-9]{1,12}")

# Every query parameter the portal reads, and read only through this module: the numbers with
# the range each may take, then the words. Reading one not declared here is a programming error.
NUMBERS = {"page": IDS, "tier": IDS, "lab": IDS, "quote": IDS, "year": (1900, 2200), "theme": IDS}
WORDS = frozenset({"q", "next", "status", "kind", "region", "action", "value", "view",
                   "legal_form", "sector", "democratic", "area", "offers", "show", "owner"})


def whole_number(text, low=1, high=LARGEST_ID):
    """``text`` as a whole number from ``low`` to ``high``, or None: never an error."""
    text = text.strip() if isinstance(text, str) else str(text)
    if not WHOLE.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def form_id(value):
    """A select field's ``coerce`` for ids: 0 (the "none" choice) up to the largest id; a
    ValueError otherwise, which the field shows as an invalid choice."""
    number = whole_number(value, 0)
    if number is None:
        raise ValueError(value)
    return number


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: an id from 1 to the largest the databases hold, so that
    any other number is no page (404) before a view sees it."""

    regex = r"[0-9]+"  # werkzeug's \d would take other scripts' digits too

    def __init__(self, url_map, fixed_digits=0, min=1, max=LARGEST_ID, signed=False):
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def number_arg(name, default=None):
    """The query parameter ``name`` as a whole number in its declared range; ``default`` when
    it is absent, not a number, or out of range."""
    low, high = NUMBERS[name]
    number = whole_number(request.args.get(name), low, high)
    return default if number is None else number


def page_number():
    """The page of a list asked for: 1 unless a page in range is."""
    return number_arg("page", 1)


def text_arg(name, default="", limit=100):
    """The query parameter ``name`` as trimmed text of at most ``limit`` characters."""
    if name not in WORDS:
        raise KeyError(f"undeclared query parameter {name!r}: add it to portal/core/inputs.py")
    return (request.args.get(name) or default).strip()[:limit]


def query_args():
    """The declared query parameters only, for a filter or form that reads several."""
    return MultiDict([(key, value) for key, value in request.args.items(multi=True) if key in WORDS or key in NUMBERS])


def refuse_nul():
    """Answer 400 to a request with a NUL in its address, query or form: PostgreSQL cannot
    store one, and no person types one."""
    sent = [*request.args.items(multi=True), *request.form.items(multi=True),
            *((key, upload.filename or "") for key, upload in request.files.items(multi=True))]
    if "\x00" in request.path or any("\x00" in key or "\x00" in value for key, value in sent):
        return render_error(400, _l("Your request contained a character that cannot be used. Go back, remove it and try again."))
    return None




def init_app(app):
    app.url_map.converters["int"] = IdConverter
    app.before_request(refuse_nul)
