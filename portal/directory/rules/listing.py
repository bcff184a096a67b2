"""Finding entries: the filters of the list, the map and the exports, and full-text search
through each database's own index (core/search.py; both made by the migration and named
``directory_search...``)."""

import json
from dataclasses import dataclass, field

from sqlalchemy import exists, literal_column, select
from sqlalchemy.orm import selectinload

from ...core.search import contains, matching_ids, words
from ...core.spreadsheets import write_table
from ...extensions import db
from ..models import LEGAL_FORMS, OWNERSHIPS, SECTORS, Entry, EntrySector
from .access import public

# The text the search index holds, the same expression on both databases.
SEARCHED_TEXT = "coalesce(name, '') || ' ' || coalesce(offers, '') || ' ' || coalesce(description, '')"


@dataclass
class Filters:
    """What a person asked for in the list's form (or the same arguments on the map and exports)."""

    query: str = ""
    legal_form: str = ""
    sectors: list = field(default_factory=list)
    democratic: bool = False
    area: str = ""
    offers: str = ""
    everything: bool = False  # moderators only: also withdrawn entries and those off the map

    @classmethod
    def from_args(cls, args, *, may_see_everything=False):
        def one(name, allowed=None):
            value = (args.get(name) or "").strip()[:200]
            return value if allowed is None or value in allowed else ""

        return cls(
            query=one("q"),
            legal_form=one("legal_form", LEGAL_FORMS),
            sectors=[value for value in args.getlist("sector") if value in SECTORS][:len(SECTORS)],
            democratic=args.get("democratic") == "yes",
            area=one("area"),
            offers=one("offers"),
            everything=may_see_everything and args.get("show") == "all",
        )

    def args(self):
        """The filters as URL arguments, for the map's data, the exports and the pages."""
        values = {"q": self.query, "legal_form": self.legal_form, "sector": self.sectors,
                  "democratic": "yes" if self.democratic else "", "area": self.area, "offers": self.offers,
                  "show": "all" if self.everything else ""}
        return {key: value for key, value in values.items() if value}

    @property
    def any(self):
        return bool(self.query or self.legal_form or self.sectors or self.democratic or self.area or self.offers)


def statement(filters, day=None):
    """The entries the filters keep, by name."""
    query = select(Entry)
    if not filters.everything:
        query = query.where(public(day))
    terms = words(filters.query)
    if terms:
        query = query.where(Entry.id.in_(matching_ids(Entry.id, literal_column(SEARCHED_TEXT), "directory_search_entry", terms)))
    if filters.legal_form:
        query = query.where(Entry.legal_form == filters.legal_form)
    for sector in filters.sectors:
        query = query.where(exists().where(EntrySector.entry_id == Entry.id, EntrySector.sector == sector))
    if filters.democratic:
        query = query.where(Entry.ownership.in_([kind for kind in OWNERSHIPS if kind != "none"]))
    if filters.area:
        query = query.where(Entry.area_code == filters.area)
    if filters.offers:
        query = query.where(Entry.offers.ilike(contains(filters.offers), escape="\\"))
    return query.order_by(Entry.normalised_name, Entry.id)


def page(filters, number, per_page=25):
    return db.paginate(statement(filters).options(selectinload(Entry.sector_rows)), page=number, per_page=per_page,
                       error_out=False)


def areas_in_use():
    """``{code: name}`` of the areas that entries are in, for the area filter."""
    rows = db.session.execute(select(Entry.area_code, Entry.area_name).where(Entry.area_code.is_not(None)).distinct())
    return dict(sorted(((code, name or code) for code, name in rows), key=lambda pair: pair[1]))


# Exports for procurement teams: no contact details, which the directory never publishes.
EXPORT_COLUMNS = ("name", "legal_form", "ownership", "sectors", "offers", "description", "address", "postcode",
                  "latitude", "longitude", "area_code", "area_name", "website", "registration_number", "source",
                  "last_confirmed_on", "url")


def _rows(filters, url_for_entry):
    entries = db.session.scalars(statement(filters).options(selectinload(Entry.sector_rows))).yield_per(500)
    for entry in entries:
        yield entry, {
            "name": entry.name, "legal_form": entry.legal_form, "ownership": entry.ownership,
            "sectors": ";".join(entry.sectors), "offers": entry.offers, "description": entry.description,
            "address": entry.address, "postcode": entry.postcode, "latitude": entry.latitude, "longitude": entry.longitude,
            "area_code": entry.area_code or "", "area_name": entry.area_name, "website": entry.website,
            "registration_number": entry.registration_number or "", "source": entry.source,
            "last_confirmed_on": entry.last_confirmed_on.isoformat(), "url": url_for_entry(entry),
        }


def write_csv(out, filters, url_for_entry):
    write_table(out, EXPORT_COLUMNS, ([row[name] for name in EXPORT_COLUMNS] for _, row in _rows(filters, url_for_entry)))


def geojson(filters, url_for_entry, *, lean=False):
    """A FeatureCollection of the entries with a place. ``lean``: only the name and link each, for the map."""
    if lean:
        rows = db.session.execute(statement(filters).with_only_columns(Entry.id, Entry.name, Entry.latitude, Entry.longitude)
                                  .where(Entry.latitude.is_not(None), Entry.longitude.is_not(None)))
        places = ((row.id, row.latitude, row.longitude, {"name": row.name, "url": url_for_entry(row)}) for row in rows)
    else:
        places = ((entry.id, entry.latitude, entry.longitude,
                   {key: value for key, value in row.items() if key not in ("latitude", "longitude")})
                  for entry, row in _rows(filters, url_for_entry) if entry.on_map)
    features = [{"type": "Feature", "id": entry_id, "geometry": {"type": "Point", "coordinates": [round(longitude, 6), round(latitude, 6)]},
                 "properties": properties} for entry_id, latitude, longitude, properties in places]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
