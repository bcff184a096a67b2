"""Pictures drawn on the server, as Chromium draws them, in English and Welsh, wide and on a
phone: no word of any chart cut or laid on another, arrows that end at what they point to,
an STV count every stage of which can be read, and a timeline that prints across the page."""

import contextlib
import re
from datetime import date, timedelta

import pytest

from .conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

# Every word of each picture on the page: inside its picture, on no other word, never cut
# short with an ellipsis; and every name and figure of a bar chart inside its chart, whole.
WORDS_PROBLEMS = """() => {
    const problems = [];
    const shown = (element) => element.getClientRects().length > 0;
    const words = (element) => element.textContent.trim().replace(/\\s+/g, ' ').slice(0, 50);
    const inside = (r, box) => r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    const meet = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    for (const svg of document.querySelectorAll('main svg')) {
        if (!shown(svg)) continue;
        const box = svg.getBoundingClientRect();
        const texts = [...svg.querySelectorAll('text')].map((text) => [words(text), text.getBoundingClientRect()]);
        for (const [n, [text, r]] of texts.entries()) {
            if (!inside(r, box)) problems.push(`"${text}" reaches past the edge of its picture`);
            if (text.includes('…')) problems.push(`"${text}" is cut short`);
            for (const [other, s] of texts.slice(n + 1)) {
                if (meet(r, s)) problems.push(`"${text}" lies on "${other}"`);
            }
        }
    }
    for (const chart of document.querySelectorAll('main .portal-bars')) {
        if (!shown(chart)) continue;
        const box = chart.getBoundingClientRect();
        for (const part of chart.querySelectorAll('.portal-bars__label, .portal-bars__value')) {
            if (!inside(part.getBoundingClientRect(), box) || part.scrollWidth > part.clientWidth + 1) {
                problems.push(`"${words(part)}" is cut`);
            }
        }
    }
    return problems;
}"""

# Where each dependency arrow of the timeline ends, against the box of the task it points to.
ARROW_ENDS = """() => [...document.querySelectorAll('.portal-gantt svg path[data-to]')].map((path) => {
    const end = path.getPointAtLength(path.getTotalLength());
    const shape = path.ownerSVGElement.querySelector(`[data-task="${path.dataset.to}"] .portal-gantt__shape`).getBBox();
    return {to: path.dataset.to, x: end.x, y: end.y, left: shape.x, top: shape.y, bottom: shape.y + shape.height};
})"""

# The cells of each displayed table of the count that fall outside the page's column (cut,
# or only seen by scrolling sideways), and the stages named in a displayed heading.
COUNT_LAYOUT = """(stage) => {
    const column = document.querySelector('main').getBoundingClientRect();
    const shown = (element) => element.getClientRects().length > 0;
    const tables = [...document.querySelectorAll('main table')].filter((table) => shown(table)
        && [...table.querySelectorAll('caption, th')].some((head) => new RegExp(stage + ' \\\\d+\\\\b').test(head.textContent)));
    const outside = tables.flatMap((table) => [...table.querySelectorAll('th, td')]).filter((cell) => {
        const r = cell.getBoundingClientRect();
        return r.left < column.left - 0.5 || r.right > column.right + 0.5;
    }).map((cell) => cell.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40));
    const named = tables.flatMap((table) => [...table.querySelectorAll('caption, th')])
        .flatMap((head) => [...head.textContent.matchAll(new RegExp(stage + ' (\\\\d+)', 'g'))].map((found) => Number(found[1])));
    return {tables: tables.length, outside, stages: [...new Set(named)].sort((a, b) => a - b)};
}"""


@pytest.fixture(scope="module")
def drawn(live_app):
    """The pages with pictures: the demo's timelines, results and dashboard, with a long plan
    of long Welsh names over some thirty months, and two large STV elections (6 and 10 stages)."""
    from sqlalchemy import select

    from portal.decisions.models import Decision
    from portal.extensions import db
    from portal.groups.models import Group, Task, TaskDependency

    from ..decisions.elections import published_election
    from ..groups.helpers import group

    with live_app.app_context():
        long_plan = Group(name="Gweithgor y rhaglen waith gydweithredol", kind="working")
        start = date.today().replace(day=1) - timedelta(days=400)
        titles = [
            "Casglu astudiaethau achos, dulliau dysgu ac ymarfer yn seiliedig ar le o bob cyngor sy'n bartner",
            "Dadansoddi'r dulliau a gasglwyd a llunio rhestr fer o offer ac astudiaethau achos",
            "Cyflwyno'r cynlluniau peilot profi a dysgu ym mhob ardal",
            "Gweithdai", "Datblygu'r pecyn cymorth", "Cyhoeddi a hyrwyddo'r adroddiad terfynol",
        ]
        tasks = [Task(position=n, title=title, phase="Cam un: ymchwil a datblygu" if n < 3 else "Cam dau: cyhoeddi",
                      starts_on=start + timedelta(days=150 * n), ends_on=start + timedelta(days=150 * n + 200),
                      status=("done", "in_progress", "in_progress", "not_started", "not_started", "not_started")[n],
                      percent=(100, 60, 30, 0, 0, 0)[n], milestone=n in (2, 5)) for n, title in enumerate(titles)]
        tasks[-1].starts_on = tasks[-1].ends_on  # a milestone on the plan's very last day
        for task in tasks:
            task.group = long_plan
        db.session.add_all([long_plan, *tasks])
        db.session.flush()
        db.session.add_all(TaskDependency(task_id=after.id, predecessor_id=before.id) for before, after in zip(tasks, tasks[1:]))
        elections = [published_election(6, 0), published_election(9, 2)]
        db.session.commit()
        board = db.session.scalar(select(Decision.id).where(Decision.title_en.like("Election to the Values%")))
        programme = db.session.scalar(select(Decision.id).where(Decision.title_en.like("Work programme%")))
        pages = {
            "timelines": [f"/groups/{group(name).id}/timeline" for name in ("Growing an Inclusive", "Social value measures")]
            + [f"/groups/{long_plan.id}/timeline"],
            "results": [f"/decisions/{programme}/results", f"/decisions/{board}/results"],
            "counts": {4: f"/decisions/{board}/results", 6: f"/decisions/{elections[0].id}/results",
                       10: f"/decisions/{elections[1].id}/results"},
            "dashboard": "/secretariat/",
        }
        db.session.remove()
    return pages


