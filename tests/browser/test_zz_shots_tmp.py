from .conftest import sign_in


def test_shots(browser, live_server, live_app):
    from sqlalchemy import select
    from portal.extensions import db
    from portal.programme.models import Motion
    from ..conftest import in_app

    motion_id, meeting_id = in_app(live_app, lambda: db.session.execute(select(Motion.id, Motion.meeting_id).order_by(Motion.id)).first())
    for width, who, lang in [(1200, "rep@oxford.example.org", "en"), (320, "cynrychiolydd@cardiff.example.org", "cy"), (1000, "secretariat@example.org", "en")]:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, live_server, who)
        for name, path in [("meeting", f"/programme/meetings/{meeting_id}"), ("motion", f"/programme/motions/{motion_id}"),
                           ("amend", f"/programme/motions/{motion_id}/amendments/new"), ("new", "/programme/meetings/new"),
                           ("votes", f"/programme/meetings/{meeting_id}/votes")]:
            page.goto(live_server + path)
            page.screenshot(path=f"/tmp/24m/shots/{name}-{width}.png", full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
            print(name, width, "overflow" if overflow else "ok")
        context.close()
