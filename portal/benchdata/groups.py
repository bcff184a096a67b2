"""Bench groups: a steering group for each lab that was approved, with the member admins of
its lead and accepted partners (the rule of ``groups.steering.make_steering_group``), and a
few standing working groups; each with its own forum category, as the portal makes one."""

from datetime import timedelta

from sqlalchemy import select

from ..auth.models import Person
from ..extensions import db
from ..forum.models import Category
from ..groups.models import Group, GroupMember
from . import tasks
from .bulk import insert_rows

WORKING_GROUPS = (
    ("Procurement officers' network", "Officers who buy for councils, sharing how social value is scored.", False),
    ("Welsh councils' working group", "Members in Wales: Welsh-language services and the Well-being of Future Generations Act.", False),
    ("Community energy working group", "Councils helping residents own the energy they use.", True),
    ("Finance directors' group", "Section 151 officers on budgets, match funding and risk.", True),
    ("Regional networks: the North", "Members across the North meeting between conferences.", False),
    ("Research and evaluation group", "Evaluating the network's labs with university partners.", True),
)


def write(bench):
    """Insert the groups, their people and categories, then their plans; fill ``bench.groups``."""
    # The big lab comes first (labs.write puts it there): its group is the one with 200 tasks.
    specs = [_steering(bench, lab) for lab in bench.labs if lab["row"]["status"] in ("approved", "active", "completed")]
    assert specs and specs[0]["lab"] is bench.found["lab"]
    count = max(1, round(10 * bench.plan.scale))
    specs += [_working(bench, n) for n in range(count)]
    with bench.stage("Groups", len(specs)) as bar:
        ids = insert_rows(Group, [spec["row"] for spec in specs], ids=True, bar=bar)
    for group_id, spec in zip(ids, specs):
        spec["id"] = group_id
    insert_rows(GroupMember, [{"group_id": spec["id"], "person_id": person_id, "role": role, "role_note": ""}
                              for spec in specs for person_id, role in spec["people"]])
    categories = insert_rows(Category, [_category(spec) for spec in specs], ids=True)
    for category_id, spec in zip(categories, specs):
        spec["category_id"] = category_id
    bench.groups = specs
    bench.found["group"] = specs[0]
    tasks.write(bench, specs)


def _admins(bench, member_id):
    """A member's active member admins: from the bench's record, or the database for a demo member."""
    if member_id in bench.member_by_id:
        return [pid for pid in bench.member_by_id[member_id]["people"] if bench.people[pid]["admin"] and bench.people[pid]["active"]]
    return db.session.scalars(select(Person.id).where(
        Person.member_id == member_id, Person.is_member_admin.is_(True), Person.deactivated_at.is_(None),
        Person.password_hash.is_not(None)).order_by(Person.name)).all()


def _steering(bench, lab):
    row, people, seen = lab["row"], [], set()
    for index, member_id in enumerate([row["lead_member_id"]] + lab["accepted"]):
        for person_id in _admins(bench, member_id):
            if person_id not in seen:
                seen.add(person_id)
                people.append((person_id, "chair" if index == 0 and len(seen) == 1 else "member"))
    decided = row["decided_at"] or bench.now
    return {"row": {"name": f"{row['title']}: steering group"[:200], "kind": "steering", "lab_id": lab["id"], "private": True,
                    "description": "The steering group of the Policy Lab.", "created_at": decided},
            "lab": lab, "people": people, "starts_on": row["starts_on"], "ends_on": row["ends_on"],
            "members": [row["lead_member_id"]] + lab["accepted"]}


def _working(bench, n):
    rng = bench.rng
    name, description, private = WORKING_GROUPS[n % len(WORKING_GROUPS)]
    if n >= len(WORKING_GROUPS):
        name = f"{name} ({n // len(WORKING_GROUPS) + 1})"
    standing = [m for m in bench.members if m["status"] in ("active", "in_grace")] or bench.members
    chosen = rng.sample(standing, min(len(standing), rng.randint(4, 12)))
    people = [(member["voter"], "chair" if index == 0 else "member") for index, member in enumerate(chosen)]
    return {"row": {"name": name, "kind": "working", "lab_id": None, "private": private, "description": description,
                    "created_at": bench.now - timedelta(days=rng.randint(200, 1500))},
            "lab": None, "people": people, "starts_on": bench.today - timedelta(days=400),
            "ends_on": bench.today + timedelta(days=300), "members": [member["id"] for member in chosen]}


def _category(spec):
    """The group's own category, as ``forum.rules.categories.group_category`` makes it."""
    return {"kind": "group", "group_id": spec["id"], "name": spec["row"]["name"], "name_cy": "", "description": "",
            "description_cy": "", "position": 200, "created_at": spec["row"]["created_at"]}