@contextlib.contextmanager
def _as_secretariat(browser, live_server, language, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    sign_in(page, live_server, "secretariat@example.org")
    try:
        page.goto(f"{live_server}/language/{language}?next=/")
        yield page
    finally:
        # The choice of language is saved on the person: give back the English the other tests expect.
        page.goto(f"{live_server}/language/en?next=/")
        context.close()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language", ["en", "cy"])
def test_no_word_of_any_chart_is_cut_or_laid_on_another(browser, live_server, drawn, language, width):
    problems = {}
    with _as_secretariat(browser, live_server, language, width) as page:
        for url in [*drawn["timelines"], *drawn["results"], *drawn["counts"].values(), drawn["dashboard"]]:
            assert page.goto(live_server + url).status == 200
            found = page.evaluate(WORDS_PROBLEMS)
            if found:
                problems[url] = found
    assert problems == {}


def test_each_timeline_fills_the_page_and_its_arrows_end_at_what_they_point_to(browser, live_server, drawn):
    with _as_secretariat(browser, live_server, "en", 1280) as page:
        for url in drawn["timelines"]:
            page.goto(live_server + url)
            chart, column = page.locator(".portal-gantt svg").bounding_box(), page.locator("main").bounding_box()
            assert chart["width"] == pytest.approx(column["width"], abs=1)
            ends = page.evaluate(ARROW_ENDS)
            assert ends, f"no arrows on {url}"
            for end in ends:
                assert end["x"] == pytest.approx(end["left"], abs=0.6), f"an arrow to task {end['to']} on {url} stops short or runs in"
                assert end["top"] <= end["y"] <= end["bottom"], f"an arrow to task {end['to']} on {url} ends above or below it"


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("language, stage", [("en", "Stage"), ("cy", "Cam")])
def test_every_stage_of_a_count_can_be_read_wide_and_on_a_phone(browser, live_server, drawn, language, stage, width):
    with _as_secretariat(browser, live_server, language, width) as page:
        for stages, url in drawn["counts"].items():
            page.goto(live_server + url)
            layout = page.evaluate(COUNT_LAYOUT, stage)
            assert layout["outside"] == [], f"{url}: cells outside the page"
            assert layout["stages"] == list(range(1, stages + 1)), url
            # Wide, a count that fits is one table with a column for each stage; on a phone, a block for each.
            assert layout["tables"] == (1 if width == 1280 and stages <= 6 else stages), url
            figures = page.locator(".portal-stages__figure:visible").all_text_contents()
            assert figures and all(re.fullmatch(r"\+?[\d,]+\.\d\d", figure.strip()) for figure in figures), url


def test_the_timeline_prints_across_a_landscape_page(browser, live_server, drawn):
    with _as_secretariat(browser, live_server, "en", 1280) as page:
        page.goto(live_server + drawn["timelines"][0])
        page.emulate_media(media="print")
        pdf = page.pdf(prefer_css_page_size=True)
        sizes = [tuple(float(n) for n in size) for size in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)]
        assert sizes and all(width > height for width, height in sizes)  # A4 on its side, from the first page
        assert not page.locator(".govuk-service-navigation").is_visible()
        assert page.evaluate(WORDS_PROBLEMS) == []
        page.emulate_media(media="screen")


def test_the_downloaded_timeline_looks_the_same_without_the_portal(browser, live_server, drawn):
    with _as_secretariat(browser, live_server, "cy", 1280) as page:
        response = page.request.get(live_server + drawn["timelines"][2].replace("/timeline", "/timeline.svg"))
        assert response.headers["content-type"].startswith("image/svg+xml")
        svg = response.text()
        page.set_content(f"<!doctype html><html lang='cy'><body style='margin:0'><main>{svg.split('?>', 1)[1]}</main></body></html>")
        assert page.evaluate(WORDS_PROBLEMS) == []
        assert "Cyhoeddi a hyrwyddo'r adroddiad terfynol" in page.locator("svg g > title").all_text_contents()
        fills = page.eval_on_selector_all("svg .portal-gantt__shape", "shapes => shapes.map(s => getComputedStyle(s).fill)")
        assert fills and "rgb(0, 0, 0)" not in fills  # coloured by the file itself, not left black


def test_the_drawn_pages_pass_axe_in_welsh_on_a_phone(browser, live_server, drawn, axe_source):
    """The route sweep checks each page in English, wide; the count's blocks and the long
    plan are only drawn here."""
    problems = {}
    with _as_secretariat(browser, live_server, "cy", 375) as page:
        for url in [*drawn["timelines"], *drawn["counts"].values()]:
            page.goto(live_server + url)
            violations = axe_violations(page, axe_source)
            if violations:
                problems[url] = violations
    assert problems == {}
