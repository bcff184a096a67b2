"""Instructions a request for each hot page, counted by valgrind's callgrind.

On this kind of machine the time a page takes moves by a sixth within the hour, whatever the
code does, so a change worth a millisecond cannot be seen in timings. The number of machine
instructions a request executes can: it is the same for the same code, data and hash seed,
whatever else the machine is doing. This runs the app in process under callgrind (about fifty
times slower than without) against a bench database, and for each page makes five requests to
warm up, then ``--requests`` requests between two dumps of the counters. "ballot" counts a cast
ballot instead (a POST, with its receipt), each by another of the burst's voters; the burst
decision's ballots are removed first, so that a database can be counted again.

Run: .venv/bin/python bench/page_instructions.py [--pages thread,members] [--scale 1]
To compare two commits, build one database and run this in a git worktree of each against it:
``--database sqlite:////tmp/b.sqlite3 --manifest /tmp/b.json`` (``flask portal bench-data
--manifest`` writes one). Needs valgrind (Debian's package).
"""

import argparse
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.http_load import BIN, CAST, PAGE_NAMES, PAGES, build, cookies_for_pages, in_process_app, settings  # noqa: E402
from bench.support import sessions  # noqa: E402

WARM_UP = 5
TRIGGER = "desc: Trigger: dump "
BALLOT = "ballot"
NAMES = {**PAGE_NAMES, BALLOT: "a cast ballot"}


def dump(label):
    subprocess.run(["callgrind_control", f"--dump={label}", str(os.getpid())], check=True, capture_output=True)


def measure_in_process(env, manifest, pages, requests):
    """Run inside callgrind: the requests of each page between two dumps named for it."""
    # Under callgrind a request takes some fifty times as long, so what is done once a second
    # (the check for decisions due to open or close) would be counted in every other request.
    app = in_process_app({**env, "PORTAL_DECISIONS_DUE_CHECK_SECONDS": 3600.0})
    cookies = cookies_for_pages(app, manifest)
    client = app.test_client(use_cookies=False)
    environ = {"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": sessions.USER_AGENT}
    for page in pages:
        if page == BALLOT:
            measure_ballots(app, client, environ, manifest["burst"], requests)
            continue
        path, headers = manifest["pages"][page], {"Cookie": cookies[page][0]}
        for _ in range(WARM_UP):
            response = client.get(path, environ_base=environ, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"{page}: {path} answered {response.status_code}")
        dump(f"warm-{page}")
        for _ in range(requests):
            client.get(path, environ_base=environ, headers=headers)
        dump(f"measure-{page}")


def measure_ballots(app, client, environ, plan, requests):
    """Each of ``WARM_UP + requests`` voters casts the burst decision's ballot once."""
    from portal.decisions.models import Ballot
    from portal.extensions import db

    with app.app_context():
        db.session.execute(db.delete(Ballot).where(Ballot.decision_id == plan["decision_id"]))
        db.session.commit()
    voters = plan["voters"][:WARM_UP + requests]
    made = sessions.signed_in(app, [voter["email"] for voter in voters])

    def cast(voter):
        cookie, token = made[voter["email"]]
        response = client.post(plan["ballot_url"].format(member_id=voter["member_id"]), environ_base=environ,
                               headers={"Cookie": cookie}, data={**plan["fields"], plan["csrf_field"]: token})
        if CAST not in response.get_data(as_text=True):
            raise SystemExit(f"{BALLOT}: no receipt for {voter['email']} ({response.status_code})")

    for voter in voters[:WARM_UP]:
        cast(voter)
    dump(f"warm-{BALLOT}")
    for voter in voters[WARM_UP:]:
        cast(voter)
    dump(f"measure-{BALLOT}")


def counted(folder, requests):
    """``{page: instructions a request}`` from the dumps callgrind wrote into ``folder``."""
    found = {}
    for dump in folder.glob("callgrind.out.*"):
        label = total = None
        for line in dump.read_text(errors="replace").splitlines():
            if line.startswith(TRIGGER):
                label = line.removeprefix(TRIGGER)
            elif line.startswith("summary:"):
                total = int(line.split()[1])
        if label and label.startswith("measure-") and total is not None:
            found[label.removeprefix("measure-")] = total / requests
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default=",".join((*PAGES, BALLOT)),
                        help=f"the hot pages, by the manifest's names, and {BALLOT} for a cast ballot")
    parser.add_argument("--requests", type=int, default=10, help="requests counted for each page")
    parser.add_argument("--scale", type=float, default=1.0, help="of the database built when none is given")
    parser.add_argument("--database", help="an existing bench database's URL (with --manifest)")
    parser.add_argument("--manifest", type=Path, help="the manifest flask portal bench-data wrote for it")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pages = [page for page in args.pages.split(",") if page]
    if set(pages) - set(NAMES):
        parser.error(f"--pages: choose from {', '.join(NAMES)}")
    if not args.inner and bool(args.database) != bool(args.manifest):
        parser.error("--database and --manifest go together")
    if args.inner:
        env = json.loads(os.environ["PORTAL_BENCH_SETTINGS"])
        measure_in_process(env, json.loads(args.manifest.read_text()), pages, args.requests)
        return
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian's package valgrind).")
    with tempfile.TemporaryDirectory(prefix="portal-instructions-") as tmp:
        folder = Path(tmp)
        if args.database:
            url, manifest_path = args.database, args.manifest
            env = settings(url, secrets.token_hex(32))
        else:
            stack, url, env, manifest, _seconds = build("sqlite", args.scale, folder, secrets.token_hex(32))
            manifest_path = folder / "manifest.json"
            manifest_path.write_text(json.dumps(manifest))
        command = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/callgrind.out",
                   str(BIN / "python"), __file__, "--inner", "--pages", ",".join(pages),
                   "--requests", str(args.requests), "--manifest", str(manifest_path)]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": "0", "PORTAL_BENCH_SETTINGS": json.dumps(env)})
        if done.returncode != 0:
            raise SystemExit(f"the run under callgrind failed:\n{done.stderr[-4000:]}")
        found = counted(folder, args.requests)
        if not args.database:
            stack.close()
    print(f"Instructions a request, {args.requests} requests a page after {WARM_UP} to warm up ({url.split('/')[-1]}):")
    for page in pages:
        print(f"  {NAMES[page]:<28} {found[page] / 1e6:8.1f} M")


if __name__ == "__main__":
    main()
