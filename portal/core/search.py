"""Search shared by the lists: a LIKE pattern that matches the words as typed, and full-text
search through each database's own index (SQLite's FTS5 tables kept by triggers, PostgreSQL's
GIN indexes over to_tsvector('simple', ...), both made by the migrations). Both split words the
same way (letters and digits; no stemming, accents kept) and find what holds every word, so the
two agree."""

import re

from sqlalchemy import column, func, literal_column, select, text
from sqlalchemy import table as sql_table

from ..extensions import db

MOST_WORDS = 12
WORD = re.compile(r"[^\W_]+")
SIMPLE = literal_column("'simple'::regconfig")


def contains(text):
    """A pattern for ``ilike(..., escape='\\\\')`` that finds ``text`` anywhere, wildcards escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def words(query):
    """The words of a search as the indexes split them, lower case, at most ``MOST_WORDS``."""
    return [word.lower() for word in WORD.findall(query or "")][:MOST_WORDS]


def matching_ids(id_column, searched, fts_table, terms):
    """A select of the ids whose ``searched`` text holds every term, answered by the index:
    on PostgreSQL the GIN index over ``searched``, on SQLite the FTS5 table ``fts_table``."""
    if db.session.get_bind().dialect.name == "postgresql":
        return select(id_column).where(func.to_tsvector(SIMPLE, searched).op("@@")(func.to_tsquery(SIMPLE, " & ".join(terms))))
    fts = " ".join(f'"{term}"' for term in terms)  # each term quoted: all must appear
    return select(column("rowid")).select_from(sql_table(fts_table)).where(text(f"{fts_table} MATCH :terms").bindparams(terms=fts))
