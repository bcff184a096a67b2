"""Private group content stays with the group (and the secretariat): pages, lists, feeds."""

import html

import vobject
from icalendar import Calendar
from sqlalchemy import select

from portal.extensions import db
from portal.groups.models import CalendarToken, Group
from portal.groups.rules import feeds, reminders
from portal.membership.rules.dates import today

from ..conftest import outbox, person
from .helpers import group

SEED = "Growing an Inclusive"
PRIVATE_WORDS = ("Collate Case Studies", "Diversion of resource", "Steering group")


def test_private_group_pages_are_refused_to_people_outside_it(sign_in_as, client):
    g = group(SEED)
    outsider = sign_in_as("cynrychiolydd@cardiff.example.org")
    for path in ("", "/timeline", "/risks", "/meetings/", "/plan.csv", "/people"):
        assert outsider.get(f"/groups/{g.id}{path}").status_code == 403, path
        assert client.get(f"/groups/{g.id}{path}").status_code == 302, path
    insider = sign_in_as("rep@torbay.example.org")
    assert insider.get(f"/groups/{g.id}/timeline").status_code == 200
    assert sign_in_as("secretariat@example.org").get(f"/groups/{g.id}/risks").status_code == 200


def test_private_groups_are_not_listed_to_outsiders(sign_in_as):
    page = html.unescape(sign_in_as("cynrychiolydd@cardiff.example.org").get("/groups/").get_data(as_text=True))
    assert "Values and Principles Board" in page  # open, and she is in it
    assert "Growing an Inclusive Cooperative Economy: steering group" not in page
    assert "Leaders and Co-operative Leads Group" not in page
    assert "Leaders and Co-operative Leads Group" in sign_in_as("secretariat@example.org").get("/groups/").get_data(as_text=True)


def _feed(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    return response.data


def test_calendar_feeds_parse_in_two_parsers_and_hold_the_plan(sign_in_as, client):
    chair = sign_in_as("chair@oxford.example.org")
    secret = feeds.token_for(person("chair@oxford.example.org")).secret
    db.session.flush()
    g = group(SEED)
    body = _feed(client, f"/calendars/{secret}/groups/{g.id}.ics")
    parsed = Calendar.from_ical(body)
    summaries = [str(event.get("summary")) for event in parsed.walk("VEVENT")]
    assert any(s.startswith("Milestone: Milestone 1") for s in summaries)
    assert sum(s.startswith("Steering group") for s in summaries) == 8
    second = vobject.readOne(body.decode())
    assert len(second.vevent_list) == len(summaries)
    assert {str(e.uid.value) for e in second.vevent_list} == {str(e.get("uid")) for e in parsed.walk("VEVENT")}
    mine = Calendar.from_ical(_feed(client, f"/calendars/{secret}/mine.ics"))
    assert len(list(mine.walk("VEVENT"))) >= len(summaries)
    del chair


def test_a_feed_speaks_its_owners_language(client):
    chair = person("chair@oxford.example.org")
    chair.locale = "cy"
    secret = feeds.token_for(chair).secret
    db.session.flush()
    summaries = [str(event.get("summary")) for event in Calendar.from_ical(_feed(client, f"/calendars/{secret}/groups/{group(SEED).id}.ics")).walk("VEVENT")]
    assert any(s.startswith("Carreg filltir: Milestone 1") for s in summaries)
    assert not any(s.startswith("Milestone: ") for s in summaries)


def test_feeds_show_nothing_private_to_outsiders_and_resetting_kills_the_old_address(sign_in_as, client):
    outsider = person("cynrychiolydd@cardiff.example.org")
    secret = feeds.token_for(outsider).secret
    db.session.flush()
    g = group(SEED)
    assert client.get(f"/calendars/{secret}/groups/{g.id}.ics").status_code == 404
    mine = client.get(f"/calendars/{secret}/mine.ics").get_data(as_text=True)
    assert not any(word in mine for word in PRIVATE_WORDS)
    cardiff = sign_in_as("cynrychiolydd@cardiff.example.org")
    cardiff.post("/calendars/reset")
    assert client.get(f"/calendars/{secret}/mine.ics").status_code == 404
    new = db.session.scalar(select(CalendarToken.secret).where(CalendarToken.person_id == outsider.id))
    assert new != secret and client.get(f"/calendars/{new}/mine.ics").status_code == 200
    assert client.get("/calendars/nonsense/mine.ics").status_code == 404


def test_reminders_go_once_to_owners(app):
    sent = reminders.send(today())
    assert sent >= 2
    to = {m.to_address for m in outbox("task_overdue")} | {m.to_address for m in outbox("risk_review")}
    assert "rep@sunderland.example.org" in to
    assert reminders.send(today()) == 0


def test_the_risk_register_shows_ratings_and_the_heat_map(sign_in_as):
    g = group("Social value measures")
    page = html.unescape(sign_in_as("rep@sunderland.example.org").get(f"/groups/{g.id}/risks").get_data(as_text=True))
    assert "12 (likelihood 3 × impact 4)" in page
    assert "Review overdue" in page


def test_approving_a_lab_makes_its_steering_group(sign_in_as):
    from ..labs.helpers import lab

    energy = lab("Community energy")
    sign_in_as("secretariat@example.org").post(f"/proposals/{energy.id}/move/approve", data={"award": "10,000"})
    made = db.session.scalar(select(Group).where(Group.lab_id == energy.id))
    names = {m.person.email for m in made.memberships}
    assert made.private and {"cynrychiolydd@cardiff.example.org", "rep@plymouth.example.org"} <= names


def test_a_person_is_added_to_a_group_by_email_address_and_then_sees_it(sign_in_as):
    from portal.audit.models import AuditEntry
    from portal.groups.models import GroupMember

    from ..conftest import database_digest

    g = group(SEED)
    officer = sign_in_as("officer@stevenage.example.org")
    assert officer.get(f"/groups/{g.id}/timeline").status_code == 403
    insider = sign_in_as("chair@oxford.example.org")  # the group's chair
    page = insider.get(f"/groups/{g.id}/people")
    assert "<select" not in page.get_data(as_text=True).split("Add a person")[1].split("Role")[0]  # no list of everyone

    before = database_digest()
    for wrong, message in (("nobody@example.org", "Nobody with an account on the portal has this email address"),
                           ("rep@oxford.example.org", "Priya Shah is already in the group"),
                           ("not an address", "Enter an email address in the correct format")):
        answer = insider.post(f"/groups/{g.id}/people", data={"email": wrong, "role": "member"})
        assert message in html.unescape(answer.get_data(as_text=True)), wrong
    assert database_digest() == before

    added = insider.post(f"/groups/{g.id}/people", data={"email": " Officer@Stevenage.example.org ", "role": "member",
                                                          "role_note": "Stevenage pilot"})
    assert added.status_code == 302
    officer_id = person("officer@stevenage.example.org").id
    assert db.session.scalar(select(GroupMember).where(GroupMember.group_id == g.id, GroupMember.person_id == officer_id)).role_note == "Stevenage pilot"
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "group.person_added").order_by(AuditEntry.seq.desc())).detail["person_id"] == officer_id
    assert officer.get(f"/groups/{g.id}/timeline").status_code == 200
