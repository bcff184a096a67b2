"""One headless Chromium for all browser tests, against the one served app (tests/conftest.py)."""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(what):
    message = f"{what} is not installed: run `make test`, which installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true, so this fails instead of skipping)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        _missing(f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(scope="session")
def axe_source():
    if not AXE.exists():
        _missing("axe-core (node_modules/axe-core)")
    return AXE.read_text()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, base_url, email, password="demo-password-2026"):
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button:has-text('Sign in'), button:has-text('Mewngofnodi')")
    if page.url.endswith("/sign-in/code"):
        from ..conftest import totp_now

        page.fill("#code", totp_now())
        with page.expect_navigation():
            page.click("form button.govuk-button")
    assert "/sign-in" not in page.url, f"sign-in failed for {email}"


def axe_violations(page, axe_source):
    # Evaluated through DevTools, so the page's Content-Security-Policy does not block it.
    page.evaluate(axe_source)
    result = page.evaluate(
        """async () => {
            const result = await axe.run(document, {
                runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
            }));
        }"""
    )
    return result


# WCAG 2.2, 1.4.10 Reflow: at 320 CSS px wide nothing may make the page itself scroll
# sideways. A data table may scroll inside its own labelled, focusable region instead.
REFLOW_WIDTH = 320
DESKTOP = {"width": 1280, "height": 720}


def sideways_scroll(page, width=REFLOW_WIDTH):
    """At ``width`` CSS px: None when the page does not scroll sideways, otherwise how far it
    does and the elements that stick out of their parents, outermost first, to name the cause."""
    page.set_viewport_size({"width": width, "height": 720})
    return page.evaluate(
        """() => {
            const root = document.documentElement;
            const over = root.scrollWidth - root.clientWidth;
            if (over <= 0) return null;
            const edge = root.clientWidth + 0.5;
            const clipped = (element) => {
                for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
                    if (getComputedStyle(up).overflowX !== 'visible') return true;
                }
                return false;
            };
            const name = (element) => element.tagName.toLowerCase()
                + (element.id ? '#' + element.id : '')
                + [...element.classList].slice(0, 2).map(c => '.' + c).join('')
                + ' "' + (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40) + '"';
            const culprits = [];
            for (const element of document.body.querySelectorAll('*')) {
                const box = element.getBoundingClientRect();
                const parent = element.parentElement.getBoundingClientRect();
                if (box.width && box.right > edge && parent.right <= edge && !clipped(element)) {
                    culprits.push(name(element) + ' to ' + Math.round(box.right) + 'px');
                }
            }
            if (!culprits.length) {
                // Something positioned escapes its scrolling box: name the furthest-in things out.
                for (const element of document.body.querySelectorAll('*')) {
                    const out = (e) => e.getBoundingClientRect().right > edge;
                    if (out(element) && ![...element.children].some(out)) {
                        culprits.push(name(element) + ' (' + getComputedStyle(element).position + ') to '
                                      + Math.round(element.getBoundingClientRect().right) + 'px');
                    }
                }
            }
            return {by: over, culprits: culprits.slice(0, 4)};
        }"""
    )


def unfocusable_scrolling_regions(page, axe_source):
    """axe's scrollable-region-focusable at the width the page is now: a region that scrolls
    must be reachable by keyboard, or its hidden part is lost to those who do not use a mouse."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source)
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {runOnly: {type: 'rule', values: ['scrollable-region-focusable']}});
            return result.violations.flatMap(v => v.nodes.map(n => n.target.join(' ')));
        }"""
    )


def wait_until_drawn(page):
    """Wait for what scripts draw after the page has loaded (the directory's map places its
    markers once their GeoJSON arrives): each such part is aria-busy until it is done."""
    page.wait_for_function("() => !document.querySelector('[aria-busy=\"true\"]')")
