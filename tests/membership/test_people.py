from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db

from ..conftest import outbox, person
from .helpers import member


def test_member_admin_names_a_new_voting_representative_and_the_old_one_is_told(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    lead = person("lead@oxford.example.org")
    response = oxford.post(
        f"/members/{org.id}/representatives", data={"voting": lead.id, "deputy": 0, "contact": person("rep@oxford.example.org").id}
    )
    assert response.status_code == 302
    org = member("Oxford City Council")
    assert org.representative("voting").email == "lead@oxford.example.org"
    told = outbox("representative_replaced", "rep@oxford.example.org")[-1]
    assert "Daniel Osei" in told.body
    assert outbox("representative_named", "lead@oxford.example.org")
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "member.representative_changed").order_by(AuditEntry.seq.desc()))
    assert entry.detail == {"role": "voting", "before": person("rep@oxford.example.org").id, "after": lead.id}


def test_the_deputy_cannot_be_the_voting_representative(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    rep = person("rep@oxford.example.org")
    page = oxford.post(
        f"/members/{org.id}/representatives", data={"voting": rep.id, "deputy": rep.id, "contact": rep.id}
    ).get_data(as_text=True)
    assert "The deputy must be someone other than the voting representative" in page


def test_only_the_members_own_people_can_be_named(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    stranger = person("officer@stevenage.example.org")
    response = oxford.post(
        f"/members/{org.id}/representatives", data={"voting": stranger.id, "deputy": 0, "contact": stranger.id}
    )
    assert response.status_code == 200
    assert member("Oxford City Council").representative("voting").email == "rep@oxford.example.org"


def test_member_admin_invites_and_removes_a_colleague(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    oxford.post(f"/members/{org.id}/people/invite", data={"name": "Carys Bevan", "email": "carys@oxford.example.org"})
    carys = person("carys@oxford.example.org")
    assert carys.member_id == org.id and not carys.is_member_admin
    oxford.post(f"/members/{org.id}/people/{carys.id}/remove")
    carys = person("carys@oxford.example.org")
    assert carys.member_id is None and carys.status == "deactivated"


def test_inviting_a_colleague_whose_address_has_an_account_tells_them_and_not_the_inviter(sign_in_as):
    from ..conftest import outbox

    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    held = oxford.post(f"/members/{org.id}/people/invite", data={"name": "Someone", "email": "rep@torbay.example.org"},
                       follow_redirects=True).get_data(as_text=True)
    new = oxford.post(f"/members/{org.id}/people/invite", data={"name": "Carys Bevan", "email": "carys@oxford.example.org"},
                      follow_redirects=True).get_data(as_text=True)
    assert "already has an account" not in held
    assert "We have emailed rep@torbay.example.org with what to do next." in held
    assert "We have emailed carys@oxford.example.org with what to do next." in new
    told = outbox("colleague_has_account", "rep@torbay.example.org")
    assert len(told) == 1 and "Oxford City Council" in told[0].body
    assert person("rep@torbay.example.org").member_id != org.id
    listed = oxford.get(f"/members/{org.id}/people").get_data(as_text=True)
    assert "carys@oxford.example.org" not in listed and "rep@torbay.example.org" not in listed  # neither, until accepted
    oxford.post(f"/members/{org.id}/people/invite", data={"name": "Carys Bevan", "email": "carys@oxford.example.org"})
    assert len(outbox("invitation", "carys@oxford.example.org")) == 2  # inviting again sends it again


def test_removing_the_voting_representative_leaves_the_role_empty(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    org = member("Sunderland City Council")
    deputy = person("deputy@sunderland.example.org")
    secretariat.post(f"/members/{org.id}/people/{deputy.id}/remove")
    assert member("Sunderland City Council").representative("deputy") is None
    assert outbox("representative_replaced", "deputy@sunderland.example.org")  # the old deputy is told


def test_another_members_admin_cannot_touch_these_people(sign_in_as):
    stevenage = sign_in_as("rep@stevenage.example.org")
    org = member("Oxford City Council")
    lead = person("lead@oxford.example.org")
    assert stevenage.post(f"/members/{org.id}/people/{lead.id}/remove").status_code == 403
    assert stevenage.get(f"/members/{org.id}/people").status_code == 403
    assert person("lead@oxford.example.org").member_id == org.id


def test_member_admin_keeps_the_profile_up_to_date(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    org = member("Oxford City Council")
    bad = oxford.post(f"/members/{org.id}/profile", data={"website": "javascript:alert(1)", "region": "south_east"})
    assert "Enter a web address starting with https://" in bad.get_data(as_text=True)
    oxford.post(f"/members/{org.id}/profile", data={"website": "https://www.oxford.gov.example", "region": "south_east"})
    assert member("Oxford City Council").website == "https://www.oxford.gov.example"


def test_a_member_admin_removing_a_colleague_with_a_network_role_does_not_end_their_account(sign_in_as):
    from portal.auth import rules as accounts

    chair = person("chair@oxford.example.org")
    accounts.set_roles(chair, {"moderator"}, by=person("admin@example.org"))
    db.session.flush()
    org = member("Oxford City Council")
    sign_in_as("rep@oxford.example.org").post(f"/members/{org.id}/people/{chair.id}/remove")
    chair = person("chair@oxford.example.org")
    assert chair.member_id is None and chair.status == "active" and chair.has_role("moderator")
