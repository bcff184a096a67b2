"""The portal under load, served as in production: gunicorn with the README's settings, on
SQLite and on PostgreSQL, filled by ``flask portal bench-data``, driven from another
process (wrk) with signed-in sessions.

For each hot page it records requests per second, p50, p95, p99 and failures at
concurrency 1, 8 and 32, beside a bare Flask endpoint served by the same gunicorn command
(every page's throughput is given as a ratio to it, which stays meaningful on a noisy
machine) and the signed-in floor (the portal itself answering a signed-in person with
nothing drawn: the most any signed-in page can reach), with the CPU a request of the
workers and of PostgreSQL. Then a vote-casting burst (every bench voter casts once within
10 seconds; exactly that many ballots must be counted), cold start, memory per worker, and
the SQL queries each page makes at two scales.

Run: make bench-http   (or .venv/bin/python bench/http_load.py --help)
Goals (issue 10), on a 2-core machine with scale-1 data, on both databases: p95 under
100 ms at concurrency 8; at least a quarter of the bare endpoint's throughput; at most 12
queries a page, the same at scale 0.1 and 1; the burst 100% successful with p95 under
500 ms; under 150 MB per worker.
"""

import argparse
import contextlib
import json
import os
import platform
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, event, func, select, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from bench.support import FLOOR_PATH, burst, sessions  # noqa: E402

