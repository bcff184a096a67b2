"""Every page, in a real browser: accessible (axe-core, WCAG 2.2 A and AA), in both
languages, with no script errors, and usable without JavaScript."""

import pytest
from playwright.sync_api import expect

from ..sweep import PEOPLE, endpoints, expected_allowed
from .conftest import DESKTOP, axe_violations, sideways_scroll, sign_in, unfocusable_scrolling_regions, wait_until_drawn

pytestmark = pytest.mark.browser

# Endpoints that answer with something other than a page.
NOT_PAGES = {"static", "core.favicon", "core.healthz", "core.switch_language"}

# Kinds of person from the route sweep, in both languages between them: together they may
# see every page any kind may see (checked below).
VIEWERS = ["anonymous", "secretariat", "admin", "other member admin", "member admin", "member officer", "reviewer"]


def _pages_for(live_app, kind):
    """The pages the policy lets ``kind`` see, with their samples, which are kept in the
    served app's database so that its pages find them."""
    from portal.auth.models import Person
    from portal.extensions import db

    with live_app.app_context():
        who = db.session.query(Person).filter_by(email=PEOPLE[kind]).one() if PEOPLE[kind] else None
        found = [url for endpoint, method, url, values in endpoints(live_app, methods={"GET"})
                 if endpoint not in NOT_PAGES and expected_allowed(live_app, endpoint, who, values)]
        db.session.commit()
        db.session.remove()
        return found


def test_the_viewers_between_them_see_every_page_the_sweep_draws(app):
    from ..conftest import person

    def seen_by(kinds):
        return {endpoint for endpoint, method, url, values in endpoints(app, methods={"GET"}) if endpoint not in NOT_PAGES
                and any(expected_allowed(app, endpoint, person(PEOPLE[kind]) if PEOPLE[kind] else None, values) for kind in kinds)}

    assert seen_by(PEOPLE) - seen_by(VIEWERS) == set()


@pytest.fixture(scope="session")
def swept(browser, live_server, live_app, axe_source):
    """Every page each viewer may see, visited once in one signed-in context: axe at desktop
    width, then the same page narrowed to 320 px for reflow. What each found is kept, so that
    the axe and the reflow tests share the one visit."""
    found = {}

    def sweep(viewer):
        if viewer in found:
            return found[viewer]
        context = browser.new_context(viewport=DESKTOP)
        page = context.new_page()
        errors = []
        page.on("console", lambda message: errors.append(f"{page.url}: {message.text}") if message.type == "error" else None)
        if PEOPLE[viewer]:
            sign_in(page, live_server, PEOPLE[viewer])
        axe, reflow, checked = {}, {}, []
        urls = _pages_for(live_app, viewer)
        assert urls, "no pages found to check"
        for url in urls:
            if "text/html" not in page.request.get(live_server + url).headers.get("content-type", ""):
                continue  # a download (CSV, calendar, document), not a page
            page.set_viewport_size(DESKTOP)
            response = page.goto(live_server + url)
            # An error page is not the page the policy allows, however accessible it is.
            if response.status >= 400:
                axe[url] = f"answered {response.status}"
                continue
            checked.append(url)
            wait_until_drawn(page)
            violations = axe_violations(page, axe_source)
            if violations:
                axe[url] = violations
            scrolls = sideways_scroll(page)
            if scrolls:
                reflow[url] = scrolls
            unreachable = unfocusable_scrolling_regions(page, axe_source)
            if unreachable:
                axe[url] = [*axe.get(url, []), {"id": "scrollable-region-focusable at 320 px", "nodes": unreachable}]
        context.close()
        found[viewer] = {"axe": axe, "reflow": reflow, "errors": errors, "checked": checked}
        return found[viewer]

    return sweep


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_page_passes_axe(swept, viewer):
    result = swept(viewer)
    assert result["axe"] == {}, _listed(result["axe"])
    assert result["errors"] == []


@pytest.mark.parametrize("viewer", VIEWERS)
def test_every_page_reflows_at_320_px_without_scrolling_sideways(swept, viewer):
    """WCAG 2.2, 1.4.10: at 320 CSS px (a 1280 px screen zoomed to 400%) the page itself never
    scrolls sideways; a wide table scrolls inside its own labelled region."""
    result = swept(viewer)
    assert len(result["checked"]) > 5
    assert result["reflow"] == {}, _listed({url: f"scrolls sideways by {found['by']} px: {'; '.join(found['culprits'])}"
                                            for url, found in result["reflow"].items()})


def _listed(problems):
    return "\n" + "\n".join(f"{url}: {found}" for url, found in problems.items())


