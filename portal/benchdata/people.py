"""Bench people: about ten for each member, officers and councillors, all with the one
password the run hashed. Each member's first person is its member admin, voting
representative and primary contact; many members also name a deputy. A few accounts are
invitations not yet taken up, and a few are deactivated, but never a representative."""

from datetime import UTC, datetime, time, timedelta

from ..auth.models import Person
from ..membership.models import Representative
from . import names
from .bulk import insert_rows
from .plan import spread

SETTLED_DAYS = 730  # people with accounts older than this write in the forum (its posts are younger)


def write(bench):
    """Insert the plan's people over the members, and name each member's representatives."""
    sizes = spread(bench.rng, bench.plan.people, len(bench.members), least=2)
    rows, used = [], set()
    for member, size in zip(bench.members, sizes):
        for position in range(size):
            rows.append(_person_row(bench, member, position, used))
    with bench.stage("People", len(rows)) as bar:
        ids = insert_rows(Person, rows, bar=bar, ids=True)
    settled_before = bench.now - timedelta(days=SETTLED_DAYS)
    for person_id, row in zip(ids, rows):
        member = bench.member_by_id[row["member_id"]]
        person = {"id": person_id, "email": row["email"], "name": row["name"], "member_id": row["member_id"],
                  "admin": row["is_member_admin"], "active": row["password_hash"] is not None and row["deactivated_at"] is None,
                  "settled": row["created_at"] <= settled_before}
        bench.people[person_id] = person
        member["people"].append(person_id)
    _representatives(bench)


def _person_row(bench, member, position, used):
    rng = bench.rng
    name = names.person_name(rng)
    if position > 1 and rng.random() < 0.15:
        name = f"Cllr {name}"
    email = _email(name, member["domain"], used)
    joined = datetime.combine(member["joined_on"], time(10), tzinfo=UTC)
    latest = bench.now - timedelta(days=14)
    created = joined + timedelta(days=rng.randint(0, 120)) if position < 2 else \
        joined + (latest - joined) * rng.random() ** 2
    invited = position > 1 and rng.random() < 0.03
    deactivated = position > 1 and not invited and rng.random() < 0.01
    if invited:
        created = bench.now - timedelta(days=rng.randint(1, 30))  # invitations older than 90 days are purged
    welsh = member["region"] == "wales" and rng.random() < 0.4
    return {
        "email": email, "name": name, "member_id": member["id"], "is_member_admin": position == 0 or (position == 1 and rng.random() < 0.4),
        "password_hash": None if invited else bench.password_hash,
        "email_verified_at": None if invited else created + timedelta(hours=2),
        "locale": "cy" if welsh else "en", "deactivated_at": bench.now - timedelta(days=rng.randint(5, 300)) if deactivated else None,
        "created_at": min(created, latest),
        "last_signed_in_at": None if invited or rng.random() < 0.3 else bench.now - timedelta(hours=rng.randint(1, 24 * 90)),
    }


def _email(name, domain, used):
    first, _, last = name.removeprefix("Cllr ").partition(" ")
    local = f"{names.slug(first)}.{names.slug(last)}"
    email, number = f"{local}@{domain}", 1
    while email in used:
        number += 1
        email = f"{local}{number}@{domain}"
    used.add(email)
    return email


def _representatives(bench):
    """The first person votes and is the contact; the second, when active, is often the deputy."""
    rows = []
    for member in bench.members:
        first, second = member["people"][0], member["people"][1]
        member["voter"] = first
        rows += [{"member_id": member["id"], "person_id": first, "role": "voting"},
                 {"member_id": member["id"], "person_id": first, "role": "contact"}]
        if bench.people[second]["active"] and bench.rng.random() < 0.6:
            member["deputy"] = second
            rows.append({"member_id": member["id"], "person_id": second, "role": "deputy"})
    insert_rows(Representative, rows)
    for row in rows:
        bench.audit.add("member.representative_changed", "member", row["member_id"], actor_id=bench.demo.secretariat_id,
                        detail={"role": row["role"], "before": None, "after": row["person_id"]})
