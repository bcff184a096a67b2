"""The directory as its people meet it: the public list, map data and exports with their
filters, private contacts, submissions moderated by the council for each area, the
organisations' own links, and the yearly reconfirmation."""

import csv
import io
import json
import time
from datetime import timedelta

from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.directory.models import Entry, Submission
from portal.directory.rules import entries, reconfirm
from portal.extensions import db
from portal.membership.rules.dates import today

from ..conftest import csrf_token, database_digest, link_in, outbox, sign_in


def entry(name):
    return db.session.scalar(select(Entry).where(Entry.name == name))


def names_on(page_text):
    return {name for name in (row.name for row in db.session.scalars(select(Entry))) if name in page_text}


def test_the_public_list_shows_live_confirmed_entries_and_hides_the_rest(client):
    page = client.get("/directory/?page=1").get_data(as_text=True)
    page += client.get("/directory/?page=2").get_data(as_text=True)
    assert "Cowley Road Workers&#39; Bakery" in page or "Cowley Road Workers' Bakery" in page
    assert "Barton Makers" not in page  # withdrawn
    assert "Wood Farm Credit Union Service Point" not in page  # not confirmed for 18 months
    assert "Isis Cycle Couriers" in page and "Unconfirmed" in page  # 300 days: still listed, not yet unconfirmed
    assert "Oxford Digital Commons" in page  # 410 days: listed, marked unconfirmed


def test_filters_and_search_narrow_the_list(client):
    def listed(query):
        return client.get("/directory/?" + query).get_data(as_text=True)

    care = listed("sector=care")
    assert "Headington Care Co-operative" in care and "Isis Cycle Couriers" not in care
    torbay = listed("area=E06000027")
    assert "Paignton Community Kitchen" in torbay and "Headington Care Co-operative" not in torbay
    clg = listed("legal_form=company_limited_by_guarantee")
    assert "Chells Digital Skills" in clg and "Headington" not in clg
    democratic = listed("democratic=yes&area=E07000243")
    assert "Fairlands Valley Growers" in democratic and "Chells Digital Skills" not in democratic
    assert "Pin Green Community Transport" in listed("offers=minibuses")
    searched = listed("q=cargo+bike")
    assert "Isis Cycle Couriers" in searched and "Paignton" not in searched
    assert "No organisation matches these filters" in listed("q=zzzzunfindable")
    # Nonsense filters are ignored rather than failing.
    assert client.get("/directory/?legal_form=%00&sector=bogus&page=-3&area=" + "x" * 5000).status_code == 200


def test_the_contact_email_is_never_published(client, sign_in_as):
    bakery = entry("Cowley Road Workers' Bakery")
    for path in (f"/directory/{bakery.id}", "/directory/entries.csv", "/directory/entries.geojson",
                 f"/directory/{bakery.id}/suggest", "/directory/?q=bakery"):
        assert bakery.contact_email not in client.get(path).get_data(as_text=True), path
    assert bakery.contact_email in sign_in_as("rep@oxford.example.org").get(f"/directory/{bakery.id}").get_data(as_text=True)
    assert bakery.contact_email not in sign_in_as("rep@stevenage.example.org").get(f"/directory/{bakery.id}").get_data(as_text=True)


def test_a_message_reaches_the_organisation_without_showing_its_address(client):
    bakery = entry("Cowley Road Workers' Bakery")
    form = client.get(f"/directory/{bakery.id}/contact")
    response = client.post(f"/directory/{bakery.id}/contact", data={
        "csrf_token": csrf_token(form), "name": "Jo Buyer", "email": "jo@hospital.example.nhs.uk",
        "organisation": "Oxford Hospitals", "message": "Could you cater a 120-person event in May?"})
    assert response.status_code == 200 and bakery.contact_email not in response.get_data(as_text=True)
    [message] = outbox("directory_contact", to=bakery.contact_email)
    assert "jo@hospital.example.nhs.uk" in message.body and "120-person event" in message.body


