import html

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.membership.models import Application, Invoice, Member, Subscription

from ..conftest import link_in, outbox, person
from .helpers import member, tier

ANSWERS = {
    "kind": "council",
    "name": "Bath and North East Somerset Council",
    "region": "south_west",
    "local_authority_area": "Bath and North East Somerset",
    "website": "https://www.bathnes.example.org",
    "registration_number": "E06000022",
    "population": "195000",
    "contact_name": "Mair Thomas",
    "contact_email": "mair.thomas@bathnes.example.org",
    "statement": "We run a community wealth building programme.",
    "agreed_to_values": "y",
}


def _apply(client, **changes):
    data = {**ANSWERS, "tier_id": tier("Full").id, **changes}
    return client.post("/join", data=data)


def test_anyone_can_apply_and_gets_an_acknowledgement(client):
    response = _apply(client)
    assert response.status_code == 200
    assert "Application sent" in response.get_data(as_text=True)
    application = db.session.scalar(select(Application).where(Application.name == ANSWERS["name"]))
    assert application.status == "submitted" and application.registration_number == "E06000022"
    assert outbox("application_received", "mair.thomas@bathnes.example.org")


@pytest.mark.parametrize(
    "name, number, field",
    [
        ("Oxford Council", "", "name"),  # 'City' folded away: the same as Oxford City Council
        ("OXFORD CITY COUNCIL.", "", "name"),
        ("A Different Name", "e07000178", "registration_number"),  # Oxford's ONS code, any case
    ],
)
def test_duplicates_of_listed_members_are_caught_with_a_clear_message(client, name, number, field):
    before = db.session.scalar(select(func.count()).select_from(Application))
    page = _apply(client, name=name, registration_number=number).get_data(as_text=True)
    assert "is already a member or has applied" in page or "already has this registration number" in page
    assert f'href="#{field}"' in page
    assert db.session.scalar(select(func.count()).select_from(Application)) == before


def _normalised(page, *names):
    import re

    for name in names:
        page = page.replace(name, "NAME")
    return re.sub(r'nonce="[^"]+"', "", page)


def test_an_application_matching_one_waiting_is_answered_as_any_other_and_its_contact_is_told(client, sign_in_as):
    """Whether someone else has applied is not the public's to know: the page says what it
    says to a new applicant, the secretariat see the match, and the earlier applicant is told."""
    waiting = db.session.scalar(select(Application).where(Application.name == "Bristol City Council"))
    fresh = _apply(client).get_data(as_text=True)
    again = _apply(client, name="Bristol City Council", registration_number="", contact_email="someone@else.example.org")
    assert again.status_code == 200
    assert (_normalised(again.get_data(as_text=True), "Bristol City Council", "someone@else.example.org")
            == _normalised(fresh, ANSWERS["name"], ANSWERS["contact_email"]))
    stored = db.session.scalars(select(Application).where(Application.name == "Bristol City Council")).all()
    assert len(stored) == 2
    told = outbox("application_again", waiting.contact_email)
    assert len(told) == 1 and "Bristol City Council" in told[0].body and "someone@else" not in told[0].body
    newest = max(stored, key=lambda a: a.id)
    page = sign_in_as("secretariat@example.org").get(f"/secretariat/applications/{newest.id}").get_data(as_text=True)
    assert "which is already a member or has applied" in page


def test_a_tier_not_open_to_the_kind_of_member_is_refused(client):
    page = _apply(client, kind="cooperative", tier_id=tier("Full").id).get_data(as_text=True)
    assert "The Full tier is not open to this kind of member" in page


def test_missing_answers_are_each_explained(client):
    page = client.post("/join", data={}).get_data(as_text=True)
    for message in (
        "Choose what kind of member you would be",
        "Enter the name of the organisation, or your name",
        "Choose a region or nation",
        "Choose a membership tier",
        "Enter your full name",
        "Confirm that you share the network",
    ):
        assert message in page