def test_a_form_with_errors_passes_axe_and_links_to_its_fields(page, live_server, axe_source):
    page.goto(f"{live_server}/sign-in")
    page.click("button:has-text('Sign in')")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    assert page.title().startswith("Error:")
    assert axe_violations(page, axe_source) == []
    page.click(".govuk-error-summary a[href='#email']")
    assert page.evaluate("document.activeElement.id") == "email"


def test_the_accessibility_check_finds_real_failures(page, axe_source):
    page.set_content('<html><body><input type="text"><img src="x.png"><a href="/x"></a></body></html>')
    found = {violation["id"] for violation in axe_violations(page, axe_source)}
    assert {"label", "image-alt", "link-name", "html-has-lang"} <= found


def test_sign_in_switch_to_welsh_and_read_a_translated_page(page, live_server):
    sign_in(page, live_server, "rep@oxford.example.org")
    expect(page.locator("h1")).to_have_text("Your work")
    page.click("a[hreflang='cy']")
    expect(page.locator("h1")).to_have_text("Eich gwaith")
    assert page.locator("html").get_attribute("lang") == "cy"
    expect(page.locator("a:has-text('Allgofnodi')")).to_have_count(1)
    page.goto(f"{live_server}/account/")
    expect(page.locator("h1")).to_have_text("Eich cyfrif")
    # The choice is saved: it follows the person to a new session.
    page.context.clear_cookies()
    sign_in(page, live_server, "rep@oxford.example.org")
    expect(page.locator("h1")).to_have_text("Eich gwaith")
    page.click("a[hreflang='en']")
    expect(page.locator("h1")).to_have_text("Your work")


def test_error_messages_are_in_welsh_for_a_welsh_reader(page, live_server):
    page.goto(f"{live_server}/language/cy?next=/sign-in")
    page.click("button:has-text('Mewngofnodi')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Mae problem wedi codi")
    expect(page.locator("#email-error .govuk-visually-hidden")).to_have_text("Gwall:")


def test_the_portal_works_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    sign_in(page, live_server, "secretariat@example.org")
    page.click("a:has-text('People')")
    expect(page.locator("h1")).to_have_text("People")
    page.click("a:has-text('Invite a person')")
    page.fill("#name", "Dafydd Price")
    page.fill("#email", "dafydd.nojs@example.org")
    page.click("button:has-text('Send invitation')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Invitation sent to dafydd.nojs@example.org")
    page.goto(f"{live_server}/sign-out")
    page.click("button:has-text('Sign out')")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("You have signed out.")
    context.close()


def test_password_can_be_shown_with_javascript(page, live_server):
    page.goto(f"{live_server}/sign-in")
    page.fill("#password", "secret words")
    page.click("button.govuk-password-input__toggle")
    assert page.locator("#password").get_attribute("type") == "text"


def test_a_ranked_and_approval_ballot_is_accessible_and_explains_mistakes(browser, live_app, live_server, axe_source):
    from datetime import timedelta

    from sqlalchemy import select

    from portal.auth.models import Person
    from portal.db import utcnow
    from portal.decisions.rules import lifecycle
    from portal.extensions import db

    with live_app.app_context():
        secretariat = db.session.scalar(select(Person).where(Person.email == "secretariat@example.org"))
        oxford_id = db.session.scalar(select(Person.member_id).where(Person.email == "rep@oxford.example.org"))
        now = utcnow()
        made = lifecycle.create(by=secretariat, title_en="Officers", opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(hours=2))
        lifecycle.add_question(made, method="ranked", text_en="Chair", seats=1, options=[("Ann", ""), ("Bryn", ""), ("Cai", "")])
        lifecycle.add_question(made, method="approval", text_en="Themes", max_choices=2, seats=2,
                               options=[("Energy", ""), ("Food", ""), ("Care", "")])
        lifecycle.schedule(made, by=secretariat)
        lifecycle.open_voting(made)
        db.session.commit()
        decision_id = made.id
        db.session.remove()
    # axe needs JavaScript; the journey without it is tested above.
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, "rep@oxford.example.org")
    page.goto(f"{live_server}/decisions/{decision_id}/ballot/{oxford_id}")
    assert axe_violations(page, axe_source) == []
    page.select_option("select >> nth=0", label="Ann")
    page.select_option("select >> nth=2", label="Bryn")  # a gap at preference 2
    for label in ("Energy", "Food", "Care"):
        page.check(f"label:has-text('{label}')")
    page.click("button:has-text('Cast the ballot')")
    expect(page.locator(".govuk-error-summary")).to_contain_text("without leaving gaps")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose up to 2 options")
    assert axe_violations(page, axe_source) == []
    page.select_option("select >> nth=1", label="Bryn")
    page.select_option("select >> nth=2", label="No preference")
    page.uncheck("label:has-text('Care')")
    page.click("button:has-text('Cast the ballot')")
    expect(page.locator(".govuk-panel")).to_contain_text("Ballot received")
    context.close()


