"""Pictures of the portal for a person to look at: `make screenshots` (not part of `make test`).

Serves the demo network from a fresh SQLite database in a temporary folder, signs in as every
demo account in Debian's Chromium and writes PNGs of each account's home page, and of the
screens people read most at 320, 768 and 1280 CSS px wide, into one folder (``screenshots/``
by default, which git ignores).

    .venv/bin/python scripts/screenshots.py [FOLDER]
"""

import logging
import os
import re
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
WIDTHS = (320, 768, 1280)


def serve_demo(folder):
    """The portal on a free loopback port, its database fresh and holding the demo network."""
    from flask_migrate import upgrade
    from werkzeug.serving import make_server

    from portal import create_app, demo
    from portal.extensions import db

    app = create_app({
        "ENV_NAME": "development",
        "SECRET_KEY": secrets.token_hex(32),
        "DATABASE_URL": f"sqlite:///{folder}/portal.sqlite3",
        "UPLOAD_FOLDER": str(Path(folder) / "uploads"),
        "RATELIMIT_ENABLED": False,
        # Two staff accounts give a code within the same 30 seconds.
        "SECOND_FACTOR_REFUSE_REUSE": False,
        "DIRECTORY_TILE_URL": "",  # nothing fetched from elsewhere: markers on a plain background
    })
    with app.app_context():
        upgrade()
        demo.load()
        db.session.commit()
        db.session.remove()
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = base
    return app, server, base


def samples(app):
    """The ids of the demo's things worth a picture."""
    from sqlalchemy import select

    from portal.decisions.models import Decision, Question
    from portal.extensions import db
    from portal.forum.models import Thread
    from portal.groups.models import Group
    from portal.labs.models import FundingRound
    from portal.membership.models import Invoice, Member

    with app.app_context():
        found = {
            "group": db.session.scalar(select(Group.id).where(Group.name.like("Growing an Inclusive%"))),
            "stv": db.session.scalar(select(Decision.id).join(Question).where(
                Question.method == "ranked", Question.seats > 1, Decision.status == "published")),
            "thread": db.session.scalar(select(Thread.id).where(Thread.title.like("Co-operative placemaking%"))),
            "round": db.session.scalar(select(FundingRound.id).where(FundingRound.title.like("%2026–27"))),
            # Plymouth's invoice: part paid, with its purchase order.
            "invoice": db.session.scalar(select(Invoice.id).join(Member).where(Member.name == "Plymouth City Council")
                                         .order_by(Invoice.id.desc())),
        }
        db.session.remove()
    missing = [name for name, value in found.items() if value is None]
    assert not missing, f"the demo has no {missing}"
    return found


def code(secret):
    import pyotp

    return pyotp.TOTP(secret).now()


def sign_in(page, base, email, password):
    from portal.demo import DEMO_TOTP_SECRET

    page.goto(f"{base}/sign-in")
    page.fill("#email", email)
    page.fill("#password", password)
    with page.expect_navigation():
        page.click("button:has-text('Sign in'), button:has-text('Mewngofnodi')")
    if page.url.endswith("/sign-in/code"):
        page.fill("#code", code(DEMO_TOTP_SECRET))
        with page.expect_navigation():
            page.click("form button.govuk-button")
    if "/sign-in" in page.url:
        raise SystemExit(f"could not sign in as {email}")


class Camera:
    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.written = []

    def shoot(self, page, name, widths=WIDTHS):
        """The page as it stands, whole, at each width (narrowed or widened, not reloaded)."""
        for width in widths:
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_function("() => !document.querySelector('[aria-busy=\"true\"]')")
            path = self.folder / f"{name}-{width}.png"
            page.screenshot(path=str(path), full_page=True)
            self.written.append(path)


def slug(email):
    return re.sub(r"[^a-z0-9]+", "-", email.split("@")[0] + "-" + email.split("@")[1].split(".")[0])


def main(folder):
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"Chromium is not at {CHROMIUM}: `make chromium` installs Debian's")
    from playwright.sync_api import sync_playwright

    from portal.demo import DEFAULT_PASSWORD, PEOPLE

    password = os.environ.get("PORTAL_DEMO_PASSWORD") or DEFAULT_PASSWORD
    started = time.monotonic()
    camera = Camera(folder)
    with tempfile.TemporaryDirectory(prefix="portal-screenshots-") as workdir:
        app, server, base = serve_demo(workdir)
        ids = samples(app)
        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)

        def session(email=None):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(30_000)
            page = context.new_page()
            if email:
                sign_in(page, base, email, password)
            return context, page

        try:
            # Each demo account's home page, in the language it reads the portal in.
            for email, *_ in PEOPLE:
                context, page = session(email)
                page.goto(f"{base}/")
                camera.shoot(page, f"home-{slug(email)}", widths=(1280,))
                context.close()

            context, page = session("secretariat@example.org")
            for name, url in [("dashboard", "/secretariat/"), ("stv-results", f"/decisions/{ids['stv']}/results"),
                              ("invoice", f"/invoices/{ids['invoice']}")]:
                page.goto(base + url)
                camera.shoot(page, name)
            context.close()

            context, page = session("rep@oxford.example.org")
            for name, url in [("timeline", f"/groups/{ids['group']}/timeline"), ("forum-thread", f"/forum/threads/{ids['thread']}"),
                              ("your-data", "/account/my-data")]:
                page.goto(base + url)
                camera.shoot(page, name)
            # The proposal form sent with nothing but a request over the round's largest award.
            page.goto(f"{base}/rounds/{ids['round']}/propose")
            page.fill("#requested", "50000")
            with page.expect_navigation():
                page.click("form button.govuk-button")
            camera.shoot(page, "proposal-errors")
            context.close()

            # Two-factor setup, then the recovery codes, as a person who had none.
            context, page = session("officer@stevenage.example.org")
            page.goto(f"{base}/account/second-factor")
            with page.expect_navigation():
                page.click("button:has-text('Set up an authenticator app')")
            camera.shoot(page, "two-factor-setup")
            page.fill("#code", code(page.locator(".portal-secret").inner_text().replace(" ", "")))
            with page.expect_navigation():
                page.click("form button.govuk-button:not(.govuk-button--secondary)")
            camera.shoot(page, "two-factor-recovery-codes")
            context.close()

            context, page = session()
            page.goto(f"{base}/join")
            camera.shoot(page, "join")
            context.close()
        finally:
            browser.close()
            playwright.stop()
            server.shutdown()
    print(f"{len(camera.written)} pictures in {camera.folder}/ ({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "screenshots"))
