"""Cells that are safe to open in a spreadsheet, and back; tables read from uploaded CSV."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain

from flask_babel import lazy_gettext as _l

# Spreadsheets run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def to_cell(value):
    """A value safe to open in a spreadsheet: a number (a negative one too) stays a number, and
    text that starts with a formula character is quoted with ' (OWASP's CSV injection)."""
    if value is None:
        return ""
    if _is_number(value):
        return value
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _is_number(value):
    # bool is an int, but True is a word in a spreadsheet; NaN and infinities are not numbers to it.
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and Decimal(value).is_finite()


def write_table(out, header, rows):
    """Write ``header`` and ``rows`` to ``out`` as CSV, every cell through ``to_cell``."""
    # Lines end in CRLF, as RFC 4180 has it: the writer then quotes a cell holding a lone CR,
    # which would otherwise start a new row whose first cell escaped the quoting above.
    writer = csv.writer(out, lineterminator="\r\n")
    for row in chain([header], rows):
        writer.writerow([to_cell(value) for value in row])


def from_cell(value):
    """Undo ``to_cell``, so that an export imports back unchanged."""
    value = (value or "").strip()
    return value[1:] if value.startswith("'") and value[1:].startswith(FORMULA_STARTS) else value


@dataclass
class RowProblem:
    """Something wrong with one line of an uploaded table; line 0 means the whole file."""

    line: int
    message: str


def decode(data):
    """``(text, None)`` of an uploaded file (bytes, or text already), or ``(None, problem)`` when
    it is not UTF-8 or holds a NUL character (which PostgreSQL cannot store): every import asks
    this before it reads a row, so a failed one writes nothing."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, RowProblem(0, _l("the file is not UTF-8 text: save it as 'CSV UTF-8'"))
    if "\x00" in data:
        return None, RowProblem(0, _l("the file contains a NUL character: save it as 'CSV UTF-8'"))
    return data, None


def reader(text, kind=csv.reader):
    """A ``kind`` of CSV reader over ``text``: tab-separated when its start holds more tabs
    than commas (a table pasted from a spreadsheet), else comma-separated."""
    sample = text[:2000]
    dialect = csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel
    return kind(io.StringIO(text, newline=""), dialect=dialect)


def unusual_characters(text, *, lines=False):
    """Whether ``text`` holds a control character, or a line break where ``lines`` is False (a
    name, an email address): the forms refuse both, and an import must too."""
    allowed = "\t\r\n" if lines else "\t"
    return any((ord(char) < 32 and char not in allowed) or ord(char) == 127 for char in text)


def read_table(data, *, required, known=None, aliases=None, lines=()):
    """Parse CSV (or tab-separated) bytes into (line number, row) pairs, or problems, writing nothing.

    Headers are matched without case, spaces become underscores and ``aliases`` maps other names
    onto ours. ``known`` lists every column allowed; None allows any. Only the columns in
    ``lines`` may hold line breaks; no cell may hold another control character.
    """
    data, problem = decode(data)
    if problem:
        return [], [problem]
    table = reader(data, csv.DictReader)
    try:
        names = (name.strip().lower().replace(" ", "_") for name in table.fieldnames or [])
        headers = [(aliases or {}).get(name, name) for name in names]
    except csv.Error as error:
        return [], [RowProblem(1, _l("not readable as CSV: %(error)s", error=str(error)))]
    twice = sorted({name for name in headers if headers.count(name) > 1})
    if twice:
        return [], [RowProblem(1, _l("a column appears twice: %(columns)s", columns=", ".join(twice)))]
    missing = [name for name in required if name not in headers]
    if missing:
        return [], [RowProblem(1, _l("missing columns: %(columns)s", columns=", ".join(missing)))]
    unknown = [name for name in headers if known is not None and name not in known]
    if unknown:
        return [], [RowProblem(1, _l("unknown columns: %(columns)s", columns=", ".join(unknown)))]
    table.fieldnames = headers
    rows, ended = [], table.line_num
    try:
        for row in table:
            line, ended = ended + 1, table.line_num  # where the row begins: a quoted cell may span lines
            if None in row:
                return [], [RowProblem(line, _l("more values than columns"))]
            odd = [key for key, value in row.items() if value and unusual_characters(value, lines=key in lines)]
            if odd:
                return [], [RowProblem(line, _l("%(columns)s holds a line break or an unusual character", columns=", ".join(odd)))]
            rows.append((line, {key: from_cell(value) for key, value in row.items()}))
    except csv.Error as error:
        return [], [RowProblem(table.line_num, _l("not readable as CSV: %(error)s", error=str(error)))]
    return rows, []
