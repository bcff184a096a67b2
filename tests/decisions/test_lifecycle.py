import json
import re
from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.models import SYSTEM_ACTOR_ID, AuditEntry
from portal.db import utcnow
from portal.decisions.models import Proxy, RollEntry
from portal.decisions.rules import lifecycle, proxies
from portal.extensions import db
from portal.membership.models import Invoice

from ..conftest import outbox
from .helpers import ballots, decision, make_open_decision, member, open_decision, person


def _scheduled(title, now):
    """A decision of one motion, scheduled to open an hour after ``now`` and close an hour later."""
    secretariat = person("secretariat@example.org")
    made = lifecycle.create(by=secretariat, title_en=title, opens_at=now + timedelta(hours=1), closes_at=now + timedelta(hours=2))
    lifecycle.add_question(made, method="motion", text_en="Q")
    lifecycle.schedule(made, by=secretariat)
    return made


def test_tick_opens_and_closes_on_time_and_is_idempotent(app):
    now = utcnow()
    made = _scheduled("Tick", now)
    assert lifecycle.tick(now)[:2] == (0, 0)
    assert lifecycle.tick(now + timedelta(hours=1, seconds=1))[:2] == (1, 0)
    assert made.status == "open"
    assert lifecycle.tick(now + timedelta(hours=1, seconds=2))[:2] == (0, 0)
    assert lifecycle.tick(now + timedelta(hours=2))[:2] == (0, 1)
    assert made.status == "closed" and made.results["voted"] == 0


def test_the_cli_tick_reports_what_it_did(app):
    result = app.test_cli_runner().invoke(args=["portal", "decisions", "tick"])
    assert result.exit_code == 0 and "opened" in result.output


def test_the_roll_is_frozen_when_voting_opens(sign_in_as):
    made = make_open_decision()
    roll = set(db.session.scalars(select(RollEntry.member_id).where(RollEntry.decision_id == made.id)))
    assert member("Kirklees Council").id not in roll and member("Oxford City Council").id in roll
    assert member("The Development Co-operative").id not in roll  # Affiliate: no vote
    # Kirklees pays after opening: still not on this roll.
    invoice = db.session.scalar(select(Invoice).where(Invoice.member_id == member("Kirklees Council").id))
    invoice.paid_pence = invoice.total_pence
    db.session.flush()
    after = set(db.session.scalars(select(RollEntry.member_id).where(RollEntry.decision_id == made.id)))
    assert after == roll


def test_a_roll_date_in_the_past_uses_standing_on_that_date(app):
    made = make_open_decision(roll_date=(utcnow() - timedelta(days=200)).date())
    roll = set(db.session.scalars(select(RollEntry.member_id).where(RollEntry.decision_id == made.id)))
    assert member("Kirklees Council").id in roll  # its invoice was not yet overdue then


def test_reminders_a_day_before_the_close_go_once_to_those_who_have_not_voted(sign_in_as, app):
    made = make_open_decision(hours=20)
    rep = sign_in_as("rep@oxford.example.org")
    rep.post(f"/decisions/{made.id}/ballot/{member('Oxford City Council').id}", data={f"q{made.questions[0].id}": "for"})
    lifecycle.tick()
    reminded = {m.to_address for m in outbox("decision_closing_soon") if "Test decision" in m.body}
    assert "rep@oxford.example.org" not in reminded and "rep@stevenage.example.org" in reminded
    before = len(outbox("decision_closing_soon"))
    lifecycle.tick()
    assert len(outbox("decision_closing_soon")) == before


