"""Importing a plan: a file that would make a loop of dependencies, or holds a NUL, is refused
with its row named, and writes nothing."""

import html
import io

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.groups.models import Task, TaskDependency

from .helpers import group

SEED = "Growing an Inclusive"


def _plan_rows(g):
    tasks = db.session.scalar(select(func.count()).select_from(Task).where(Task.group_id == g.id))
    links = db.session.scalar(select(func.count()).select_from(TaskDependency).join(Task, Task.id == TaskDependency.task_id)
                              .where(Task.group_id == g.id))
    titles = db.session.scalars(select(Task.title).where(Task.group_id == g.id).order_by(Task.id)).all()
    return tasks, links, titles


def _import(client, g, content):
    response = client.post(f"/groups/{g.id}/import", data={"file": (io.BytesIO(content), "plan.csv")},
                           content_type="multipart/form-data")
    return response.status_code, html.unescape(response.get_data(as_text=True))


LOOPS = {
    "a task that depends on itself": (
        b"Task,Start,End,Depends on\nDraft the survey,Mar 27,Apr 27,\nSend it out,May 27,May 27,Send it out\n",
        "Line 3: That would make a loop of dependencies: Send it out → Send it out"),
    "rows that depend on each other in a ring": (
        b"Task,Start,End,Depends on\nDraft,Mar 27,Apr 27,Publish\nReview,May 27,May 27,Draft\nPublish,Jun 27,Jun 27,Review\n",
        "Line 2: That would make a loop of dependencies: Draft → Review → Publish → Draft"),
    # In the plan, Milestone 1 depends (through Analyse collated approaches) on Collate Case Studies.
    "a ring closed through tasks already in the plan": (
        b'Task,Start,End,Depends on\n"Collate Case Studies, learning and place based approaches",Mar 21,Apr 21,'
        b"Milestone 1: Delivery of test and learn pilots\n",
        "Line 2: That would make a loop of dependencies: Collate Case Studies, learning and place based approaches → "
        "Analyse collated approaches and shortlist tools and case studies → Milestone 1: Delivery of test and learn pilots → "
        "Collate Case Studies, learning and place based approaches"),
}


@pytest.mark.parametrize("case", list(LOOPS))
def test_an_import_that_would_make_a_loop_is_refused_naming_the_row_and_the_loop(sign_in_as, case):
    content, problem = LOOPS[case]
    g = group(SEED)
    before = _plan_rows(g)
    status, page = _import(sign_in_as("chair@oxford.example.org"), g, content)
    assert status == 200
    assert problem in page
    assert page.count("That would make a loop") == 1  # a loop is named once, at its first row
    assert _plan_rows(g) == before


def test_an_import_that_reorders_dependencies_without_a_loop_is_accepted(sign_in_as):
    g = group(SEED)
    status, _ = _import(sign_in_as("chair@oxford.example.org"), g,
                        b"Task,Start,End,Depends on\nDraft,Mar 27,Apr 27,\nReview,May 27,May 27,Draft\nPublish,Jun 27,Jun 27,Review;Draft\n")
    assert status == 302
    assert _plan_rows(g)[2][-3:] == ["Draft", "Review", "Publish"]


@pytest.mark.parametrize("when", ["9999-12-31", "31/12/1000", "Dec 9999"])
def test_an_import_with_a_date_no_timeline_can_draw_is_refused_and_the_timeline_still_draws(sign_in_as, when):
    g = group(SEED)
    before = _plan_rows(g)
    chair = sign_in_as("chair@oxford.example.org")
    status, page = _import(chair, g, f"Task,Start,End\nFar away,Mar 27,{when}\n".encode())
    assert status == 200 and f"Line 2: not a date or month: '{when}'" in page
    assert _plan_rows(g) == before
    assert chair.get(f"/groups/{g.id}/timeline").status_code == 200
