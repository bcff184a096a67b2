"""The home page in Chromium: each account's "Your work" passes axe, and on a phone the
menu button tells there is work waiting (with JavaScript), while without it the counts are in
the links themselves."""

import os
import re

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, sign_in

SHOTS = os.environ.get("PORTAL_SCREENSHOTS")


@pytest.mark.parametrize("account", ["rep@oxford.example.org", "secretariat@example.org", "reviewer@example.org"])
def test_each_home_passes_axe_at_desktop_and_phone_widths(page, live_server, axe_source, account):
    sign_in(page, live_server, account)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server}/")
        expect(page.locator("h1")).to_have_text("Your work")
        assert axe_violations(page, axe_source) == [], (account, width)
        if SHOTS:
            page.screenshot(path=os.path.join(SHOTS, f"home-{account.split('@')[0]}-{width}.png"), full_page=True)


def test_the_phone_menu_button_says_how_much_is_waiting(page, live_server):
    sign_in(page, live_server, "rep@oxford.example.org")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server}/")
    button = page.locator(".govuk-service-navigation__toggle")
    expect(button).to_be_visible()
    # The served database is shared with other browser tests, which may leave more waiting.
    expect(button).to_have_text(re.compile(r"^\s*Menu \(\d+\)\s*$"))
    button.click()
    expect(page.get_by_role("link", name="Decisions 2")).to_be_visible()


def test_without_javascript_the_counts_are_in_the_links(browser, live_server):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        sign_in(page, live_server, "rep@oxford.example.org")
        page.goto(f"{live_server}/")
        expect(page.get_by_role("link", name="Decisions 2")).to_be_visible()
    finally:
        context.close()
