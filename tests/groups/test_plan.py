import html
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.groups.models import Task, TaskChange
from portal.groups.rules import meetings, plan, transfer
from portal.membership.rules.dates import today

from ..conftest import person
from .helpers import group, task

SEED = "Growing an Inclusive"


def _edit(client, g, t, **changes):
    data = {
        "title": t.title, "starts_on": [str(t.starts_on.day), str(t.starts_on.month), str(t.starts_on.year)],
        "ends_on": [str(t.ends_on.day), str(t.ends_on.month), str(t.ends_on.year)], "status": t.status,
        "percent": str(t.percent), "owner_member_id": str(t.owner_member_id or 0), "owner_person_id": "0",
        "predecessor_ids": [str(d.predecessor_id) for d in t.depends_on],
    }
    data.update(changes)
    return client.post(f"/groups/{g.id}/tasks/{t.id}", data=data)


def test_the_seed_plan_imported_as_it_stands(app):
    g = group(SEED)
    tasks = plan.tasks_of(g)
    assert len(tasks) == 9
    pilots = task(g, "Milestone 1")
    assert (pilots.starts_on, pilots.ends_on, pilots.milestone) == (date(2021, 6, 1), date(2021, 11, 30), True)
    assert task(g, "Collate Case Studies").ends_on == date(2021, 4, 30)
    assert pilots.owner_member.name == "Oxford City Council"
    assert {c.member.name for c in pilots.contributors} == {"Torbay Council", "Stevenage Borough Council"}
    workshops = task(g, "Plan workshops")
    assert {c.member.name for c in workshops.contributors} >= {"Torbay Council", "Preston City Council", "The Development Co-operative"}
    assert sum(t.milestone for t in tasks) == 3


