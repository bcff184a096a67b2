"""Instructions a request for each hot page, counted by valgrind's callgrind.

On this kind of machine the time a page takes moves by a sixth within the hour, whatever the
code does, so a change worth a millisecond cannot be seen in timings. The number of machine
instructions a request executes can: it is the same for the same code, data and hash seed,
whatever else the machine is doing. This runs the app in process under callgrind (about fifty
times slower than without) against a bench database, and for each page makes five requests to
warm up, then ``--requests`` requests between two dumps of the counters.

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

from bench.http_load import BIN, PAGE_NAMES, PAGES, build, cookies_for_pages, in_process_app, settings  # noqa: E402

WARM_UP = 5
TRIGGER = "desc: Trigger: dump "


def measure_in_process(env, manifest, pages, requests):
    """Run inside callgrind: the requests of each page between two dumps named for it."""
    app = in_process_app(env)
    cookies = cookies_for_pages(app, manifest)
    client = app.test_client(use_cookies=False)
    environ = {"REMOTE_ADDR": "127.0.0.1", "HTTP_USER_AGENT": "portal-bench"}
    for page in pages:
        path, headers = manifest["pages"][page], {"Cookie": cookies[page][0]}
        for _ in range(WARM_UP):
            response = client.get(path, environ_base=environ, headers=headers)
            if response.status_code != 200:
                raise SystemExit(f"{page}: {path} answered {response.status_code}")
        subprocess.run(["callgrind_control", f"--dump=warm-{page}", str(os.getpid())], check=True, capture_output=True)
        for _ in range(requests):
            client.get(path, environ_base=environ, headers=headers)
        subprocess.run(["callgrind_control", f"--dump=measure-{page}", str(os.getpid())], check=True, capture_output=True)


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
    parser.add_argument("--pages", default=",".join(PAGES), help="the hot pages, by the manifest's names")
    parser.add_argument("--requests", type=int, default=10, help="requests counted for each page")
    parser.add_argument("--scale", type=float, default=1.0, help="of the database built when none is given")
    parser.add_argument("--database", help="an existing bench database's URL (with --manifest)")
    parser.add_argument("--manifest", type=Path, help="the manifest flask portal bench-data wrote for it")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    pages = [page for page in args.pages.split(",") if page]
    if set(pages) - set(PAGES):
        parser.error(f"--pages: choose from {', '.join(PAGES)}")
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
        print(f"  {PAGE_NAMES[page]:<28} {found[page] / 1e6:8.1f} M")


if __name__ == "__main__":
    main()
