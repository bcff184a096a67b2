"""What the performance harness does with the manifest works: its people sign in, its pages
answer, the burst vote takes a ballot through the real form, and search finds bench posts."""

from sqlalchemy import func, select

from bench.support import sessions
from portal.benchdata.writing import RARE
from portal.decisions.models import Ballot
from portal.extensions import db
from portal.forum.rules import search

from ..conftest import person, sign_in


def test_every_page_in_the_manifest_answers_the_viewer(app, manifest):
    client = sign_in(app.test_client(), manifest["viewer"], manifest["viewer_password"])
    for name, url in manifest["pages"].items():
        if name not in manifest["secretariat_only"]:
            assert client.get(url).status_code == 200, (name, url)


def test_a_harness_session_is_answered_as_a_browser_s_is(app, manifest):
    """The harness measures what a browser would cost: sent from the browser it was signed in
    from, a session is answered without its cookie signed and sent again. With another browser's
    name, session protection marks it not fresh and every answer sends it (the harness sent no
    name until 7 December, and measured that on every request)."""
    cookie, _token = sessions.signed_in(app, [manifest["viewer"]])[manifest["viewer"]]
    client = app.test_client(use_cookies=False)
    as_signed_in = client.get(manifest["pages"]["home"], headers={"Cookie": cookie, "User-Agent": sessions.USER_AGENT})
    from_elsewhere = client.get(manifest["pages"]["home"], headers={"Cookie": cookie, "User-Agent": "another browser"})
    assert as_signed_in.status_code == from_elsewhere.status_code == 200
    assert all("Sign out" in answer.get_data(as_text=True) for answer in (as_signed_in, from_elsewhere))
    assert "Set-Cookie" not in as_signed_in.headers
    assert "Set-Cookie" in from_elsewhere.headers


def test_the_dashboard_answers_the_secretariat(app, manifest):
    client = sign_in(app.test_client(), manifest["secretariat"], manifest["secretariat_password"])
    for name in manifest["secretariat_only"]:
        assert client.get(manifest["pages"][name]).status_code == 200, name


def test_the_long_thread_and_the_big_timeline_show_all_they_hold(app, manifest):
    client = sign_in(app.test_client(), manifest["viewer"], manifest["viewer_password"])
    last_page = client.get(manifest["pages"]["thread"] + "?page=10").get_data(as_text=True)
    assert 'id="post-500"' in last_page
    timeline = client.get(manifest["pages"]["timeline"]).get_data(as_text=True)
    assert timeline.count("portal-gantt__bar") + timeline.count("portal-gantt__milestone") >= manifest["sizes"]["timeline_tasks"]


def test_a_burst_voter_casts_a_ballot_through_the_real_form(app, manifest):
    burst = manifest["burst"]
    voter = burst["voters"][0]
    client = sign_in(app.test_client(), voter["email"], manifest["password"])
    url = burst["ballot_url"].format(member_id=voter["member_id"])
    form = client.get(url)
    assert form.status_code == 200
    assert all(f'name="{field}"' in form.get_data(as_text=True) for field in burst["fields"])
    receipt = client.post(url, data=burst["fields"])
    assert receipt.status_code == 200
    db.session.expire_all()
    cast = db.session.scalar(select(Ballot).where(Ballot.decision_id == burst["decision_id"], Ballot.member_id == voter["member_id"]))
    assert cast is not None and cast.receipt in receipt.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.decision_id == burst["decision_id"])) == 1


def test_another_voter_may_not_use_a_burst_voter_s_ballot(app, manifest):
    first, second = manifest["burst"]["voters"][:2]
    client = sign_in(app.test_client(), second["email"], manifest["password"])
    url = manifest["burst"]["ballot_url"].format(member_id=first["member_id"])
    assert client.post(url, data=manifest["burst"]["fields"]).status_code == 403
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.decision_id == manifest["burst"]["decision_id"])) == 0


def test_forum_search_finds_bench_posts(app, manifest):
    found = search.search(person(manifest["viewer"]), RARE, 1, per_page=100)
    assert any(post.thread_id == int(manifest["pages"]["thread"].rsplit("/", 1)[1]) for post in found.items)
    client = sign_in(app.test_client(), manifest["viewer"], manifest["viewer_password"])
    page = client.get(manifest["search"]["page"])
    assert page.status_code == 200 and "<mark>" in page.get_data(as_text=True)
