"""Importing a 10,000-row open data file into the directory, then the same file again, and
serving the list, the map's data and the exports at that size.
Run: .venv/bin/python bench/directory_import.py
(PORTAL_BENCH_DATABASE_URL=postgresql+psycopg://... runs it on an empty PostgreSQL database.)

Goals (issue 9): the import finishes in under 30 s on SQLite, and a second import of the same
file changes nothing.
"""

import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from portal.directory.models import Entry, EntrySector  # noqa: E402
from portal.directory.rules import imports  # noqa: E402
from portal.extensions import db  # noqa: E402
from tests.conftest import build_app, database_digest, person, sign_in, with_demo_network  # noqa: E402

ROWS = 10_000
FORMS = ("Bona fide co-operative", "Community Benefit Society", "Co-operative Society", "Community Interest Company", "")
SECTORS = ("food", "care", "housing", "energy", "retail", "digital", "cleaning", "transport")
WORDS = "community bakery energy housing care workers food repair print cleaning digital transport growers".split()


def register(rows=ROWS):
    """A register's export: every row a society, with 2% repeated lines and no problems."""
    rng = random.Random(2026)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Society Name", "Society Number", "Registered As", "Registered Postcode", "Local Authority Code",
                     "Latitude", "Longitude", "Sector", "Email", "Website"])
    written = []
    for number in range(rows):
        if written and rng.random() < 0.02:
            writer.writerow(rng.choice(written))  # a repeated line, as registers' exports have
            continue
        name = f"{rng.choice(WORDS).title()} {rng.choice(WORDS).title()} {number} Co-operative Ltd"
        row = [name, f"RS{500000 + number}", rng.choice(FORMS), f"OX{number % 40} {number % 9}AB",
               rng.choice(["E07000178", "E07000243", "E06000027", ""]), f"{51 + rng.random():.5f}", f"{-2 + rng.random():.5f}",
               ";".join(rng.sample(SECTORS, 2)), f"hello{number}@example.org", f"www.society{number}.example.org"]
        written.append(row)
        writer.writerow(row)
    return out.getvalue()


def timed(work):
    start = time.perf_counter()
    result = work()
    return result, time.perf_counter() - start


def import_once(content, secretariat):
    record, problem = imports.upload("register.csv", content, by=secretariat)
    assert problem is None
    plan, checking = timed(lambda: imports.plan(record.content, record.mapping))
    assert plan.ok, plan.problems[:3]
    report, writing = timed(lambda: imports.apply(plan, record, by=secretariat))
    _, committing = timed(db.session.commit)
    return report, checking, writing + committing


def serve(app, paths, runs=5):
    client = sign_in(app.test_client(), "rep@oxford.example.org")
    results = []
    for label, path in paths:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200, (path, response.status_code)
        results.append((label, min(times), statistics.median(times), len(response.get_data())))
    return results


def main():
    url = os.environ.get("PORTAL_BENCH_DATABASE_URL")
    content = register()
    with tempfile.TemporaryDirectory() as folder:
        app = with_demo_network(build_app(url or f"sqlite:///{folder}/bench.sqlite3"))
        with app.app_context():
            secretariat = person("secretariat@example.org")
            first, first_check, first_write = import_once(content, secretariat)
            entries = db.session.scalar(select(func.count(Entry.id)))
            sectors = db.session.scalar(select(func.count(EntrySector.id)))
            before = database_digest(exclude={"directory_import", "audit_entry", "audit_head"})
            second, second_check, second_write = import_once(content, secretariat)
            unchanged = database_digest(exclude={"directory_import", "audit_entry", "audit_head"}) == before
            db.session.remove()
            pages = serve(app, [
                ("list, first page", "/directory/"),
                ("list, search for one word", "/directory/?q=bakery"),
                ("list, sector and area", "/directory/?sector=food&area=E07000178"),
                ("map data (GeoJSON for the map), everything", "/directory/entries.geojson?view=map"),
                ("GeoJSON export, everything", "/directory/entries.geojson"),
                ("CSV export, everything", "/directory/entries.csv"),
            ])
            db.engine.dispose()
    print(f"database: {'PostgreSQL' if url else 'SQLite'}; file of {ROWS:,} rows, {len(content) / 1e6:.1f} MB")
    print(f"| first import | {first_check:.1f} s | {first_write:.1f} s | {first_check + first_write:.1f} s | "
          f"{first['added']} added, {first['merged']} merged, {first['unchanged']} unchanged, {first['skipped_count']} skipped |")
    print(f"| second import | {second_check:.1f} s | {second_write:.1f} s | {second_check + second_write:.1f} s | "
          f"{second['added']} added, {second['merged']} merged, {second['unchanged']} unchanged, {second['skipped_count']} skipped; "
          f"database {'unchanged' if unchanged else 'CHANGED'} |")
    print(f"entries after: {entries:,}; sectors: {sectors:,}")
    for label, best, median, size in pages:
        print(f"| {label} | {best * 1000:.0f} ms | {median * 1000:.0f} ms | {size / 1024:.0f} KiB |")


if __name__ == "__main__":
    main()
