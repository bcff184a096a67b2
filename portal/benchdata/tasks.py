"""Groups' plans: tasks in phases over the lab's dates, with finish-to-start dependencies,
a milestone closing each phase, progress that follows the calendar, an agreed baseline that
some tasks have slipped from, risks, and meeting series (monthly, then every two months)."""

from datetime import UTC, datetime, time, timedelta

from ..groups.models import Baseline, BaselineTask, Meeting, MeetingSeries, Risk, Task, TaskContributor, TaskDependency
from ..groups.rules.meetings import occurrences
from ..labs.models.labs import DEFAULT_PHASES
from . import writing
from .bulk import insert_rows
from .plan import BIG_TIMELINE, spread


def write(bench, groups):
    """Spread the plan's tasks over the groups: the first, the big lab's, gets exactly 200;
    there is always a working group to take the rest."""
    # Zero is allowed for the others: an approved lab may not have its plan yet.
    sizes = [BIG_TIMELINE] + spread(bench.rng, bench.plan.tasks - BIG_TIMELINE, len(groups) - 1)
    specs = []
    for group, size in zip(groups, sizes):
        specs += _plan(bench, group, size)
    with bench.stage("Tasks", len(specs)) as bar:
        ids = insert_rows(Task, [spec["row"] for spec in specs], ids=True, bar=bar)
    for task_id, spec in zip(ids, specs):
        spec["id"] = task_id
    _links(bench, groups, specs)
    _risks_and_meetings(bench, groups)


def _phases(group):
    return [name for name, _ in DEFAULT_PHASES] if group["lab"] else ["Plan", "Deliver"]