BIN = ROOT / ".venv" / "bin"
PG_URL = os.environ.get("PORTAL_BENCH_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS = ("127.0.0.1", 6379)
# The README's production command, less the address.
GUNICORN = ["--preload", "--workers", "4", "--access-logfile", "{log}"]
CONCURRENCY = (1, 8, 32)
# The manifest's names for the hot pages (flask portal bench-data writes their addresses).
PAGES = ("home", "work", "members", "forum", "thread", "lab", "timeline", "results", "dashboard")
PAGE_NAMES = {
    "home": "signed-in home", "work": "the secretariat's home", "members": "member directory", "forum": "forum category list",
    "thread": "a 500-post thread", "lab": "a lab page", "timeline": "a 200-task timeline",
    "results": "an STV result", "dashboard": "the secretariat dashboard",
}
# What a cast ballot's page holds, in either language: the receipt.
CAST = 'class="portal-receipt"'
DOCS = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- http-load: begin -->", "<!-- http-load: end -->"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(host, port):
    with contextlib.suppress(OSError), socket.create_connection((host, port), timeout=1):
        return True
    return False


@contextlib.contextmanager
def database(kind, folder):
    """An empty database of ``kind`` ("sqlite" or "postgresql"), dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / f'bench-{uuid.uuid4().hex[:6]}.sqlite3'}"
        return
    name = f"portal_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def settings(database_url, secret_key):
    """The production settings of the README, on this machine."""
    values = {
        "PORTAL_ENV_NAME": "production", "PORTAL_SECRET_KEY": secret_key, "PORTAL_DATABASE_URL": database_url,
        "PORTAL_BASE_URL": "https://portal.example.org", "PORTAL_MAIL_BACKEND": "console",
        "PORTAL_RATELIMIT_STORAGE_URI": f"redis://{REDIS[0]}:{REDIS[1]}/15" if answers(*REDIS) else "memory://",
    }
    return values


def run_flask(args, env, label):
    started = time.perf_counter()
    done = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env={**os.environ, "FLASK_APP": "wsgi", **env},
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{label} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return time.perf_counter() - started


def in_process_app(env):
    """The app as the served one is configured, for minting sessions and reading the database."""
    from portal import create_app

    overrides = {key.removeprefix("PORTAL_"): value for key, value in env.items()}
    return create_app(overrides)


class Served:
    """gunicorn serving ``target`` with the production command; knows its workers."""

    def __init__(self, target, env, folder):
        self.database_url = env["PORTAL_DATABASE_URL"]
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        log = folder / f"access-{self.port}.log"
        command = [str(BIN / "gunicorn"), *(part.format(log=log) for part in GUNICORN), "--bind", f"127.0.0.1:{self.port}", target]
        started = time.perf_counter()
        self.process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                                        stderr=open(folder / f"gunicorn-{self.port}.log", "w"))
        path = "/healthz" if target == "wsgi:app" else "/"
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped: see {folder}/gunicorn-{self.port}.log")
            with contextlib.suppress(OSError):
                with urllib.request.urlopen(self.base + path, timeout=5) as response:
                    if response.status == 200:
                        break
            time.sleep(0.01)
        self.cold_start = time.perf_counter() - started
        # Every worker answers once before anything is measured.
        time.sleep(1)

    def workers(self):
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return [int(pid) for pid in children]

    def memory(self):
        """Per worker: resident (RSS), proportional (PSS) and private (USS) memory, in MiB."""
        rows = []
        for pid in self.workers():
            fields = {}
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
                name, value, *_ = line.split()
                fields[name.rstrip(":")] = int(value) / 1024
            rows.append({"rss": fields["Rss"], "pss": fields["Pss"],
                         "uss": fields["Private_Clean"] + fields["Private_Dirty"]})
        return rows

    def cpu_seconds(self):
        """CPU time the workers have used so far (user and system), in seconds."""
        return cpu_seconds(self.workers())

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def cpu_seconds(pids):
    """CPU time these processes have used so far (user and system), in seconds."""
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):  # a process gone since it was listed used nothing more
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def database_processes(url):
    """The PostgreSQL server's processes (it runs on this machine, on the same two cores), or none
    for SQLite, which works inside the workers."""
    if not url.startswith("postgresql"):
        return []
    found = []
    for entry in Path("/proc").iterdir():
        with contextlib.suppress(OSError):
            if entry.name.isdigit() and (entry / "comm").read_text().strip() == "postgres":
                found.append(int(entry.name))
    return found


def loaded(served, path, connections, seconds, cookie=None):
    """wrk's run against ``path``, with the CPU the workers and the database used a request."""
    database = database_processes(served.database_url)
    workers_before, database_before = served.cpu_seconds(), cpu_seconds(database)
    result = wrk(served.base + path, connections, seconds, cookie)
    requests = max(result["requests"], 1)
    result["cpu_workers_ms"] = (served.cpu_seconds() - workers_before) / requests * 1000
    result["cpu_database_ms"] = (cpu_seconds(database) - database_before) / requests * 1000 if database else None
    return result


def wrk(url, connections, seconds, cookie=None):
    # The browser the session was signed in from, as a browser sends it on every request: with
    # any other name, Flask-Login's session protection marks the session not fresh, and every
    # answer signs and sends the cookie again (0.3 ms a request that no browser would cause).
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-H", f"User-Agent: {sessions.USER_AGENT}", "-s", str(ROOT / "bench" / "support" / "report.lua")]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    done = subprocess.run([*command, url], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / result["seconds"]
    for key in ("p50", "p95", "p99", "max"):
        result[key] = result[key] / 1000  # milliseconds
    return result


def check_page(base, path, cookie):
    """The page answers 200 to this session (not a redirect to the sign-in page), without
    sending the session cookie again, as a browser's page usually is answered; its size."""
    request = urllib.request.Request(base + path, headers={"Cookie": cookie, "User-Agent": sessions.USER_AGENT})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with urllib.request.build_opener(NoRedirect).open(request, timeout=30) as response:
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        if response.headers.get("Set-Cookie"):
            raise SystemExit(f"{path} sent the session cookie again: what is measured would not be what a browser sees")
        return len(body)


def query_counts(app, manifest, cookies):
    """How many SQL statements each page makes, through the app in this process."""
    from portal.extensions import db

    counts = {}
    with app.app_context():
        engine = db.engine
    client = app.test_client(use_cookies=False)
    for page in PAGES:
        statements = []

        def count(connection, cursor, statement, *args):
            # As the suite counts (tests/test_routes.py): transaction control is not a query.
            if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT")):
                statements.append(statement)

        event.listen(engine, "before_cursor_execute", count)
        try:
            response = client.get(manifest["pages"][page], headers={"Cookie": cookies[page][0]})
        finally:
            event.remove(engine, "before_cursor_execute", count)
        if response.status_code != 200:
            raise SystemExit(f"{page}: {manifest['pages'][page]} answered {response.status_code} in process")
        counts[page] = len(statements)
    return counts


def cookies_for_pages(app, manifest):
    viewer, secretariat = manifest["viewer"], manifest["secretariat"]
    made = sessions.signed_in(app, [viewer, secretariat])
    return {page: made[secretariat if page in manifest["secretariat_only"] else viewer] for page in PAGES}


def build(kind, scale, folder, secret_key):
    """A database of ``kind`` at ``scale``: its URL, settings, manifest and build time (a context)."""
    stack = contextlib.ExitStack()
    url = stack.enter_context(database(kind, folder))
    env = settings(url, secret_key)
    manifest_path = folder / f"manifest-{kind}-{scale}.json"
    run_flask(["db", "upgrade"], env, "flask db upgrade")
    seconds = run_flask(["portal", "bench-data", "--scale", str(scale), "--manifest", str(manifest_path)], env,
                        "flask portal bench-data")
    manifest = json.loads(manifest_path.read_text())
    return stack, url, env, manifest, seconds


def measure_bare(env, folder, seconds):
    served = Served("bench.support.bare:app", env, folder)
    try:
        results = {connections: loaded(served, "/", connections, seconds) for connections in CONCURRENCY}
        return {"cold_start": served.cold_start, "memory": served.memory(), "load": results}
    finally:
        served.stop()


def measure_path(served, path, fresh_cookie, seconds):
    """``path`` loaded at each concurrency, with a session signed in afresh for each run (none
    idles out), checked and warmed first; the runs, and the page's size."""
    results = {}
    for connections in CONCURRENCY:
        cookie = fresh_cookie()
        size = check_page(served.base, path, cookie)
        wrk(served.base + path, 2, 1, cookie)  # warm
        results[connections] = loaded(served, path, connections, seconds, cookie)
    return results, size


def measure_floor(app, manifest, env, folder, seconds):
    """The signed-in floor (``bench/support/floor.py``): the portal answering a signed-in
    person with nothing drawn, the most any signed-in page can reach."""
    served = Served("bench.support.floor:app", env, folder)
    try:
        viewer = manifest["viewer"]
        results, _size = measure_path(served, FLOOR_PATH, lambda: sessions.signed_in(app, [viewer])[viewer][0], seconds)
        return {"load": results}
    finally:
        served.stop()


def cast_ballots(app, served, manifest, window):
    """The burst: every voter casts once within ``window`` seconds; then the ballots are counted."""
    from portal.decisions.models import Ballot
    from portal.extensions import db

    plan = manifest["burst"]
    voters = plan["voters"]
    made = sessions.signed_in(app, [voter["email"] for voter in voters])
    casts = [{"path": plan["ballot_url"].format(member_id=voter["member_id"]), "cookie": made[voter["email"]][0],
              "data": {**plan["fields"], plan["csrf_field"]: made[voter["email"]][1]}, "success_text": CAST}
             for voter in voters]
    server_cpu, client_cpu = served.cpu_seconds(), time.process_time()
    results, took = burst.run(served.base, casts, window=window)
    server_cpu, client_cpu = served.cpu_seconds() - server_cpu, time.process_time() - client_cpu
    with app.app_context():
        counted = db.session.scalar(select(func.count(Ballot.id)).where(Ballot.decision_id == plan["decision_id"]))
        db.session.remove()
    latencies = sorted(result["latency"] * 1000 for result in results)
    failures = [result for result in results if not result["ok"]]
    return {
        "voters": len(voters), "succeeded": len(results) - len(failures), "ballots_counted": counted,
        "p50": percentile(latencies, 50), "p95": percentile(latencies, 95), "p99": percentile(latencies, 99),
        "max": latencies[-1], "seconds": took, "failures": [str(result["status"]) for result in failures][:10],
        "server_cpu_ms": server_cpu / len(voters) * 1000, "client_cpu_ms": client_cpu / len(voters) * 1000,
    }


def percentile(ordered, p):
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


def measure(kind, scale, args, folder, secret_key):
    print(f"\n== {kind}, scale {scale}", flush=True)
    stack, url, env, manifest, built = build(kind, scale, folder, secret_key)
    with stack:
        print(f"bench data in {built:.0f} s", flush=True)
        app = in_process_app(env)
        queries = query_counts(app, manifest, cookies_for_pages(app, manifest))
        print("queries", queries, flush=True)
        bare = measure_bare(env, folder, args.seconds)
        print("bare", {c: round(r["rps"]) for c, r in bare["load"].items()}, flush=True)
        floor = measure_floor(app, manifest, env, folder, args.seconds)
        print("floor", {c: round(r["rps"]) for c, r in floor["load"].items()}, flush=True)
        served = Served("wsgi:app", env, folder)
        try:
            pages = {}
            for page in args.pages:
                path = manifest["pages"][page]
                results, size = measure_path(served, path, lambda page=page: cookies_for_pages(app, manifest)[page][0],
                                             args.seconds)
                pages[page] = {"path": path, "bytes": size, "load": results}
                print(page, {c: (round(r["rps"]), round(r["p95"], 1), r["errors"]) for c, r in results.items()}, flush=True)
            memory_after_pages = served.memory()
            votes = cast_ballots(app, served, manifest, args.window)
            print("burst", votes, flush=True)
            memory = served.memory()
        finally:
            served.stop()
        return {"database": kind, "scale": scale, "build_seconds": built, "cold_start": served.cold_start,
                "queries": queries, "bare": bare, "floor": floor, "pages": pages, "burst": votes,
                "memory": {"after_pages": memory_after_pages, "after_burst": memory},
                "counts": manifest.get("counts", {}), "server": server_version(app)}


def compare_queries(scale, folder, secret_key):
    """Query counts at a smaller scale (SQLite), to show they do not grow with the data."""
    stack, url, env, manifest, _ = build("sqlite", scale, folder, secret_key)
    with stack:
        app = in_process_app(env)
        return query_counts(app, manifest, cookies_for_pages(app, manifest))


def server_version(app):
    from portal.extensions import db

    with app.app_context():
        dialect = db.engine.dialect.name
        version = db.session.scalar(text("SELECT sqlite_version()" if dialect == "sqlite" else "SHOW server_version"))
        db.session.remove()
    return f"{'SQLite' if dialect == 'sqlite' else 'PostgreSQL'} {version}"


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))) / 1024 / 1024
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split("\n")[0].split(" [")[0]
    gunicorn = subprocess.run([str(BIN / "gunicorn"), "--version"], capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(memory, 1), "kernel": platform.release(),
            "python": platform.python_version(), "wrk": wrk_version, "gunicorn": gunicorn}