def test_a_dependency_cycle_is_refused_and_named(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    first = task(g, "Collate Case Studies")
    last = task(g, "Milestone 1")  # depends, through "Analyse", on the first
    page = html.unescape(_edit(chair, g, first, predecessor_ids=[str(last.id)]).get_data(as_text=True))
    assert "That would make a loop of dependencies" in page
    assert "Collate Case Studies" in page and "Analyse collated approaches" in page and "Milestone 1" in page
    assert [d.predecessor_id for d in task(g, "Collate Case Studies").depends_on] == []


def test_moving_a_task_warns_about_what_depends_on_it_and_keeps_history(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    analyse = task(g, "Analyse collated")
    response = _edit(chair, g, analyse, ends_on=["20", "6", "2021"], follow_redirects=True)
    page = html.unescape(chair.get(f"/groups/{g.id}/timeline").get_data(as_text=True))
    assert response.status_code == 302
    flashed = html.unescape(chair.get(f"/groups/{g.id}").get_data(as_text=True))
    changes = db.session.scalars(select(TaskChange).where(TaskChange.task_id == analyse.id)).all()
    assert changes[-1].detail["ends_on"] == ["2021-05-31", "2021-06-20"]
    slips = plan.slippage(g)
    assert slips[analyse.id].end_days == 20  # against the baseline of 31 May 2021
    assert "20 days late" in page
    del flashed


def test_the_knock_on_warning_names_the_tasks(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    analyse = task(g, "Analyse collated")
    _edit(chair, g, analyse, ends_on=["20", "6", "2021"])
    page = html.unescape(chair.get(f"/groups/{g.id}/timeline").get_data(as_text=True))
    assert "These tasks depend on it and now start before it ends" in page
    assert "Milestone 1: Delivery of test and learn pilots" in page


def test_slippage_is_measured_against_the_latest_baseline(sign_in_as, app):
    g = group("Social value measures")
    slips = plan.slippage(g)
    testing = task(g, "Test the measures")
    assert slips[testing.id].end_days == 30 and slips[testing.id].start_days == 10
    summary = plan.summary(plan.tasks_of(g), slips, today())
    assert testing in summary["overdue"]
    assert {s.task.title for s in summary["slipped"]} >= {"Test the measures on two contracts"}
    assert summary["next_milestone"].title == "Publish the measures in the toolkit"
    plan.save_baseline(g, by=person("rep@sunderland.example.org"))
    assert plan.slippage(g)[testing.id].end_days == 0


def test_bad_task_dates_are_refused_next_to_the_field(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    page = html.unescape(chair.post(f"/groups/{g.id}/tasks/new", data={
        "title": "Back to front", "starts_on": ["10", "5", "2021"], "ends_on": ["1", "5", "2021"], "status": "not_started",
    }).get_data(as_text=True))
    assert "The task must end on or after the day it starts" in page
    assert db.session.scalar(select(func.count()).select_from(Task).where(Task.title == "Back to front")) == 0


def test_import_reports_every_bad_row_and_writes_nothing(app):
    g = group(SEED)
    before = len(plan.tasks_of(g))
    result = transfer.plan_import(g, "Task,Start,End,Depends on\nGood,Mar 27,Apr 27,\nBad dates,Smarch 27,Apr 27,\nBackwards,May 27,Apr 27,\nGood,Jun 27,Jun 27,\nLoose,Jun 27,Jun 27,Nowhere\n")
    messages = [(p.line, p.message) for p in result.problems]
    assert (3, "not a date or month: 'Smarch 27'") in messages
    assert (4, "the task ends before it starts") in messages
    assert (5, "'Good' appears twice") in messages
    assert any("depends on 'Nowhere'" in m for _, m in messages)
    assert len(plan.tasks_of(g)) == before


def test_an_exported_plan_imports_back_unchanged(app):
    import io

    g = group(SEED)
    out = io.StringIO()
    transfer.export(g, out)
    checked = transfer.plan_import(g, out.getvalue())
    assert checked.problems == []
    assert [(r["title"], r["starts_on"], r["ends_on"], r["milestone"]) for r in checked.rows] == [
        (t.title, t.starts_on, t.ends_on, t.milestone) for t in plan.tasks_of(g)
    ]


@pytest.mark.parametrize("text, end, expected", [
    ("Mar 21", False, date(2021, 3, 1)), ("June 21", True, date(2021, 6, 30)), ("Feb 24", True, date(2024, 2, 29)),
    ("Sept 2022", False, date(2022, 9, 1)), ("2022-01-31", True, date(2022, 1, 31)), ("31/12/2021", False, date(2021, 12, 31)),
])
def test_months_and_dates_are_read(text, end, expected):
    assert transfer.parse_day(text, end=end) == expected


def test_monthly_and_two_monthly_meetings_run_across_year_ends():
    start = datetime(2026, 11, 30, 10, 0)
    assert [m.date() for m in meetings.occurrences("monthly", start, 4)] == [
        date(2026, 11, 30), date(2026, 12, 30), date(2027, 1, 30), date(2027, 2, 28)]
    assert [m.date() for m in meetings.occurrences("bimonthly", datetime(2026, 12, 31, 9), 3)] == [
        date(2026, 12, 31), date(2027, 2, 28), date(2027, 4, 30)]


def test_the_seed_group_met_monthly_then_every_two_months(app):
    from portal.groups.models import Meeting

    g = group(SEED)
    days = [m.starts_at.date() for m in db.session.scalars(select(Meeting).where(Meeting.group_id == g.id).order_by(Meeting.starts_at))]
    assert days[:4] == [date(2021, 3, 10), date(2021, 4, 10), date(2021, 5, 10), date(2021, 7, 7)]
    assert len(days) == 8


def test_an_action_from_a_meeting_becomes_a_task(sign_in_as):
    from portal.groups.models import Meeting

    g = group(SEED)
    meeting = db.session.scalar(select(Meeting).where(Meeting.group_id == g.id).order_by(Meeting.starts_at))
    chair = sign_in_as("chair@oxford.example.org")
    chair.post(f"/groups/{g.id}/meetings/{meeting.id}/actions", data={"title": "Send case study template", "due_on": ["24", "3", "2021"],
                                                                     "owner_member_id": "0", "owner_person_id": "0"})
    made = task(g, "Send case study template")
    assert made.source_meeting_id == meeting.id and made.ends_on == date(2021, 3, 24)