def _plan(bench, group, size):
    """``size`` tasks for ``group``, in phases that divide its dates evenly. About half of the
    tasks follow the one before (finish to start); each phase of three tasks or more ends with
    a milestone, which the next phase's first task follows."""
    rng, phases = bench.rng, _phases(group)
    start, end = group["starts_on"], group["ends_on"]
    phase_days = max((end - start).days // len(phases), 1)
    specs, titles, previous = [], set(), None
    for phase_index, phase in enumerate(phases):
        count = len([i for i in range(size) if i * len(phases) // size == phase_index])
        phase_start = start + timedelta(days=phase_days * phase_index)
        phase_end = phase_start + timedelta(days=phase_days - 1)
        for step in range(count):
            milestone = count >= 3 and step == count - 1
            begins = phase_start + timedelta(days=phase_days * step // count)
            length = timedelta(days=max(7, int(phase_days / count * rng.uniform(0.8, 2.2))))
            after = None
            if previous is not None and (previous["row"]["milestone"] or rng.random() < 0.55):
                follows = previous["row"]["ends_on"] + timedelta(days=1 if previous["row"]["milestone"] else rng.randint(1, 5))
                if follows + length <= phase_end or milestone and follows <= phase_end:
                    begins, after = follows, previous
            ends = min(begins + length, end)
            if milestone:
                begins = ends = phase_end
            title = _title(rng, group, milestone, phase, titles)
            spec = {"group": group, "after": after, "row": _task_row(
                bench, group, len(specs) + 1, title, phase, begins, max(ends, begins), milestone)}
            specs.append(spec)
            previous = spec
    return specs


def _title(rng, group, milestone, phase, titles):
    if milestone:
        title = f"Milestone: {phase} complete"
    else:
        title = rng.choice(writing.TASK_WORK)
        if rng.random() < 0.5 and group["lab"]:
            title = f"{title} ({rng.choice(group['lab']['partners'] + [group['lab']['lead']])['place']})"
    base, number = title, 1
    while title.lower() in titles:
        number += 1
        title = f"{base}, part {number}"
    titles.add(title.lower())
    return title[:200]


def _task_row(bench, group, position, title, phase, starts, ends, milestone):
    rng, day = bench.rng, bench.today
    finished = group["lab"] is not None and group["lab"]["row"]["status"] == "completed"
    if finished or (ends < day and rng.random() < 0.9):
        status, percent = "done", 100
    elif starts <= day:
        elapsed = (day - starts).days / max((ends - starts).days, 1)
        status, percent = "in_progress", max(5, min(95, int(elapsed * 100 * rng.uniform(0.6, 1.0))))
        if rng.random() < 0.03:
            status = "blocked"
    else:
        status, percent = "not_started", 0
    owner = rng.choice(group["members"]) if group["members"] else None
    owners = [pid for pid, _ in group["people"] if bench.people.get(pid, {}).get("member_id") == owner]
    return {"group_id": group["id"], "position": position, "title": title, "phase": phase[:100],
            "description": rng.choice(writing.SENTENCES), "starts_on": starts, "ends_on": ends, "owner_member_id": owner,
            "owner_person_id": owners[0] if owners else (group["people"][0][0] if group["people"] else None),
            "status": status, "percent": percent, "milestone": milestone}


def _links(bench, groups, specs):
    """Dependencies (finish to start), contributors, baselines."""
    rng = bench.rng
    dependencies, contributors, by_group = [], [], {}
    for spec in specs:
        by_group.setdefault(spec["group"]["id"], []).append(spec)
    for group_specs in by_group.values():
        for spec in group_specs:
            if spec["after"] is not None and spec["after"]["row"]["ends_on"] < spec["row"]["starts_on"]:
                dependencies.append({"task_id": spec["id"], "predecessor_id": spec["after"]["id"]})
            others = [m for m in spec["group"]["members"] if m != spec["row"]["owner_member_id"]]
            if others and rng.random() < 0.3:
                contributors.append({"task_id": spec["id"], "member_id": rng.choice(others)})
    insert_rows(TaskDependency, dependencies)
    insert_rows(TaskContributor, contributors)
    _baselines(bench, groups, by_group)


def _baselines(bench, groups, by_group):
    """Each plan as agreed at its start; a fifth of the tasks of labs under way have slipped since."""
    rng = bench.rng
    planned = [g for g in groups if by_group.get(g["id"])]
    taken = [{"group_id": g["id"], "taken_at": _moment(g["starts_on"]), "taken_by_id": g["people"][0][0] if g["people"] else None,
              "note": "Plan agreed"} for g in planned]
    rows = []
    for baseline_id, group in zip(insert_rows(Baseline, taken, ids=True), planned):
        for spec in by_group[group["id"]]:
            slip = timedelta(days=rng.randint(7, 45)) if rng.random() < 0.2 and not spec["row"]["milestone"] else timedelta()
            rows.append({"baseline_id": baseline_id, "task_id": spec["id"], "starts_on": spec["row"]["starts_on"] - slip,
                         "ends_on": spec["row"]["ends_on"] - slip})
        chair = group["people"][0][0] if group["people"] else None
        bench.audit.add("plan.imported", "work_group", group["id"], actor_id=chair, detail={"tasks": len(by_group[group["id"]])})
        bench.audit.add("plan.baseline_saved", "work_group", group["id"], actor_id=chair, detail={"tasks": len(by_group[group["id"]])})
    insert_rows(BaselineTask, rows)


def _risks_and_meetings(bench, groups):
    rng, risks, meetings = bench.rng, [], []
    for group in groups:
        owner = group["people"][0][0] if group["people"] else None
        closed = group["lab"] is not None and group["lab"]["row"]["status"] == "completed"
        for title, description, mitigation in rng.sample(writing.RISKS, rng.randint(2, 5)):
            risks.append({"group_id": group["id"], "title": title, "description": description, "mitigation": mitigation,
                          "likelihood": rng.randint(1, 5), "impact": rng.randint(1, 5), "owner_person_id": owner,
                          "status": "closed" if closed or rng.random() < 0.2 else "open",
                          "review_on": bench.today + timedelta(days=rng.randint(-20, 60))})
        meetings += _meetings(bench, group, owner)
    insert_rows(Risk, risks)
    insert_rows(Meeting, meetings)


def _meetings(bench, group, chair):
    """Monthly for three months, then every two months to the end, as the seed lab met."""
    first = _moment(group["starts_on"] + timedelta(days=7))
    months = max(((group["ends_on"] - group["starts_on"]).days // 30 - 3) // 2, 1)
    series = [("monthly", first, 3), ("bimonthly", first + timedelta(days=91), min(months, 30))]
    rows = []
    ids = insert_rows(MeetingSeries, [{"group_id": group["id"], "rule": rule, "first_at": at, "count": count, "dates": []}
                                      for rule, at, count in series], ids=True)
    for series_id, (rule, at, count) in zip(ids, series):
        for moment in occurrences(rule, at, count):
            past = moment < bench.now
            rows.append({"group_id": group["id"], "series_id": series_id, "title": "Steering group" if group["lab"] else "Meeting",
                         "starts_at": moment, "minutes_long": 60, "location": "Online",
                         "agenda": "Actions from the last meeting\nPilot updates\nRisks\nAny other business",
                         "minutes": "Partners reported on the pilots; the plan was reviewed." if past else "",
                         "decisions_noted": ""})
        bench.audit.add("meetings.scheduled", "work_group", group["id"], actor_id=chair, detail={"rule": rule, "meetings": count})
    return rows


def _moment(day):
    return datetime.combine(day, time(10), tzinfo=UTC)