# The write-up -----------------------------------------------------------------------------

def _ms(value):
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}"


def _cpu(load):
    """The CPU a request, in milliseconds: the workers', plus PostgreSQL's where it served."""
    workers, database = load["cpu_workers_ms"], load["cpu_database_ms"]
    return f"{workers:.1f}" if database is None else f"{workers:.1f} + {database:.1f}"


def markdown(report):
    box = report["machine"]
    lines = [
        BEGIN,
        f"`{report['command']}`, {report['date']}, on {box['cores']} cores ({box['cpu']}), {box['memory_gib']} GiB, "
        f"Linux {box['kernel']}, Python {box['python']}, {box['gunicorn']}, {box['wrk']}; the bench data at scale "
        f"{report['scale']}; each figure is one {report['seconds']} s run of wrk (one thread) after a warm-up, with a "
        "session signed in afresh for each run. Throughput is requests per second; latencies in milliseconds; "
        "“of bare” is the page's throughput over the bare endpoint's at the same concurrency and database, “of "
        "floor” over the signed-in floor's (the portal answering a signed-in person with nothing drawn); “CPU a "
        "request” is the workers' CPU time over the run, plus the PostgreSQL server's where it served, over the "
        "requests answered, in milliseconds (two cores: 2 ms a request is at most 1,000 requests a second).",
        "",
    ]
    for run in report["runs"]:
        bare, floor = run["bare"]["load"], run["floor"]["load"]
        lines += [f"### {run['server']}", "",
                  f"Bench data built in {run['build_seconds']:.0f} s. Bare endpoint: "
                  + ", ".join(f"{bare[str(c)]['rps']:.0f} req/s at {c}" for c in CONCURRENCY)
                  + f" (CPU a request at 8: {_cpu(bare['8'])} ms). Signed-in floor: "
                  + ", ".join(f"{floor[str(c)]['rps']:.0f} req/s at {c} ({floor[str(c)]['rps'] / bare[str(c)]['rps']:.2f} "
                              "of bare)" for c in CONCURRENCY) + f" (CPU a request at 8: {_cpu(floor['8'])} ms).", "",
                  "| page | concurrency | req/s | of bare | of floor | p50 | p95 | p99 | failures | queries | CPU a request |",
                  "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        for page in (page for page in PAGES if page in run["pages"]):
            result = run["pages"][page]
            for c in CONCURRENCY:
                load = result["load"][str(c)]
                queries = run["queries"][page] if c == CONCURRENCY[0] else ""
                lines.append(f"| {PAGE_NAMES[page] if c == CONCURRENCY[0] else ''} | {c} | {load['rps']:.0f} | "
                             f"{load['rps'] / bare[str(c)]['rps']:.2f} | {load['rps'] / floor[str(c)]['rps']:.2f} | "
                             f"{_ms(load['p50'])} | {_ms(load['p95'])} | {_ms(load['p99'])} | {load['errors']} | {queries} | "
                             f"{_cpu(load)} |")
        votes = run["burst"]
        memory = run["memory"]["after_burst"]
        lines += ["",
                  f"Vote burst: {votes['voters']} representatives each cast a ballot within {report['window']:.0f} s: "
                  f"{votes['succeeded']} succeeded ({100 * votes['succeeded'] / votes['voters']:.1f}%), "
                  f"{votes['ballots_counted']} ballots counted; p50 {_ms(votes['p50'])} ms, p95 {_ms(votes['p95'])} ms, "
                  f"p99 {_ms(votes['p99'])} ms, slowest {_ms(votes['max'])} ms. CPU a ballot: "
                  f"{votes['server_cpu_ms']:.1f} ms in the workers, {votes['client_cpu_ms']:.1f} ms in the client.",
                  f"Cold start (gunicorn started to first answer): {run['cold_start']:.2f} s (bare app "
                  f"{run['bare']['cold_start']:.2f} s). Memory per worker after the burst: RSS "
                  f"{max(w['rss'] for w in memory):.0f} MiB at most, of which private (USS) "
                  f"{max(w['uss'] for w in memory):.0f} MiB; PSS {statistics.mean(w['pss'] for w in memory):.0f} MiB "
                  f"on average; the bare app's workers {max(w['rss'] for w in run['bare']['memory']):.0f} MiB RSS.",
                  ""]
    if report.get("compare"):
        small, large = report["compare"], report["runs"][0]["queries"]
        lines += [f"Queries per page at scale {report['compare_scale']} and {report['scale']} (SQLite): "
                  + "; ".join(f"{PAGE_NAMES[page]} {small[page]} and {large[page]}" for page in PAGES) + ".", ""]
    lines.append(END)
    return "\n".join(lines)


def write_docs(section):
    text_ = DOCS.read_text()
    if BEGIN in text_:
        head, rest = text_.split(BEGIN, 1)
        text_ = head + section + rest.split(END, 1)[1]
    else:
        text_ = text_.rstrip("\n") + "\n\n## The portal under load (`make bench-http`)\n\n" + section + "\n"
    DOCS.write_text(text_)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--compare-scale", type=float, default=0.1, help="query counts at this scale too (0 for none)")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--seconds", type=int, default=10, help="length of each wrk run")
    parser.add_argument("--window", type=float, default=10.0, help="the vote burst's window in seconds")
    parser.add_argument("--pages", default=",".join(PAGES),
                        help="the hot pages to load, by the manifest's names (empty for none: the burst only)")
    parser.add_argument("--docs", action="store_true", help="write the results into docs/performance.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()
    args.pages = [page for page in args.pages.split(",") if page]
    if set(args.pages) - set(PAGES):
        parser.error(f"--pages: choose from {', '.join(PAGES)}")
    if args.docs and args.pages != list(PAGES):
        parser.error("--docs writes the whole table: leave out --pages")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed: `make bench-http` installs it (Debian's package wrk).")
    kinds = [kind for kind in args.databases.split(",") if kind]
    if "postgresql" in kinds and not answers("127.0.0.1", 5432):
        print("PostgreSQL does not answer on 127.0.0.1:5432: measuring SQLite only.")
        kinds.remove("postgresql")
    secret_key = secrets.token_hex(32)
    with tempfile.TemporaryDirectory(prefix="portal-bench-") as tmp:
        folder = Path(tmp)
        report = {"command": "make bench-http" if not sys.argv[1:] or sys.argv[1:] == ["--docs"] else
                  "bench/http_load.py " + " ".join(sys.argv[1:]), "date": date.today().strftime("%-d %B %Y"),
                  "machine": machine(), "scale": args.scale, "seconds": args.seconds, "window": args.window,
                  "runs": [json.loads(json.dumps(measure(kind, args.scale, args, folder, secret_key))) for kind in kinds]}
        if args.compare_scale:
            report["compare_scale"] = args.compare_scale
            report["compare"] = compare_queries(args.compare_scale, folder, secret_key)
    section = markdown(report)
    print("\n" + section)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    if args.docs:
        write_docs(section)
        print(f"\nwritten into {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