def test_schedule_refuses_what_cannot_be_voted_on(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    page = secretariat.post("/decisions/new", data={
        "title_en": "Empty", "opens_on": ["1", "1", "2099"], "opens_time": "09:00",
        "closes_on": ["2", "1", "2099"], "closes_time": "17:00", "quorum_kind": "none",
    })
    made = decision("Empty")
    assert page.status_code == 302 and page.location.endswith(f"/decisions/{made.id}/questions/new")
    response = secretariat.post(f"/decisions/{made.id}/schedule", follow_redirects=True)
    assert "Add at least one question first" in response.get_data(as_text=True)
    assert made.status == "draft"


def test_the_secretariat_builds_and_schedules_a_decision(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    bad = secretariat.post("/decisions/new", data={
        "title_en": "Officers 2027", "opens_on": ["1", "1", "2099"], "opens_time": "25:00",
        "closes_on": ["31", "12", "2098"], "closes_time": "17:00", "quorum_kind": "percent", "quorum_value": "150",
    }).get_data(as_text=True)
    assert "Enter a time like 09:30 or 17:00" in bad and "Enter a percentage from 1 to 100" in bad
    secretariat.post("/decisions/new", data={
        "title_en": "Officers 2027", "opens_on": ["1", "1", "2099"], "opens_time": "09:00",
        "closes_on": ["8", "1", "2099"], "closes_time": "17:00", "quorum_kind": "none", "secret": "y",
    })
    made = decision("Officers 2027")
    assert made.opens_at.hour == 9  # January: UK time is UTC
    one_option = secretariat.post(f"/decisions/{made.id}/questions/new", data={
        "text_en": "Chair", "method": "ranked", "seats": "1", "options": "Alex",
    }).get_data(as_text=True)
    assert "Give at least two options" in one_option
    secretariat.post(f"/decisions/{made.id}/questions/new", data={
        "text_en": "Chair", "method": "ranked", "seats": "1", "options": "Alex | Alecs\nBea\nCai",
    })
    assert [o.label_cy for o in made.questions[0].options] == ["Alecs", "", ""]
    secretariat.post(f"/decisions/{made.id}/schedule")
    assert made.status == "scheduled"


def test_annulling_needs_a_reason_and_is_final(sign_in_as):
    made = make_open_decision()
    secretariat = sign_in_as("secretariat@example.org")
    assert "Enter the reason" in secretariat.post(f"/decisions/{made.id}/annul", data={"reason": ""}).get_data(as_text=True)
    secretariat.post(f"/decisions/{made.id}/annul", data={"reason": "Wrong roll"})
    assert made.status == "annulled" and made.annul_reason == "Wrong roll"
    assert secretariat.get(f"/decisions/{made.id}/results").status_code in (403, 404)


def test_results_are_public_once_published_and_secretariat_only_before(client, sign_in_as):
    published = decision("Work programme")
    assert "Chosen: Community wealth building" in client.get(f"/decisions/{published.id}/results").get_data(as_text=True)
    made = make_open_decision()
    lifecycle.close_voting(made)
    db.session.flush()
    assert client.get(f"/decisions/{made.id}/results").status_code == 302  # sign in
    assert sign_in_as("rep@oxford.example.org").get(f"/decisions/{made.id}/results").status_code == 403
    assert sign_in_as("secretariat@example.org").get(f"/decisions/{made.id}/results").status_code == 200
    assert client.get(f"/decisions/{open_decision().id}/results").status_code in (302, 404)


def test_the_stv_board_election_shows_its_stages(client):
    page = client.get(f"/decisions/{decision('Election to the').id}/results").get_data(as_text=True)
    assert "The count, stage by stage" in page and "Quota: 3." in page
    assert "Elected: " in page


def test_results_link_to_who_took_part_only_when_someone_voted(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    published = decision("Work programme")
    assert "See which members took part" in secretariat.get(f"/decisions/{published.id}/results").get_data(as_text=True)
    nobody = make_open_decision()
    lifecycle.close_voting(nobody)
    db.session.commit()
    assert "See which members took part" not in secretariat.get(f"/decisions/{nobody.id}/results").get_data(as_text=True)


def test_kept_results_show_each_language_its_own_and_an_option_renamed_at_once(client, sign_in_as):
    published = decision("Work programme")
    path = f"/decisions/{published.id}/results"
    assert "Chosen: Community wealth building" in client.get(path).get_data(as_text=True)
    welsh = sign_in_as("cynrychiolydd@cardiff.example.org").get(path).get_data(as_text=True)
    assert "Dewiswyd: Cyfoeth cymunedol" in welsh and "Chosen:" not in welsh
    option = next(option for question in published.questions for option in question.options
                  if option.label_en == "Community wealth building")
    option.label_en = "Community wealth building and anchor institutions"
    db.session.commit()
    assert "Chosen: Community wealth building and anchor institutions" in client.get(path).get_data(as_text=True)


def test_a_downloaded_bulletin_recounts_to_the_published_results(client, app, tmp_path):
    for title in ("Work programme", "Election to the"):
        published = decision(title)
        bulletin = client.get(f"/decisions/{published.id}/bulletin.json")
        path = tmp_path / "bulletin.json"
        path.write_bytes(bulletin.data)
        assert all("member" not in ballot for ballot in json.loads(bulletin.data)["ballots"])  # secret
        result = app.test_cli_runner().invoke(args=["portal", "decisions", "recount", str(path), "--json"])
        assert result.exit_code == 0, result.output
        recounted = json.loads(result.output)
        stored = dict(published.results)
        stored.pop("by_tier")
        assert recounted == stored


def test_quorum_not_met_decides_nothing(sign_in_as):
    made = make_open_decision(quorum_kind="percent", quorum_value=90)
    rep = sign_in_as("rep@oxford.example.org")
    rep.post(f"/decisions/{made.id}/ballot/{member('Oxford City Council').id}", data={f"q{made.questions[0].id}": "for"})
    lifecycle.close_voting(made)
    assert made.results["quorum"]["met"] is False
    page = sign_in_as("secretariat@example.org").get(f"/decisions/{made.id}/results").get_data(as_text=True)
    assert "Not decided: no quorum" in page


def test_proxies_are_limited_and_marked_used_when_they_vote(sign_in_as):
    made = make_open_decision()
    priya = person("rep@oxford.example.org")
    held = db.session.scalar(select(func.count()).select_from(Proxy).where(Proxy.proxy_person_id == priya.id, Proxy.revoked_at.is_(None)))
    appointing = [member(name) for name in ("Plymouth City Council", "Preston City Council", "Cardiff Council")]
    made_now = []
    for m in appointing:
        try:
            made_now.append(proxies.appoint(m, priya, made, by=person("secretariat@example.org")))
        except proxies.ProxyRefused as refused:
            assert "already holds 3 proxies" in str(refused.message)
    assert held + len(made_now) == 3
    rep = sign_in_as("rep@oxford.example.org")
    plymouth = member("Plymouth City Council")
    proxy = made_now[0]
    rep.post(f"/decisions/{made.id}/ballot/{plymouth.id}", data={f"q{made.questions[0].id}": "against"})
    cast = [b for b in ballots(made) if b.member_id == plymouth.id]
    assert cast and cast[0].by_proxy and cast[0].cast_by_id == priya.id
    db.session.refresh(proxy)
    assert proxy.used_at is not None


def test_a_proxy_must_be_another_members_representative(sign_in_as):
    plymouth = member("Plymouth City Council")
    admin = sign_in_as("rep@plymouth.example.org")
    officer = person("officer@stevenage.example.org")
    page = admin.post(f"/members/{plymouth.id}/proxies/", data={"proxy_person_id": officer.id, "decision_id": 0}).get_data(as_text=True)
    assert "Choose a proxy" in page


def test_importing_every_real_election_prints_the_elected(app):
    from pathlib import Path

    from portal.decisions.counting import blt, stv

    paths = sorted((Path(__file__).resolve().parents[1] / "data" / "stv" / "scotland").glob("*.blt"))
    assert len(paths) == 39
    for path in paths:
        result = app.test_cli_runner().invoke(args=["portal", "decisions", "import-blt", str(path)])
        assert result.exit_code == 0, (path.name, result.output)
        lines = result.output.strip().split("\n")
        election = blt.read(path.read_bytes())
        expected = stv(election.ballots, list(range(1, len(election.candidates) + 1)), election.seats, seed="x").elected
        assert sorted(int(line.split("\t")[0]) for line in lines) == sorted(expected), path.name
        assert all(line.split("\t")[1] == election.candidates[int(line.split("\t")[0]) - 1] for line in lines)


def test_a_broken_blt_file_is_refused_with_its_line(app, tmp_path):
    path = tmp_path / "bad.blt"
    path.write_text("3 2\n1 1 4 0\n0\n")
    result = app.test_cli_runner().invoke(args=["portal", "decisions", "import-blt", str(path)])
    assert result.exit_code != 0 and "line 2: there is no candidate 4" in result.output


def test_pages_ask_what_is_due_at_most_as_often_as_set_and_the_tick_does_the_rest(make_app):
    """In a vote every ballot is a request of a decision's page: each worker asks what is due
    once a second, not for each of them."""
    from ..conftest import sign_in

    app = make_app(DECISIONS_DUE_CHECK_SECONDS=3600)
    rep = sign_in(app.test_client(), "rep@oxford.example.org")
    first, second = make_open_decision(), make_open_decision()
    first.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert rep.get(f"/decisions/{first.id}").status_code == 200
    db.session.refresh(first)
    assert first.status == "closed"  # the first request asked, and closed it on time

    second.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert rep.get(f"/decisions/{second.id}").status_code == 200
    db.session.refresh(second)
    assert second.status == "open"  # asked within the hour: not again
    lifecycle.tick()
    db.session.commit()
    db.session.refresh(second)
    assert second.status == "closed"


def test_a_decision_opened_and_closed_by_someones_page_load_is_recorded_as_the_system(sign_in_as):
    now = utcnow()
    made = _scheduled("Due on a page load", now)
    made.opens_at = now - timedelta(seconds=1)  # due, and no cron has run
    db.session.flush()
    rep = sign_in_as("rep@oxford.example.org")
    assert rep.get("/decisions/").status_code == 200
    made.closes_at = utcnow() - timedelta(seconds=1)
    db.session.flush()
    assert rep.get(f"/decisions/{made.id}").status_code == 200
    db.session.refresh(made)
    assert made.status == "closed"
    moves = db.session.scalars(select(AuditEntry).where(
        AuditEntry.object_type == "decision", AuditEntry.object_id == made.id,
        AuditEntry.action.in_(["decision.opened", "decision.closed"])).order_by(AuditEntry.seq)).all()
    assert [entry.action for entry in moves] == ["decision.opened", "decision.closed"]
    assert [entry.actor_id for entry in moves] == [SYSTEM_ACTOR_ID] * 2  # not Priya, whose pages ran them
    log = sign_in_as("secretariat@example.org").get("/audit/?action=decision.opened").get_data(as_text=True)
    row = re.search(rf'<td class="govuk-table__cell">{moves[0].seq}</td>.*?</tr>', log, re.S).group(0)
    assert "System" in row and "Priya" not in row


def test_each_representative_is_told_of_voting_in_their_own_language_subject_and_all(app):
    made = make_open_decision(title_cy="Penderfyniad prawf")
    welsh = outbox("decision_voting_open", to="cynrychiolydd@cardiff.example.org")
    english = outbox("decision_voting_open", to="rep@oxford.example.org")
    assert any("Penderfyniad prawf" in message.subject for message in welsh)
    assert any(message.subject.endswith(made.title_en) for message in english)
