"""Importing open data files (a co-operative register's export, a council's list) into the
directory.

The secretariat maps the file's columns onto the directory's fields; every row is then
checked and matched before anything is written: first by registration number, then by
normalised name and postcode. A row that matches an entry fills in what the entry lacks
(it never overwrites what an organisation or a moderator wrote); a row that repeats an
earlier row of the file is skipped. If any row has a problem, nothing is written, and a
second import of the same file changes nothing.
"""

import csv
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import insert, select, update
from sqlalchemy.orm import selectinload

from ... import audit
from ...core.spreadsheets import RowProblem, from_cell, reader, unusual_characters
from ...db import utcnow
from ...extensions import db
from ...membership.rules.areas import ONS_CODE, council_areas
from ...membership.rules.dates import today
from ..labels import LEGAL_FORM_LABELS, SECTOR_LABELS
from ..models import LEGAL_FORMS, OWNERSHIPS, SECTORS, Entry, EntrySector, Import, normalise_name, normalise_postcode, normalise_registration

TARGETS = ("name", "registration_number", "legal_form", "ownership", "sectors", "offers", "description", "address",
           "postcode", "latitude", "longitude", "area_code", "area_name", "website", "contact_email")
# Column names seen in registers' exports, folded to letters only, for guessing the mapping.
ALIASES = {
    "name": ("name", "organisationname", "organisation", "registeredname", "societyname", "companyname", "businessname"),
    "registration_number": ("registrationnumber", "regno", "registeredno", "registrationno", "societynumber",
                            "companynumber", "frn", "registernumber", "number"),
    "legal_form": ("legalform", "registeredas", "type", "legaltype", "organisationtype", "incorporation"),
    "ownership": ("ownership", "ownedby", "democraticownership", "membershiptype"),
    "sectors": ("sectors", "sector", "industry", "sic", "activity", "activities"),
    "offers": ("offers", "goodsandservices", "services", "products", "whatitoffers"),
    "description": ("description", "about", "summary", "objects"),
    "address": ("address", "registeredaddress", "street", "addressline1"),
    "postcode": ("postcode", "postalcode", "zip", "registeredpostcode"),
    "latitude": ("latitude", "lat"),
    "longitude": ("longitude", "lng", "lon", "long"),
    "area_code": ("areacode", "localauthoritycode", "ladcode", "lad", "lacode", "onscode"),
    "area_name": ("areaname", "localauthority", "localauthorityname", "district", "council"),
    "website": ("website", "url", "web", "webaddress"),
    "contact_email": ("contactemail", "email", "emailaddress"),
}
# Words in a register's legal form column, and the form they mean.
FORM_WORDS = (
    (("community benefit", "bencom", "cbs"), "community_benefit_society"),
    (("co-operative", "cooperative", "co-op", "coop", "bona fide", "ips", "industrial and provident"), "cooperative_society"),
    (("community interest", "cic"), "community_interest_company"),
    (("guarantee", "clg"), "company_limited_by_guarantee"),
    (("employee", "eot"), "employee_owned_trust"),
    (("unincorporated", "association"), "unincorporated"),
)
OWNERSHIP_WORDS = (
    (("worker",), "workers"),
    (("community",), "community"),
    (("member", "consumer", "customer", "tenant", "producer", "multi"), "members"),
    (("none", "no", "not"), "none"),
)
# Who owns it, when the file does not say: a society is its members', a trust its workers'.
OWNERSHIP_OF_FORM = {"cooperative_society": "members", "community_benefit_society": "community", "employee_owned_trust": "workers"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MOST_PROBLEMS = 50


def _fold(text):
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def read(content):
    """``(headers, rows)`` of a CSV or tab-separated text, rows as lists with their line numbers; or a problem."""
    table = reader(content)
    try:
        headers = [header.strip() for header in next(table, [])]
        rows = [(table.line_num, row) for row in table if any(cell.strip() for cell in row)]
    except csv.Error as error:
        return [], [], RowProblem(table.line_num, _l("not readable as CSV: %(error)s", error=str(error)))
    if not any(headers):
        return [], [], RowProblem(1, _l("the first line should name the columns"))
    return headers, rows, None


def guess_mapping(headers):
    """``{target: header}`` for the columns whose names say what they hold."""
    folded = {_fold(header): header for header in headers if header}
    mapping = {}
    for target in TARGETS:
        for alias in ALIASES[target]:
            if alias in folded and folded[alias] not in mapping.values():
                mapping[target] = folded[alias]
                break
    return mapping


def _by_label(labels):
    """``{label in the reader's language, lower case: key}``, made once per import."""
    return {str(label).lower(): key for key, label in labels.items()}


def _legal_form(value, by_label):
    text = value.strip().lower()
    if not text:
        return None
    if text in LEGAL_FORMS:
        return text
    if text in by_label:
        return by_label[text]
    for words, form in FORM_WORDS:
        if any(word in text for word in words):
            return form
    return "other"


def _ownership(value):
    text = value.strip().lower()
    if not text:
        return None
    if text in OWNERSHIPS:
        return text
    for words, kind in OWNERSHIP_WORDS:
        if any(re.search(rf"\b{word}", text) for word in words):
            return kind
    return None


def _sectors(value, by_label):
    found = set()
    for part in re.split(r"[;,|/]", value or ""):
        text = part.strip().lower()
        if text in SECTORS:
            found.add(text)
        elif text in by_label:
            found.add(by_label[text])
    return sorted(found)


def _coordinate(value, low, high):
    try:
        number = float(value)
    except ValueError:
        return "bad"
    return round(number, 6) if low <= number <= high else "bad"


@dataclass
class Plan:
    rows: int = 0
    to_add: list = field(default_factory=list)  # values for new entries
    to_merge: list = field(default_factory=list)  # (entry id, {field: value}) filling blanks
    unchanged: int = 0
    skipped: list = field(default_factory=list)  # (line, reason)
    problems: list = field(default_factory=list)  # RowProblem

    @property
    def ok(self):
        return not self.problems

    def report(self):
        return {"rows": self.rows, "added": len(self.to_add), "merged": len(self.to_merge), "unchanged": self.unchanged,
                "skipped": [[line, str(reason)] for line, reason in self.skipped[:MOST_PROBLEMS]],
                "skipped_count": len(self.skipped)}


LIMITS = {"name": 200, "registration_number": 40, "address": 300, "postcode": 10, "area_name": 120, "website": 300,
          "contact_email": 254, "offers": 5000, "description": 5000}


def _row_values(line, cells, columns, problems, labels):
    """The directory's values from one row, or None (with its problems recorded)."""
    def cell(target):
        index = columns.get(target)
        return from_cell(cells[index]) if index is not None and index < len(cells) else ""

    raw = {target: cell(target) for target in TARGETS}
    found = []
    if any(unusual_characters(text, lines=target in ("description", "offers", "address")) for target, text in raw.items()):
        found.append(_l("it holds a line break or unusual control characters"))
    for target, limit in LIMITS.items():
        if len(raw[target]) > limit:
            found.append(_l("%(field)s is longer than %(count)d characters", field=target, count=limit))
    if not raw["name"]:
        found.append(_l("it has no name"))
    if raw["contact_email"] and not EMAIL.match(raw["contact_email"]):
        found.append(_l("the email address %(email)s is not valid", email=raw["contact_email"][:80]))
    latitude = _coordinate(raw["latitude"], -90, 90) if raw["latitude"] else None
    longitude = _coordinate(raw["longitude"], -180, 180) if raw["longitude"] else None
    if "bad" in (latitude, longitude):
        found.append(_l("the latitude and longitude must be numbers, like 51.7520 and -1.2577"))
    elif (latitude is None) != (longitude is None):
        found.append(_l("it has a latitude or a longitude but not both"))
    area_code = raw["area_code"].upper() or None
    if area_code and not ONS_CODE.match(area_code):
        found.append(_l("the area code %(code)s is not an ONS code like E07000178", code=area_code[:20]))
    if raw["website"] and not re.match(r"^https?://", raw["website"], re.I):
        raw["website"] = "https://" + raw["website"]
    if found:
        problems.extend(RowProblem(line, message) for message in found)
        return None
    legal_form = _legal_form(raw["legal_form"], labels["legal_form"]) or "other"
    return {
        "name": raw["name"], "registration_number": normalise_registration(raw["registration_number"]),
        "legal_form": legal_form, "ownership": _ownership(raw["ownership"]) or OWNERSHIP_OF_FORM.get(legal_form, "none"),
        "sectors": _sectors(raw["sectors"], labels["sectors"]), "offers": raw["offers"], "description": raw["description"],
        "address": raw["address"], "postcode": normalise_postcode(raw["postcode"]), "latitude": latitude,
        "longitude": longitude, "area_code": area_code,
        "area_name": raw["area_name"] or labels["areas"].get(area_code, "") if area_code else raw["area_name"],
        "website": raw["website"], "contact_email": raw["contact_email"].lower(),
    }


def _blanks_filled(entry, values, mapped):
    """What ``values`` adds to ``entry`` where it has nothing: never overwrites."""
    fills = {}
    for target in mapped:
        new = values.get(target)
        if target == "sectors":
            if new and not entry.sectors:
                fills["sectors"] = new
            continue
        if target in ("legal_form", "ownership") or new in (None, "", []):
            continue  # always set on an entry
        if getattr(entry, target) in (None, ""):
            fills[target] = new
    if ("latitude" in fills) != ("longitude" in fills):
        fills.pop("latitude", None)
        fills.pop("longitude", None)
    return fills


def plan(content, mapping, progress=None):
    """Check and match every row; write nothing. ``mapping`` is ``{target: header}``."""
    result = Plan()
    headers, rows, problem = read(content)
    if problem:
        result.problems.append(problem)
        return result
    if not mapping.get("name"):
        result.problems.append(RowProblem(0, _l("choose the column that holds the organisations' names")))
        return result
    position = {header: index for index, header in reversed(list(enumerate(headers)))}
    columns = {target: position[header] for target, header in mapping.items() if header in position}
    mapped = [target for target in TARGETS if target in columns]
    result.rows = len(rows)

    by_number, by_name = {}, {}
    for entry_id, number, name, postcode in db.session.execute(
            select(Entry.id, Entry.registration_number, Entry.normalised_name, Entry.postcode)):
        if number:
            by_number[number] = entry_id
        by_name.setdefault((name, postcode), (entry_id, number))

    labels = {"legal_form": _by_label(LEGAL_FORM_LABELS), "sectors": _by_label(SECTOR_LABELS), "areas": council_areas()}
    seen_numbers, seen_names, matches = {}, {}, []
    for count, (line, cells) in enumerate(rows, 1):
        if progress and count % 500 == 0:
            progress(500)
        values = _row_values(line, cells, columns, result.problems, labels)
        if values is None:
            if len(result.problems) >= MOST_PROBLEMS:
                break
            continue
        number, key = values["registration_number"], (normalise_name(values["name"]), values["postcode"])
        earlier = seen_numbers.get(number) if number else None
        if earlier is None and key in seen_names and (number is None or seen_names[key][1] is None):
            earlier = seen_names[key][0]
        if earlier is not None:
            result.skipped.append((line, _l("it repeats line %(line)d", line=earlier)))
            continue
        if number:
            seen_numbers[number] = line
        seen_names.setdefault(key, (line, number))
        entry_id = by_number.get(number) if number else None
        if entry_id is None and key in by_name:
            entry_id, held = by_name[key]
            if number and held and held != number:
                entry_id = None  # the same name and postcode, but another registered organisation
        if entry_id is None:
            result.to_add.append(values)
        else:
            matches.append((entry_id, values))
    if progress:
        progress(len(rows) % 500)

    for start in range(0, len(matches), 500):
        chunk = matches[start:start + 500]
        entries = {entry.id: entry for entry in db.session.scalars(
            select(Entry).where(Entry.id.in_([entry_id for entry_id, _ in chunk])).options(selectinload(Entry.sector_rows)))}
        for entry_id, values in chunk:
            fills = _blanks_filled(entries[entry_id], values, mapped)
            if fills:
                result.to_merge.append((entry_id, fills))
            else:
                result.unchanged += 1
    return result


def apply(plan_, upload, *, by, progress=None):
    """Write a plan that has no problems, in the caller's transaction. Returns the report."""
    if not plan_.ok:
        raise ValueError("a plan with problems is never written")
    claimed = db.session.execute(
        update(Import).where(Import.id == upload.id, Import.state == "uploaded")
        .values(state="done", finished_at=utcnow()).execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return None
    confirmed = today()
    for start in range(0, len(plan_.to_add), 1000):
        chunk = plan_.to_add[start:start + 1000]
        rows = [{**{key: value for key, value in values.items() if key != "sectors"},
                 "normalised_name": normalise_name(values["name"]), "source": "imported", "state": "live",
                 "last_confirmed_on": confirmed, "link_version": 1, "created_at": utcnow(), "updated_at": utcnow()}
                for values in chunk]
        ids = db.session.scalars(insert(Entry).returning(Entry.id, sort_by_parameter_order=True), rows).all()
        sectors = [{"entry_id": entry_id, "sector": sector} for entry_id, values in zip(ids, chunk, strict=True)
                   for sector in values["sectors"]]
        if sectors:
            db.session.execute(insert(EntrySector), sectors)
        if progress:
            progress(len(chunk))
    for start in range(0, len(plan_.to_merge), 500):
        chunk = dict(plan_.to_merge[start:start + 500])
        for entry in db.session.scalars(select(Entry).where(Entry.id.in_(chunk)).options(selectinload(Entry.sector_rows))):
            for target, value in chunk[entry.id].items():
                setattr(entry, target, value)
        db.session.flush()
        if progress:
            progress(len(chunk))
    report = plan_.report()
    db.session.execute(update(Import).where(Import.id == upload.id).values(report=report)
                       .execution_options(synchronize_session=False))
    audit.record("directory.imported", upload, actor=by, detail={
        "file": upload.filename, "added": report["added"], "merged": report["merged"],
        "unchanged": report["unchanged"], "skipped": report["skipped_count"]})
    db.session.expire(upload)
    return report


def upload(filename, content, *, by):
    """Keep an uploaded file for mapping, with the mapping its headers suggest."""
    headers, rows, problem = read(content)
    if problem:
        return None, problem
    if not rows:
        return None, RowProblem(0, _l("the file has no rows below its headings"))
    record = Import(filename=(filename or "upload.csv")[:200], content=content, rows=len(rows),
                    mapping=guess_mapping(headers), uploaded_by_id=by.id)
    db.session.add(record)
    db.session.flush()
    return record, None


def headers_of(record):
    """The file's column names."""
    try:
        return [header.strip() for header in next(reader(record.content), [])]
    except csv.Error:
        return []
