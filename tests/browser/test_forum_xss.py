"""Known cross-site scripting vectors, posted to the forum and shown in headless Chromium:
no script runs (no dialog, no console error, no flag set) and nothing escapes its post."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from portal.auth.models import Person
from portal.db import utcnow
from portal.extensions import db
from portal.forum.models import Category, Post, Thread

pytestmark = pytest.mark.browser

# In the manner of OWASP's XSS filter evasion cheat sheet. Each would call alert() or set
# window.__xss if it ran.
VECTORS = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert('xss')>",
    "<svg onload=alert('xss')>",
    "<svg><script>window.__xss=1</script></svg>",
    "<a href=\"javascript:alert('xss')\">click</a>",
    "[click](javascript:alert('xss'))",
    "[click](JaVaScRiPt:alert('xss'))",
    "[click](&#106;avascript:alert('xss'))",
    "[click](java&#x09;script:alert('xss'))",
    "[click](  javascript:alert('xss'))",
    "<iframe src=\"javascript:alert('xss')\"></iframe>",
    "<body onload=alert('xss')>",
    "<div style=\"background:url(javascript:alert('xss'))\">x</div>",
    "\"><script>alert('xss')</script>",
    "</div></article><script>alert('xss')</script>",
    "<math><mi xlink:href=\"javascript:alert('xss')\">x</mi></math>",
    "<details open ontoggle=alert('xss')>",
    "<object data=\"javascript:alert('xss')\"></object>",
    "<embed src=\"javascript:alert('xss')\">",
    "<form action=\"javascript:alert('xss')\"><button>x</button></form>",
    "<input autofocus onfocus=alert('xss')>",
    "![x](javascript:alert('xss'))",
    "![x\" onerror=\"alert('xss')](https://example.org/x.png)",
    "[x](https://example.org/\" onmouseover=\"alert('xss'))",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=\">x</a>",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgneHNzJyk8L3NjcmlwdD4=)",
    "<scr<script>ipt>alert('xss')</scr</script>ipt>",
    "&lt;script&gt;alert('xss')&lt;/script&gt;",
    "<!--<script>alert('xss')</script>-->",
    "<style>@import 'javascript:alert(\"xss\")';</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('xss')\">",
    "`<script>alert('xss')</script>`",
    "<<SCRIPT>alert(\"xss\");//<</SCRIPT>",
    "<IMG SRC=\"jav&#x0A;ascript:alert('xss');\">",
    "<a href=\" &#14;  javascript:alert('xss')\">x</a>",
    "<TABLE><TD BACKGROUND=\"javascript:alert('xss')\">",
    "<base href=\"javascript:alert('xss');//\">",
    "[a](vbscript:msgbox('xss'))",
    "<x onclick=alert('xss')>click me</x>",
    "```html\n<script>alert('xss')</script>\n```",
    "    <script>alert('xss')</script>",
    "> <script>alert('xss')</script>",
]

FORBIDDEN = "script, iframe, object, embed, svg, math, style, meta, base, form, input, img, body, details, [style]"


@pytest.fixture(scope="module")
def hostile_thread(live_app):
    with live_app.app_context():
        author = db.session.scalar(select(Person).where(Person.email == "rep@oxford.example.org"))
        category = db.session.scalar(select(Category).where(Category.name == "Sharing learning"))
        now = utcnow() - timedelta(days=2)  # old enough not to count against the author's posting limit
        thread = Thread(category_id=category.id, title="Hostile <script>alert('xss')</script> title", author_id=author.id,
                        post_count=len(VECTORS), created_at=now, last_post_at=now)
        db.session.add(thread)
        db.session.flush()
        db.session.add_all([Post(thread_id=thread.id, number=n, author_id=author.id, body=f"vector {n}: {vector}", created_at=now)
                            for n, vector in enumerate(VECTORS, start=1)])
        db.session.commit()
        thread_id = thread.id
        db.session.remove()
    return thread_id


def _watch(page):
    seen = {"dialogs": [], "errors": []}
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("console", lambda message: seen["errors"].append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    return seen


def _assert_nothing_ran_or_escaped(page, seen, posts_expected):
    page.wait_for_timeout(300)  # time for anything that would run on load or focus
    assert seen["dialogs"] == []
    assert seen["errors"] == []
    assert page.evaluate("window.__xss === undefined")
    articles = page.locator("article.portal-post")
    assert articles.count() == posts_expected
    inside = page.evaluate(f"""() => Array.from(document.querySelectorAll('.portal-post__body')).flatMap(body =>
        Array.from(body.querySelectorAll('{FORBIDDEN}')).map(el => el.tagName))""")
    assert inside == []
    handlers = page.evaluate("""() => Array.from(document.querySelectorAll('.portal-post__body *')).flatMap(el =>
        Array.from(el.attributes).filter(a => a.name.startsWith('on')).map(a => el.tagName + ' ' + a.name))""")
    assert handlers == []
    # Where each link would really go, as the browser resolves it.
    protocols = page.evaluate("""() => Array.from(document.querySelectorAll('.portal-post__body a[href]')).map(a => a.protocol)""")
    assert set(protocols) <= {"http:", "https:", "mailto:"}, protocols
    # The page goes on after the posts as it should: nothing closed the article or the page early.
    assert page.locator("footer.govuk-footer").count() == 1


def test_no_vector_runs_or_escapes_its_post(browser, live_server, hostile_thread):
    context = browser.new_context()
    page = context.new_page()
    seen = _watch(page)
    page.goto(f"{live_server}/forum/threads/{hostile_thread}")
    _assert_nothing_ran_or_escaped(page, seen, len(VECTORS))
    assert "<script>alert('xss')</script>" in page.locator("h1").inner_text()  # the title is shown as text
    for n in range(1, len(VECTORS) + 1):  # each post's words stay inside its own article
        assert f"vector {n}:" in page.locator(f"#post-{n}").inner_text()
    page.goto(f"{live_server}/forum/search?q=vector+xss")
    assert seen["dialogs"] == [] and seen["errors"] == [] and page.evaluate("window.__xss === undefined")
    assert page.locator(".portal-results script, .portal-results img, .portal-results svg").count() == 0
    context.close()