def test_exports_follow_the_filters_and_leave_out_what_is_off_the_map(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/directory/entries.csv?area=E07000178").get_data(as_text=True))))
    names = {row["name"] for row in rows}
    assert "Cowley Road Workers' Bakery" in names and "Paignton Community Kitchen" not in names
    assert "Wood Farm Credit Union Service Point" not in names and "Barton Makers" not in names
    assert "contact_email" not in rows[0]
    collection = json.loads(client.get("/directory/entries.geojson?sector=food").get_data(as_text=True))
    features = {feature["properties"]["name"]: feature for feature in collection["features"]}
    assert "Torquay Harbour Fishermen's Co-operative" in features and "Isis Cycle Couriers" not in features
    longitude, latitude = features["Torquay Harbour Fishermen's Co-operative"]["geometry"]["coordinates"]
    assert 50.3 < latitude < 50.6 and -3.7 < longitude < -3.4


def _submit(client, **changes):
    page = client.get("/directory/add")
    data = {"csrf_token": csrf_token(page), "name": "Iffley Fields Food Co-op", "legal_form": "cooperative_society",
            "ownership": "members", "sectors": ["food"], "offers": "Wholefoods for staff canteens.", "postcode": "ox4 1aa",
            "area_code": "E07000178", "latitude": "51.7381", "longitude": "-1.2260", "contact_email": "hello@iffley.example.org",
            "submitter_name": "Ann Ng", "submitter_email": "ann@example.com", **changes}
    return client.post("/directory/add", data=data)


def test_a_public_submission_waits_for_the_areas_council_then_goes_live(client, sign_in_as):
    response = _submit(client)
    assert response.status_code == 200 and "Sent for checking" in response.get_data(as_text=True)
    submission = db.session.scalar(select(Submission).where(Submission.state == "pending").order_by(Submission.id.desc()))
    assert submission.data["postcode"] == "OX4 1AA" and entry("Iffley Fields Food Co-op") is None
    told = {message.to_address for message in outbox("directory_waiting") if f"/submissions/{submission.id}" in message.body}
    assert {"rep@oxford.example.org", "lead@oxford.example.org"} <= told and "rep@stevenage.example.org" not in told
    assert outbox("directory_received", to="ann@example.com")

    assert sign_in_as("rep@stevenage.example.org").get(f"/directory/moderation/submissions/{submission.id}").status_code == 403
    oxford = sign_in_as("rep@oxford.example.org")
    page = oxford.get(f"/directory/moderation/submissions/{submission.id}")
    assert "Iffley Fields Food Co-op" in page.get_data(as_text=True)
    assert oxford.post(f"/directory/moderation/submissions/{submission.id}/approve", data={"csrf_token": csrf_token(page)}).status_code == 302

    published = entry("Iffley Fields Food Co-op")
    assert published.state == "live" and published.source == "submitted" and published.last_confirmed_on == today()
    assert "Iffley Fields Food Co-op" in client.get("/directory/?q=wholefoods").get_data(as_text=True)
    assert link_in(outbox("directory_link", to="hello@iffley.example.org")[0]).startswith("/directory/update/")
    assert outbox("directory_approved", to="ann@example.com")
    assert db.session.scalar(select(func.count(AuditEntry.id)).where(AuditEntry.action == "directory.submission_approved",
                                                                     AuditEntry.object_id == submission.id)) == 1
    # Decided once: a second press says so and changes nothing.
    again = oxford.post(f"/directory/moderation/submissions/{submission.id}/approve", data={"csrf_token": csrf_token(page)})
    assert again.status_code == 302
    assert db.session.scalar(select(func.count(Entry.id)).where(Entry.name == "Iffley Fields Food Co-op")) == 1


def test_bad_answers_are_explained_next_to_the_field_and_nothing_is_kept(client):
    before = database_digest()
    page = _submit(client, latitude="north", longitude="", contact_email="not an email", name="").get_data(as_text=True)
    assert "Enter the name of the organisation" in page
    assert "Enter a number between -90 and 90" in page
    assert "Enter an email address in the correct format" in page
    assert database_digest() == before


def test_a_council_moderates_only_its_own_area(sign_in_as):
    stevenage = sign_in_as("rep@stevenage.example.org")
    queue = stevenage.get("/directory/moderation/").get_data(as_text=True)
    assert "Jericho Bike Kitchen" not in queue and "Fairlands Valley Growers" in queue  # Oxford's and its own
    bakery = entry("Cowley Road Workers' Bakery")
    assert stevenage.get(f"/directory/moderation/entries/{bakery.id}/edit").status_code == 403
    page = stevenage.get("/directory/moderation/entries/new")
    response = stevenage.post("/directory/moderation/entries/new", data={
        "csrf_token": csrf_token(page), "name": "Somewhere Else Co-op", "legal_form": "cooperative_society",
        "ownership": "workers", "offers": "Things", "area_code": "E07000178"})
    assert "You can only choose your own council&#39;s area" in response.get_data(as_text=True)
    assert entry("Somewhere Else Co-op") is None


def test_a_suggested_change_holds_only_what_changed_and_never_shows_the_contact(client, sign_in_as):
    growers = entry("Fairlands Valley Growers")
    page = client.get(f"/directory/{growers.id}/suggest")
    text = page.get_data(as_text=True)
    assert growers.contact_email not in text and "Fairlands Valley Growers" in text
    values = {"csrf_token": csrf_token(page), "name": growers.name, "legal_form": growers.legal_form, "ownership": growers.ownership,
              "sectors": growers.sectors, "offers": "Seasonal vegetables and eggs.", "postcode": growers.postcode,
              "area_code": growers.area_code, "latitude": str(growers.latitude), "longitude": str(growers.longitude),
              "website": growers.website, "registration_number": growers.registration_number or "", "address": growers.address,
              "submitter_name": "Pat", "submitter_email": "pat@example.com"}
    assert client.post(f"/directory/{growers.id}/suggest", data=values).status_code == 200
    submission = db.session.scalar(select(Submission).where(Submission.entry_id == growers.id, Submission.kind == "change")
                                   .order_by(Submission.id.desc()))
    assert submission.data == {"offers": "Seasonal vegetables and eggs."}
    unchanged = client.post(f"/directory/{growers.id}/suggest", data={**values, "offers": growers.offers})
    assert "You have not changed anything" in unchanged.get_data(as_text=True)

    stevenage = sign_in_as("rep@stevenage.example.org")
    review = stevenage.get(f"/directory/moderation/submissions/{submission.id}")
    stevenage.post(f"/directory/moderation/submissions/{submission.id}/reject", data={"csrf_token": csrf_token(review), "reason": ""})
    assert db.session.get(Submission, submission.id).state == "pending"  # a rejection needs its reason
    stevenage.post(f"/directory/moderation/submissions/{submission.id}/approve", data={"csrf_token": csrf_token(review)})
    db.session.expire_all()
    assert entry("Fairlands Valley Growers").offers == "Seasonal vegetables and eggs."
    assert entry("Fairlands Valley Growers").contact_email == growers.contact_email


def test_the_organisations_link_confirms_or_proposes_changes_and_expires(client, monkeypatch):
    kitchen = entry("Paignton Community Kitchen")
    kitchen.last_confirmed_on = today() - timedelta(days=500)
    db.session.flush()
    token = entries.owner_token(kitchen)
    page = client.get(f"/directory/update/{token}")
    assert page.status_code == 200 and kitchen.contact_email in page.get_data(as_text=True)
    confirm_token = csrf_token(page)  # the same session token serves both forms
    client.post(f"/directory/update/{token}", data={"confirm-csrf_token": confirm_token, "action": "confirm"})
    db.session.expire_all()
    assert entry("Paignton Community Kitchen").last_confirmed_on == today()

    kitchen = entry("Paignton Community Kitchen")
    values = {key: value for key, value in kitchen.values().items() if value is not None}
    client.post(f"/directory/update/{token}", data={**values, "csrf_token": confirm_token, "offers": "Catering and a café."})
    submission = db.session.scalar(select(Submission).where(Submission.entry_id == kitchen.id, Submission.kind == "owner"))
    assert submission.data == {"offers": "Catering and a café."}

    # A new contact makes the old links useless; forged and expired links do nothing.
    entries.edit(kitchen, {**kitchen.values(), "contact_email": "new@kitchen.example.org"}, by=None)
    assert client.get(f"/directory/update/{token}").status_code == 404
    assert client.get(f"/directory/update/{token[:-2]}xx").status_code == 404
    assert client.get(f"/directory/update/{entries.owner_token(kitchen)}").status_code == 200
    with monkeypatch.context() as past:
        past.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) - 61 * 86400)
        old = entries.owner_token(kitchen)
    assert client.get(f"/directory/update/{old}").status_code == 404


