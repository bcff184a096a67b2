"""One served app and one headless Chromium for all browser tests.

The app runs on a free loopback port against its own database (a SQLite file, or a
throwaway PostgreSQL database beside the suite's), with CSRF on as in production.
"""

import logging
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from portal.extensions import db

from ..conftest import build_app, throwaway_database, with_demo_network

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
def live_database_url(database_url, tmp_path_factory):
    with throwaway_database(database_url, tmp_path_factory.mktemp("live"), "live") as url:
        yield url


@pytest.fixture(scope="session")
def live_app(live_database_url):
    return with_demo_network(build_app(live_database_url, WTF_CSRF_ENABLED=True))


@pytest.fixture(scope="session")
def live_server(live_app):
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    with live_app.app_context():
        db.engine.dispose()


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
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, base_url, email, password="demo-password-2026"):
    page.goto(f"{base_url}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    page.click("button:has-text('Sign in'), button:has-text('Mewngofnodi')")
    page.wait_for_load_state()
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
