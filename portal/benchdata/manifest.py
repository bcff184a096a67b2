"""The manifest the performance harness reads: who signs in, which pages to request, the
burst vote and its voters, and what was written."""

import json
import os
from pathlib import Path

from sqlalchemy import func, select

from ..auth.models import Person
from ..auth.passwords import verify_password
from ..decisions.models import Ballot
from ..demo import DEFAULT_PASSWORD, DEMO_TOTP_SECRET
from ..extensions import db
from ..groups.models import Task
from ..labs.models import Partnership, ProgressUpdate
from .context import SECRETARIAT, VIEWER
from .writing import COMMON, RARE


def build(bench, counts, *, password, demo_password=None):
    """The manifest as a dict, ready for JSON."""
    lab, group, thread, stv, burst = (bench.found[key] for key in ("lab", "group", "thread", "stv", "burst"))
    field = f"q{burst['question_id']}"
    demo_password = _demo_password(demo_password)
    return {
        "scale": bench.plan.scale,
        "database": db.session.get_bind().dialect.name,
        "written_at": bench.now.isoformat(timespec="seconds"),
        "viewer": VIEWER,
        "viewer_password": demo_password,
        "secretariat": SECRETARIAT,
        "secretariat_password": demo_password,
        "secretariat_totp_key": DEMO_TOTP_SECRET,
        "password": password,
        "pages": {
            "home": "/", "work": "/", "members": "/members/", "forum": "/forum/", "thread": f"/forum/threads/{thread['id']}",
            "lab": f"/labs/{lab['id']}", "timeline": f"/groups/{group['id']}/timeline",
            "results": f"/decisions/{stv['id']}/results", "dashboard": "/secretariat/",
        },
        # "work" is the home page of the person with most waiting: the secretariat's.
        "secretariat_only": ["dashboard", "work"],
        "sizes": _sizes(lab, group, thread, stv),
        "burst": {
            "decision_id": burst["id"], "page": f"/decisions/{burst['id']}",
            "ballot_url": f"/decisions/{burst['id']}/ballot/{{member_id}}", "fields": {field: "for"},
            "choices": {field: ["for", "against", "abstain"]}, "csrf_field": "csrf_token",
            "closes_at": burst["closes_at"].isoformat(timespec="seconds"), "voters": burst["voters"],
        },
        "search": {"rare": RARE, "common": COMMON, "page": "/forum/search?q=" + RARE.replace(" ", "+")},
        "plan": bench.plan.as_dict(),
        "counts": dict(sorted(counts.items())),
    }


def _sizes(lab, group, thread, stv):
    """How big the harness's pages are, as written (read back from the database)."""
    return {
        "thread_posts": thread["row"]["post_count"],
        "timeline_tasks": db.session.scalar(select(func.count(Task.id)).where(Task.group_id == group["id"])),
        "results_ballots": db.session.scalar(select(func.count(Ballot.id)).where(Ballot.decision_id == stv["id"])),
        "results_seats": stv["questions"][0]["seats"], "results_candidates": len(stv["questions"][0]["options"]),
        "lab_partners": db.session.scalar(select(func.count(Partnership.id)).where(Partnership.lab_id == lab["id"])),
        "lab_updates": db.session.scalar(select(func.count(ProgressUpdate.id)).where(ProgressUpdate.lab_id == lab["id"])),
    }


def _demo_password(given):
    """The demo accounts' password, if it can be known: the one just used to load the demo,
    else PORTAL_DEMO_PASSWORD or the demo's default, checked against the viewer's account."""
    if given:
        return given
    candidate = os.environ.get("PORTAL_DEMO_PASSWORD") or DEFAULT_PASSWORD
    password_hash = db.session.scalar(select(Person.password_hash).where(Person.email == VIEWER))
    return candidate if verify_password(password_hash, candidate) else None


def save(manifest, path):
    """Write the manifest as JSON to ``path``, making its folder if needed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