def test_sending_a_new_link_ends_the_links_sent_before(client):
    kitchen = entry("Paignton Community Kitchen")
    token = csrf_token(client.get(f"/directory/{kitchen.id}"))
    for _ in range(2):
        client.post(f"/directory/{kitchen.id}/link", data={"csrf_token": token})
    first, second = [link_in(message) for message in outbox("directory_link", to=kitchen.contact_email)[-2:]]
    assert first != second
    refused = client.get(first)
    assert refused.status_code == 404 and "This link does not work" in refused.get_data(as_text=True)
    assert client.get(second).status_code == 200


def test_reconfirmation_asks_once_and_the_old_leave_the_map(app):
    asked_before = len(outbox("directory_link"))
    first = reconfirm.run()
    # Oxford Digital Commons (410 days), Bedwell (380), St Nicholas (450), Torre Abbey (390),
    # Wood Farm (580) and English Riviera (600) are over a year; Barton Makers is withdrawn.
    assert first.asked == 6 and first.no_contact == 0 and first.off_map == 2
    assert len(outbox("directory_link")) == asked_before + 6
    second = reconfirm.run()
    assert second.asked == 0 and len(outbox("directory_link")) == asked_before + 6
    # Confirming starts the year again; a year later it is asked again.
    commons = entry("Oxford Digital Commons")
    entries.confirm(commons)
    assert reconfirm.run().asked == 0
    assert reconfirm.run(today() + timedelta(days=370)).asked >= 1