def test_forum_pages_with_posts_pass_axe_for_a_moderator(browser, live_server, live_app, axe_source):
    """The sweep's sample thread is a private one; these are the busy public pages, with a
    moderator's tools showing."""
    from sqlalchemy import select

    from portal.extensions import db
    from portal.forum.models import Thread

    with live_app.app_context():
        threads = db.session.scalars(select(Thread.id).where(Thread.title.like("Co-operative placemaking%") | Thread.title.like("Social value%"))).all()
        db.session.remove()
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, "moderator@example.org")
    problems = {}
    for url in [*(f"/forum/threads/{t}" for t in threads), "/forum/moderation/", "/forum/search?q=organiser", f"/forum/moderation/threads/{threads[0]}"]:
        page.goto(live_server + url)
        expect(page.locator("h1")).to_be_visible()
        violations = axe_violations(page, axe_source)
        if violations:
            problems[url] = violations
    context.close()
    assert problems == {}


def test_setting_up_an_authenticator_app_passes_axe_and_shows_the_qr_code(browser, live_server, axe_source):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, "officer@stevenage.example.org")
    page.goto(f"{live_server}/account/second-factor")
    with page.expect_navigation():
        page.click("button:has-text('Set up an authenticator app')")
    expect(page.locator(".portal-qr svg")).to_be_visible()
    assert page.locator(".portal-qr svg title").text_content() == "QR code for your authenticator app"
    assert axe_violations(page, axe_source) == []
    context.close()


def test_the_directory_map_shows_the_markers_without_a_tile_server(browser, live_server, axe_source):
    import json
    import urllib.request

    with urllib.request.urlopen(f"{live_server}/directory/entries.geojson?area=E06000027") as response:
        expected = len(json.load(response)["features"])
    assert expected > 5
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    outside = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(live_server) else None)
    page.goto(f"{live_server}/directory/map?area=E06000027")
    expect(page.locator("#directory-map")).to_have_attribute("data-markers", str(expected))
    expect(page.locator("#directory-map-status")).to_have_text(f"{expected} organisations on the map")
    # Clustered: what is on screen is markers and clusters that together hold every organisation.
    shown = page.locator(".portal-map__marker").count()
    clustered = sum(int(text) for text in page.locator(".marker-cluster span").all_text_contents())
    assert shown + clustered == expected
    assert outside == []  # no tiles, no fonts, nothing from elsewhere
    assert axe_violations(page, axe_source) == []
    # A marker opens a popup that links to the entry.
    page.locator(".marker-cluster").first.click() if clustered else None
    page.locator(".portal-map__marker").first.click()
    page.locator(".leaflet-popup a.govuk-link").click()
    expect(page.locator("h1")).to_be_visible()
    assert "/directory/" in page.url and "map" not in page.url
    context.close()


def test_the_map_is_busy_until_its_markers_stand_still_so_axe_reads_it_whole(browser, live_server, axe_source):
    """The sweep runs axe on the map once nothing on it is aria-busy (wait_until_drawn): that
    moment must come after the markers are placed and before nothing moves, with motion allowed."""
    context = browser.new_context()
    page = context.new_page()
    held = []
    page.route("**/directory/entries.geojson*", lambda route: held.append(route))  # the markers' data, held back
    page.goto(f"{live_server}/directory/map?area=E06000027")
    expect(page.locator("#directory-map")).to_have_attribute("aria-busy", "true")
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    wait_until_drawn(page)
    placed = page.evaluate("""() => ({
        markers: Number(document.getElementById('directory-map').dataset.markers),
        drawn: document.querySelectorAll('.portal-map__marker, .marker-cluster').length,
        moving: document.getAnimations().length + document.querySelectorAll('.leaflet-cluster-anim, .leaflet-zoom-anim').length,
    })""")
    assert placed["markers"] > 5 and placed["drawn"] > 0
    assert placed["moving"] == 0
    assert axe_violations(page, axe_source) == []
    context.close()


def test_the_directory_list_and_filters_work_without_javascript(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server}/directory/map")
    expect(page.locator(".portal-map__fallback")).to_contain_text("The map needs JavaScript")
    page.click("a:has-text('The same organisations as a list')")
    page.check("#sector-care")
    page.select_option("#area", "E07000243")
    page.click("button:has-text('Filter')")
    expect(page.locator(".portal-directory-list")).to_contain_text("Bedwell Carers' Co-operative")
    expect(page.locator(".portal-directory-list")).not_to_contain_text("Headington Care Co-operative")
    page.click("a:has-text('Bedwell Carers')")
    expect(page.locator("h1")).to_contain_text("Bedwell Carers' Co-operative")
    context.close()
