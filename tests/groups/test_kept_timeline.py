"""The timeline is drawn once for each state of the plan and kept: every change anyone could
see must still show at once, to every viewer, in their language and with their permissions."""

import html
import re

from sqlalchemy import select

from portal.extensions import db
from portal.groups.models import Group
from portal.membership.models import Member
from portal.privacy import rules as privacy

from ..conftest import person
from ..test_routes import QueryCounter
from .helpers import group, task
from .test_plan import _edit

SEED = "Growing an Inclusive"


def _timeline(client, g):
    response = client.get(f"/groups/{g.id}/timeline")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def test_a_timeline_is_drawn_once_until_its_plan_changes(sign_in_as, rollback):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    first = _timeline(chair, g)
    with QueryCounter(rollback.connection) as again:
        second = _timeline(chair, g)
    # The navigation's count of waiting work asks about tasks too (its statement names a section).
    drawn = [s for s in again.statements if re.search(r"\bFROM task\b", s) and " AS section" not in s]
    assert again.count and not drawn, "the kept timeline was drawn again"
    assert _without_nonce(second) == _without_nonce(first)

    _edit(chair, g, task(g, "Collate Case Studies"), title="Collate the case studies from every council")
    page = _timeline(chair, g)
    assert "Collate the case studies from every council" in page
    assert "Collate Case Studies<" not in page


def test_dependencies_baselines_and_new_tasks_show_at_once(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    _timeline(chair, g)
    first, last = task(g, "Collate Case Studies"), task(g, "Milestone 1")
    _edit(chair, g, last, predecessor_ids=[str(d.predecessor_id) for d in last.depends_on] + [str(first.id)])
    assert "Collate Case Studies" in _row(_timeline(chair, g), "Milestone 1")

    chair.post(f"/groups/{g.id}/tasks/new", data={
        "title": "Write up the lessons", "starts_on": ["1", "12", "2021"], "ends_on": ["20", "12", "2021"],
        "status": "not_started", "percent": "0", "owner_member_id": "0", "owner_person_id": "0",
    })
    page = _timeline(chair, g)
    assert "Write up the lessons" in page and "Not in the baseline" in _row(page, "Write up the lessons")

    response = chair.post(f"/groups/{g.id}/baseline", data={"confirm": "y"})
    assert response.status_code == 302
    page = _timeline(chair, g)
    assert "Not in the baseline" not in page


def test_renaming_an_organisation_or_erasing_a_person_reaches_the_kept_timeline(sign_in_as):
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    pilots = task(g, "Milestone 1")
    owner = person("rep@torbay.example.org")
    _edit(chair, g, pilots, owner_person_id=str(owner.id))
    assert owner.name in _timeline(chair, g)
    oxford = db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))
    oxford.name = "Oxford City Council (Co-operative Development)"
    db.session.commit()
    assert "Oxford City Council (Co-operative Development)" in _timeline(chair, g)

    name = owner.name
    privacy.erase(owner, by=person("secretariat@example.org"))
    db.session.commit()
    page = _timeline(chair, g)
    assert name not in page and f"Former user {owner.id}" in page


def test_each_viewer_gets_the_timeline_their_permissions_and_language_allow(sign_in_as):
    board = group("Values and Principles Board")  # open: anyone signed in may read its plan
    editor = sign_in_as("cynrychiolydd@cardiff.example.org")  # in the board, writes in Welsh
    reader = sign_in_as("rep@torbay.example.org")  # not in it
    editor.post(f"/groups/{board.id}/tasks/new", data={
        "title": "Agree the values statement", "starts_on": ["1", "3", "2027"], "ends_on": ["30", "4", "2027"],
        "status": "not_started", "percent": "0", "owner_member_id": "0", "owner_person_id": "0",
    })
    added = task(board, "Agree the values statement")
    link = f'href="/groups/{board.id}/tasks/{added.id}"'
    reading = _timeline(reader, board)
    assert "Agree the values statement" in reading and link not in reading
    assert "Against the baseline" in reading
    editing = _timeline(editor, board)
    assert link in editing
    assert "Against the baseline" not in editing and "Tasg" in editing  # Welsh column headings
    assert link not in _timeline(reader, board)


def test_a_rolled_back_change_never_meets_a_later_one(sign_in_as, rollback):
    """A counter would give the undone change and the next one the same number, and the
    kept copy of the first would be shown for the second."""
    g = group(SEED)
    chair = sign_in_as("chair@oxford.example.org")
    stamp = g.plan_stamp
    with rollback.savepoint():
        _edit(chair, g, task(g, "Collate Case Studies"), title="A title that was undone")
        assert "A title that was undone" in _timeline(chair, g)
    assert db.session.get(Group, g.id).plan_stamp == stamp
    assert "A title that was undone" not in _timeline(chair, g)
    _edit(chair, g, task(g, "Collate Case Studies"), title="The title that stayed")
    page = _timeline(chair, g)
    assert "The title that stayed" in page and "A title that was undone" not in page


def _row(page, title):
    """The plan table's row for the task of ``title``."""
    start = page.index(title, page.index("<tbody"))
    return page[start:page.index("</tr>", start)]


def _nonce(page):
    return page.split('nonce="', 1)[1].split('"', 1)[0]


def _without_nonce(page):
    return page.replace(_nonce(page), "")