def test_moderators_can_withdraw_and_restore_an_entry(client, sign_in_as):
    couriers = entry("Isis Cycle Couriers")
    oxford = sign_in_as("rep@oxford.example.org")
    page = oxford.get(f"/directory/{couriers.id}")
    oxford.post(f"/directory/moderation/entries/{couriers.id}/withdraw", data={"csrf_token": csrf_token(page)})
    assert client.get(f"/directory/{couriers.id}").status_code == 302  # to sign in: only moderators see it now
    assert "Isis Cycle Couriers" not in client.get("/directory/?q=couriers").get_data(as_text=True)
    oxford.post(f"/directory/moderation/entries/{couriers.id}/restore", data={"csrf_token": csrf_token(page)})
    assert client.get(f"/directory/{couriers.id}").status_code == 200


def test_the_directory_speaks_welsh(client):
    client.get("/language/cy")
    page = client.get("/directory/").get_data(as_text=True)
    assert "Cyfeiriadur" in page
    form = _submit(client, name="").get_data(as_text=True)
    assert "Enter the name of the organisation" not in form


def test_signing_in_is_not_needed_to_add_but_is_to_moderate(client):
    assert client.get("/directory/add").status_code == 200
    assert client.get("/directory/moderation/").status_code == 302
    assert sign_in(client, "affiliate@devco.example.org").get("/directory/moderation/").status_code == 403


def test_the_reconfirm_command_reports_and_can_run_twice(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["portal", "directory", "reconfirm"])
    assert first.exit_code == 0 and first.output.startswith("6 asked to confirm") and "2 off the public map" in first.output
    second = runner.invoke(args=["portal", "directory", "reconfirm"])
    assert second.output.startswith("0 asked to confirm")
