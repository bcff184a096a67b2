"""Reflow (WCAG 2.2, 1.4.10) beyond the sweep (test_pages.py checks every page at 320 px): the
check itself, and the busiest pages in Welsh, whose words are longer."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, sideways_scroll, sign_in, unfocusable_scrolling_regions, wait_until_drawn

pytestmark = pytest.mark.browser

WIDE_TABLE = "<table><tr>" + "<td>Cyfanswm&nbsp;a&nbsp;anfonebwyd</td>" * 8 + "</tr></table>"


def test_the_reflow_check_finds_a_page_that_scrolls_sideways_and_names_the_cause(page, axe_source):
    page.set_content(f'<html lang="en"><body><main><h1>Money</h1>{WIDE_TABLE}</main></body></html>')
    found = sideways_scroll(page)
    assert found["by"] > 500
    assert found["culprits"][0].startswith('table "Cyfanswm')
    # In a region of its own that scrolls, the table no longer moves the page; the region must
    # then take the keyboard's focus, or a keyboard cannot reach what is hidden.
    page.set_content(f'<html lang="en"><body><main><h1>Money</h1><div role="region" aria-label="Money" style="overflow-x: auto">'
                     f'{WIDE_TABLE}</div></main></body></html>')
    assert sideways_scroll(page) is None
    assert unfocusable_scrolling_regions(page, axe_source) != []


def test_the_busiest_pages_reflow_in_welsh_at_320_px(browser, live_server, live_app, axe_source):
    from sqlalchemy import select

    from portal.decisions.models import Decision, Question
    from portal.extensions import db
    from portal.forum.models import Thread
    from portal.groups.models import Group

    with live_app.app_context():
        group = db.session.scalar(select(Group.id).where(Group.name.like("Growing an Inclusive%")))
        stv = db.session.scalar(select(Decision.id).join(Question).where(Question.method == "ranked", Question.seats > 1,
                                                                         Decision.status == "published"))
        thread = db.session.scalar(select(Thread.id).where(Thread.title.like("Co-operative placemaking%")))
        db.session.remove()
    context = browser.new_context(viewport={"width": 320, "height": 720})
    page = context.new_page()
    sign_in(page, live_server, "secretariat@example.org")
    page.goto(f"{live_server}/language/cy?next=/")
    problems = {}
    try:
        for url in ["/secretariat/", f"/decisions/{stv}/results", f"/groups/{group}/timeline", f"/forum/threads/{thread}",
                    "/account/my-data", "/audit/", "/people/", "/secretariat/members", "/directory/map"]:
            page.goto(live_server + url)
            expect(page.locator("html")).to_have_attribute("lang", "cy")
            wait_until_drawn(page)
            found = [sideways_scroll(page), unfocusable_scrolling_regions(page, axe_source)]
            if any(found):
                problems[url] = found
        # The dashboard's table of members by tier and status is its widest: named and
        # reachable, it scrolls inside its region and axe has nothing to say at this width.
        page.goto(f"{live_server}/secretariat/")
        region = page.locator(".portal-table-region[role=region][tabindex='0']").filter(has_text="Haen")
        expect(region).to_have_attribute("aria-labelledby", "tiers-caption")
        assert region.evaluate("region => region.scrollWidth > region.clientWidth")
        assert axe_violations(page, axe_source) == []
    finally:
        page.goto(f"{live_server}/language/en?next=/")
        context.close()
    assert problems == {}
