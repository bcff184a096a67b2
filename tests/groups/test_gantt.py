"""The timeline picture's geometry (rules/gantt.py): every label measured, none cut, none
past the edge, none on another; states in words; arrows that end at what they point to."""

import html
import xml.etree.ElementTree as ElementTree
from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from portal.core.drawing import text_width
from portal.groups.rules import gantt

from .helpers import group

WORDS = {"done": "Done", "overdue": "Overdue", "not_started": "Not started", "progress": "Progress", "today": "Today"}
WELSH = {"done": "Wedi'i gwneud", "overdue": "Hwyr", "not_started": "Heb ddechrau", "progress": "Cynnydd", "today": "Heddiw"}


def _task(n, starts_on, ends_on, title=None, phase="", status="in_progress", percent=0, milestone=False):
    return SimpleNamespace(id=n, title=title or f"Task {n}", phase=phase, starts_on=starts_on, ends_on=ends_on, status=status,
                           percent=percent, milestone=milestone,
                           overdue_on=lambda day, ends_on=ends_on, status=status: status != "done" and ends_on < day)


def _span(months, locale="en_GB", words=WORDS, day=date(2020, 1, 1)):
    """A plan of two tasks from January 2026 running ``months`` months."""
    end = date(2026 + (months - 1) // 12, (months - 1) % 12 + 1, 28)
    tasks = [_task(1, date(2026, 1, 5), date(2026, 2, 1)), _task(2, date(2026, 3, 1), end)]
    return gantt.layout(tasks, {}, [], day, locale, words)


def _row_labels(picture, y):
    return [label for label in picture.axis if label.y == y]


def _assert_apart_and_inside(picture):
    for y in {label.y for label in picture.axis}:
        labels = sorted(_row_labels(picture, y), key=lambda label: label.left)
        for one, after in zip(labels, labels[1:]):
            assert one.right + 2 <= after.left, f"{one.text!r} runs into {after.text!r}"
    everything = [*picture.axis, *(row.mark for row in picture.rows if row.mark), *([picture.today] if picture.today else [])]
    for label in everything:
        assert 0 <= label.left and label.right <= picture.width, f"{label.text!r} is cut at the edge"


def _months(picture):
    return [label.text for label in _row_labels(picture, gantt.MONTHS_Y) if not label.bold]


def _years(picture):
    return [label.text for label in _row_labels(picture, gantt.YEARS_Y)]


def test_a_short_plan_names_every_month_and_fills_the_width():
    picture = _span(6)
    assert _months(picture) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
    assert _years(picture) == ["2026"] and picture.width == gantt.WIDTH
    _assert_apart_and_inside(picture)


@pytest.mark.parametrize("months, shown, years", [
    (36, ["Jan", "Apr", "Jul", "Oct"] * 3, ["2026", "2027", "2028"]),  # quarters
    (144, [], [str(year) for year in range(2026, 2038)]),  # years alone
    (720, [], ["2030", "2035", "2040", "2045", "2050", "2055"]),  # every fifth year: sixty are too many to name
])
def test_longer_plans_thin_their_labels_to_quarters_then_years(months, shown, years):
    picture = _span(months)
    assert _months(picture) == shown
    assert _years(picture)[:6] == years[:6]
    _assert_apart_and_inside(picture)


@pytest.mark.parametrize("months", [1, 2, 5, 11, 13, 18, 25, 40, 61, 100, 250])
def test_no_two_labels_meet_at_any_span_in_either_language(months):
    for locale, words in (("en_GB", WORDS), ("cy", WELSH)):
        _assert_apart_and_inside(_span(months, locale, words, day=date(2026, 2, 10)))


def test_long_welsh_month_names_are_shortened_before_any_month_is_left_out():
    long_name = "Casglu astudiaethau achos, dulliau dysgu ac ymarfer yn seiliedig ar le o bob cyngor"
    tasks = [_task(1, date(2021, 3, 1), date(2021, 4, 30), title=long_name, status="done", percent=100),
             _task(2, date(2022, 1, 1), date(2022, 3, 31), status="done", percent=100)]
    welsh = gantt.layout(tasks, {}, [(2, 1)], date(2026, 1, 1), "cy", WELSH)
    assert _months(welsh) == ["Maw", "Ebr", "Mai", "Meh", "Gor", "Awst", "Medi", "Hyd", "Tach", "Rhag", "Ion", "Chw", "Maw"]
    english = gantt.layout(tasks, {}, [(2, 1)], date(2026, 1, 1), "en_GB", WORDS)
    assert _months(english)[-3:] == ["Jan", "Feb", "Mar"]
    _assert_apart_and_inside(welsh)


def test_long_names_wrap_whole_beside_the_bars():
    title = "Analyse collated approaches and shortlist tools and case studies with every partner council and " * 2
    unbroken = "Cydweithredol" * 8
    tasks = [_task(1, date(2026, 1, 1), date(2026, 3, 1), title=title.strip()), _task(2, date(2026, 2, 1), date(2026, 4, 1), title=unbroken)]
    picture = gantt.layout(tasks, {}, [], date(2026, 2, 1), "en_GB", WORDS)
    first, second = picture.rows
    assert " ".join(first.lines) == title.strip() and "".join(second.lines) == unbroken
    assert len(first.lines) > 3 and len(second.lines) > 1
    for row in picture.rows:
        assert all(gantt.INDENT + text_width(line, gantt.LABEL_SIZE) <= picture.label_width for line in row.lines)
        assert row.height >= len(row.lines) * gantt.LINE and row.left > picture.label_width
    assert second.y == first.y + first.height


def test_a_milestone_and_today_at_the_very_end_stay_inside_the_picture():
    tasks = [_task(1, date(2026, 1, 1), date(2026, 5, 31), percent=40),
             _task(2, date(2026, 6, 30), date(2026, 6, 30), title="Publish", milestone=True, status="not_started")]
    picture = gantt.layout(tasks, {}, [(2, 1)], date(2026, 6, 30), "cy", WELSH)
    milestone = picture.rows[1]
    assert milestone.diamond[2] <= picture.width and milestone.diamond[2] < picture.marks_x
    assert picture.today.anchor == "end" and picture.today.left >= picture.label_width
    _assert_apart_and_inside(picture)


def test_arrows_end_at_the_diamond_of_a_milestone_and_start_at_its_other_tip():
    tasks = [_task(1, date(2021, 3, 1), date(2021, 4, 30)),
             _task(2, date(2021, 6, 1), date(2021, 11, 30), title="Milestone 1", milestone=True),
             _task(3, date(2021, 11, 1), date(2022, 1, 31), title="Develop toolkit")]
    picture = gantt.layout(tasks, {}, [(2, 1), (3, 2)], date(2026, 1, 1), "en_GB", WORDS)
    rows = {row.task.id: row for row in picture.rows}
    into, out_of = picture.arrows
    left, _top, right, _bottom = rows[2].diamond
    assert into.path.endswith(f"V{rows[2].middle:.1f} H{left:.1f}")
    assert rows[2].diamond[0] > rows[2].x + 100  # the diamond sits on the milestone's date, not its start
    # The toolkit starts before the milestone's date: the arrow goes round, and still arrives from the left.
    assert out_of.path.startswith(f"M{right:.1f},{rows[2].middle:.1f}")
    assert out_of.path.endswith(f"H{rows[3].x - gantt.GAP:.1f} V{rows[3].middle:.1f} H{rows[3].x:.1f}")


def test_each_state_is_told_in_words_not_by_colour_alone():
    tasks = [_task(1, date(2026, 1, 1), date(2026, 2, 1), status="done", percent=100),
             _task(2, date(2026, 1, 1), date(2026, 2, 1), percent=70),
             _task(3, date(2026, 2, 1), date(2026, 4, 1), percent=40),
             _task(4, date(2026, 3, 1), date(2026, 4, 1), status="not_started")]
    picture = gantt.layout(tasks, {}, [], date(2026, 3, 1), "cy", WELSH)
    assert [(row.state, row.mark.text, row.mark.bold) for row in picture.rows] == [
        ("done", "Wedi'i gwneud", False), ("overdue", "Hwyr", True), ("in_progress", "40%", False), ("not_started", "Heb ddechrau", False)]
    assert picture.rows[0].done_width == picture.rows[0].width and picture.rows[1].overdue


def test_two_hundred_tasks_over_three_years_fit_the_page():
    tasks = [_task(n, date(2026, 1, 1) + timedelta(days=(n * 5) % 1000), date(2026, 1, 1) + timedelta(days=(n * 5) % 1000 + 20 + n % 60),
                   phase=f"Phase {n // 50}", percent=n % 100, milestone=n % 25 == 0) for n in range(200)]
    picture = gantt.layout(tasks, {}, [(n, n - 1) for n in range(1, 200)], date(2027, 6, 1), "en_GB", WORDS)
    assert len([r for r in picture.rows if r.kind == "task"]) == 200 and picture.width == gantt.WIDTH
    assert picture.height < 200 * 30
    assert len(picture.arrows) == 199 and picture.today_x is not None
    assert any(r.overdue for r in picture.rows if r.kind == "task")
    _assert_apart_and_inside(picture)


def test_the_timeline_downloads_as_a_picture_that_stands_alone(sign_in_as):
    g = group("Growing an Inclusive")
    response = sign_in_as("chair@oxford.example.org").get(f"/groups/{g.id}/timeline.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert response.headers["Content-Disposition"].startswith(f'attachment; filename="timeline-{g.id}-')
    svg = ElementTree.fromstring(response.get_data())
    ns = {"svg": "http://www.w3.org/2000/svg"}
    assert svg.find("svg:title", ns).text.startswith(f"Timeline of {g.name} on ")
    words = html.unescape(response.get_data(as_text=True))
    assert "Collate Case Studies, learning and place" in words and "Milestone 3: Publish/ promote report" in words
    # Its colours are its own, not the portal's stylesheet's, which a downloaded file does not have.
    shapes = svg.findall(".//svg:rect[@class]", ns) + svg.findall(".//svg:polygon", ns)
    assert shapes and all(shape.get("fill") for shape in shapes)
    assert svg.get("font-family").startswith("Arial")
