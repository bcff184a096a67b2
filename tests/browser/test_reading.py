"""Screens people read most, as Chromium draws them: Markdown bodies (forum posts, minutes)
in the page's own typography, not the browser's serif default."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.auth.models import Person
from portal.db import utcnow
from portal.extensions import db
from portal.forum.models import Category, Post, Thread
from portal.groups.models import Meeting

from .conftest import sign_in

pytestmark = pytest.mark.browser

BODY = """## A heading in a post

Some words with [a link](https://example.org/toolkit) and `inline code`.

- first point
- second point

> a quotation

```
a block of code
```
"""

# The computed style of the page's own body text (a paragraph with the GOV.UK body class) and of
# each part of the first Markdown body.
STYLES = """() => {
    const style = (element) => { const s = getComputedStyle(element); return {
        family: s.fontFamily, size: s.fontSize, colour: s.color, decoration: s.textDecorationLine, weight: s.fontWeight}; };
    const reference = document.createElement('p');
    reference.className = 'govuk-body';
    reference.textContent = 'x';
    document.querySelector('main').appendChild(reference);
    const link = document.createElement('a');
    link.className = 'govuk-link';
    link.href = '#';
    link.textContent = 'x';
    reference.appendChild(link);
    const body = [...document.querySelectorAll('main h2')].find((h) => h.textContent === 'A heading in a post').parentElement;
    return {
        page: style(reference), page_link: style(link),
        paragraph: style(body.querySelector('p')), link: style(body.querySelector('a')),
        item: style(body.querySelector('li')), heading: style(body.querySelector('h2')),
        quote: style(body.querySelector('blockquote')), code: style(body.querySelector('pre code')),
        link_class: body.querySelector('a').className,
    };
}"""


@pytest.fixture(scope="module")
def markdown_pages(live_app):
    with live_app.app_context():
        author = db.session.scalar(select(Person).where(Person.email == "rep@oxford.example.org"))
        category = db.session.scalar(select(Category).where(Category.name == "Sharing learning"))
        now = utcnow() - timedelta(days=2)
        thread = Thread(category_id=category.id, title="Typography of posts", author_id=author.id, post_count=1,
                        created_at=now, last_post_at=now)
        db.session.add(thread)
        db.session.flush()
        db.session.add(Post(thread_id=thread.id, number=1, author_id=author.id, body=BODY, created_at=now))
        meeting = db.session.scalars(select(Meeting).order_by(Meeting.id)).first()
        meeting.minutes = BODY
        db.session.commit()
        pages = {"post": f"/forum/threads/{thread.id}", "minutes": f"/groups/{meeting.group_id}/meetings/{meeting.id}"}
        db.session.remove()
    return pages


def _assert_page_typography(styles):
    page = styles["page"]
    for part in ("paragraph", "item", "quote"):
        assert styles[part]["family"] == page["family"], (part, styles[part], page)
        assert styles[part]["size"] == page["size"], (part, styles[part], page)
    assert "serif" not in page["family"].replace("sans-serif", "")
    assert styles["heading"]["family"] == page["family"] and styles["heading"]["weight"] == "700"
    assert styles["link"]["colour"] == styles["page_link"]["colour"]
    assert styles["link"]["decoration"] == "underline" and styles["link_class"] == "govuk-link"
    assert "monospace" in styles["code"]["family"]


@pytest.mark.parametrize("width", [1280, 320])
def test_a_forum_post_reads_in_the_pages_typography(browser, live_server, markdown_pages, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(live_server + markdown_pages["post"])
    _assert_page_typography(page.evaluate(STYLES))
    context.close()


def test_minutes_read_in_the_pages_typography(browser, live_server, markdown_pages):
    context = browser.new_context()
    page = context.new_page()
    sign_in(page, live_server, "secretariat@example.org")
    page.goto(live_server + markdown_pages["minutes"])
    _assert_page_typography(page.evaluate(STYLES))
    context.close()


def test_recovery_codes_download_and_print_without_javascript(browser, live_server, live_app):
    import pyotp

    from portal.auth.models import RecoveryCode, SecondFactor

    from ..conftest import in_app

    from portal.auth.passwords import hash_password

    from ..conftest import DEMO_PASSWORD

    email = "recovery-codes@reading.example.org"  # a person of its own: other tests change the demo's

    def add_person():
        if db.session.scalar(select(Person.id).where(Person.email == email)) is None:
            db.session.add(Person(email=email, name="Rhian Codes", password_hash=hash_password(DEMO_PASSWORD),
                                  email_verified_at=utcnow()))
            db.session.commit()

    in_app(live_app, add_person)
    context = browser.new_context(java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        sign_in(page, live_server, email)
        page.goto(f"{live_server}/account/second-factor")
        page.click("button:has-text('Set up an authenticator app')")
        assert "recovery code" not in page.locator("main").inner_text().lower()
        secret = in_app(live_app, lambda: db.session.scalar(
            select(SecondFactor.secret).join(Person, Person.id == SecondFactor.person_id).where(Person.email == email)))
        page.fill("#code", pyotp.TOTP(secret).now())
        page.click("button:has-text('Turn on the authenticator app')")
        codes = page.locator(".portal-recovery-codes code").all_inner_texts()
        assert len(codes) == 10
        with page.expect_download() as download:
            page.click("button:has-text('Download them as a text file')")
        saved = download.value
        assert saved.suggested_filename == "recovery-codes.txt"
        text = open(saved.path(), encoding="utf-8").read()
        assert all(code in text for code in codes)
        page.emulate_media(media="print")
        assert page.locator(".portal-recovery-codes").is_visible()
        assert page.locator(f"text=Recovery codes for {email}").is_visible()
        for hidden in (".govuk-header", ".govuk-footer", "button:has-text('Download them as a text file')"):
            assert not page.locator(hidden).first.is_visible(), hidden
    finally:
        context.close()

        def remove_factor():
            someone = db.session.scalar(select(Person).where(Person.email == email))
            db.session.query(RecoveryCode).filter_by(person_id=someone.id).delete()
            db.session.query(SecondFactor).filter_by(person_id=someone.id).delete()
            db.session.commit()

        in_app(live_app, remove_factor)