def test_approval_makes_the_member_raises_its_subscription_and_invites_the_contact(client, sign_in_as):
    _apply(client)
    application = db.session.scalar(select(Application).where(Application.name == ANSWERS["name"]))
    secretariat = sign_in_as("secretariat@example.org")
    response = secretariat.post(f"/secretariat/applications/{application.id}/approve")
    assert response.status_code == 302
    new = member(ANSWERS["name"])
    assert new.status == "active" and new.tier.name_en == "Full" and new.population == 195000
    subscription = db.session.scalar(select(Subscription).where(Subscription.member_id == new.id))
    assert subscription.fee_pence == 250_000  # 150,001 to 300,000 people
    invoice = db.session.scalar(select(Invoice).where(Invoice.member_id == new.id))
    contact = person("mair.thomas@bathnes.example.org")
    assert contact.member_id == new.id and contact.is_member_admin and contact.status == "invited"
    assert new.representative("contact").id == contact.id
    invitation = outbox("invitation", "mair.thomas@bathnes.example.org")[-1]
    assert outbox("invoice_raised", "mair.thomas@bathnes.example.org")[-1].body.count(invoice.number) >= 1
    # The contact sets a password and sees the membership and the invoice.
    client.post(link_in(invitation), data={"name": "Mair Thomas", "password": "a long bath passphrase"})
    page = client.get(f"/members/{new.id}/account").get_data(as_text=True)
    assert invoice.number in page
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.object_type.in_(["member", "application"]))).all()
    assert {"application.approved", "member.joined", "member.status_changed"} <= set(actions)


def test_pressing_approve_twice_makes_one_member(client, sign_in_as):
    _apply(client)
    application = db.session.scalar(select(Application).where(Application.name == ANSWERS["name"]))
    secretariat = sign_in_as("secretariat@example.org")
    secretariat.post(f"/secretariat/applications/{application.id}/approve")
    second = secretariat.post(f"/secretariat/applications/{application.id}/approve", follow_redirects=True)
    assert "This application was already decided." in second.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Member).where(Member.name == ANSWERS["name"])) == 1


def test_declining_emails_the_reason(client, sign_in_as):
    _apply(client)
    application = db.session.scalar(select(Application).where(Application.name == ANSWERS["name"]))
    secretariat = sign_in_as("secretariat@example.org")
    assert secretariat.post(f"/secretariat/applications/{application.id}/decline", data={"reason": ""}).status_code == 400
    secretariat.post(f"/secretariat/applications/{application.id}/decline", data={"reason": "Please apply as Associate."})
    message = outbox("application_declined", "mair.thomas@bathnes.example.org")[-1]
    assert "Please apply as Associate." in message.body
    assert member(ANSWERS["name"]) is None


def test_the_queue_shows_waiting_applications_to_the_secretariat_only(sign_in_as):
    assert "Bristol City Council" in sign_in_as("secretariat@example.org").get("/secretariat/applications/").get_data(as_text=True)
    assert sign_in_as("rep@oxford.example.org").get("/secretariat/applications/").status_code == 403


def test_a_welsh_applicant_is_answered_in_welsh(client):
    client.get("/language/cy?next=/join")
    _apply(client, name="Cyngor Gwynedd", registration_number="W06000002", contact_email="swyddog@gwynedd.example.org")
    assert "Annwyl" in outbox("application_received", "swyddog@gwynedd.example.org")[-1].body


def test_the_join_form_says_what_each_tier_costs(client, sign_in_as):
    page = html.unescape(client.get("/join").get_data(as_text=True))
    assert "A year, by population: £1,500.00 for up to 150,000 people; £2,500.00 for 150,001 to 300,000 people; " \
           "£3,500.00 for more than 300,000 people." in page
    welsh = html.unescape(sign_in_as("cynrychiolydd@cardiff.example.org").get("/join").get_data(as_text=True))
    assert "£1,500.00" in welsh and "for up to" not in welsh
