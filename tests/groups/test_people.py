"""Who is in a private group is decided by those who run it: its chair or secretary, the admin
of the member that leads its lab, and the secretariat. Each change is audited and told."""

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.groups.models import GroupMember

from ..conftest import database_digest, outbox, person
from .helpers import group

SEED = "Growing an Inclusive"


def _membership(g, email):
    return db.session.scalar(select(GroupMember).where(GroupMember.group_id == g.id, GroupMember.person_id == person(email).id))


def _last(action):
    return db.session.scalar(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc()))


def test_an_advisory_member_cannot_let_an_outsider_into_a_private_group(sign_in_as):
    g = group(SEED)
    advisory = sign_in_as("rep@preston.example.org")
    before = database_digest(exclude={"security_event"})
    response = advisory.post(f"/groups/{g.id}/people", data={"email": "cynrychiolydd@cardiff.example.org", "role": "member"})
    assert response.status_code == 403
    assert database_digest(exclude={"security_event"}) == before
    assert sign_in_as("cynrychiolydd@cardiff.example.org").get(f"/groups/{g.id}/risks").status_code == 403


def test_an_advisory_member_cannot_remove_the_chair(sign_in_as):
    g = group(SEED)
    chair = _membership(g, "chair@oxford.example.org")
    response = sign_in_as("affiliate@devco.example.org").post(f"/groups/{g.id}/people/{chair.id}/remove")
    assert response.status_code == 403
    assert _membership(g, "chair@oxford.example.org") is not None


def test_people_of_the_group_see_who_is_in_it_but_not_the_forms_to_change_it(sign_in_as):
    g = group(SEED)
    page = sign_in_as("rep@torbay.example.org").get(f"/groups/{g.id}/people").get_data(as_text=True)
    assert person("chair@oxford.example.org").name in page
    assert "Add a person" not in page and "Remove" not in page
    assert "chair or secretary" in page
    assert "Add a person" in sign_in_as("chair@oxford.example.org").get(f"/groups/{g.id}/people").get_data(as_text=True)


def test_the_chair_adds_a_person_who_is_told_and_the_change_is_audited(sign_in_as):
    g = group(SEED)
    response = sign_in_as("chair@oxford.example.org").post(
        f"/groups/{g.id}/people", data={"email": "cynrychiolydd@cardiff.example.org", "role": "member"})
    assert response.status_code == 302
    assert _membership(g, "cynrychiolydd@cardiff.example.org").role == "member"
    entry = _last("group.person_added")
    assert entry.actor_id == person("chair@oxford.example.org").id
    assert entry.detail["person_id"] == person("cynrychiolydd@cardiff.example.org").id
    told = outbox("group_person_added", to="cynrychiolydd@cardiff.example.org")
    assert len(told) == 1 and g.name in told[0].body


def test_the_lead_member_s_admin_removes_a_person_who_is_told(sign_in_as):
    g = group(SEED)
    leaving = _membership(g, "rep@preston.example.org")
    response = sign_in_as("rep@oxford.example.org").post(f"/groups/{g.id}/people/{leaving.id}/remove")
    assert response.status_code == 302
    assert _membership(g, "rep@preston.example.org") is None
    entry = _last("group.person_removed")
    assert entry.actor_id == person("rep@oxford.example.org").id
    assert entry.detail["person_id"] == person("rep@preston.example.org").id
    told = outbox("group_person_removed", to="rep@preston.example.org")
    assert len(told) == 1 and "removed you" in told[0].body
    assert sign_in_as("rep@preston.example.org").get(f"/groups/{g.id}/risks").status_code == 403


def test_adding_someone_already_in_the_group_is_explained_next_to_the_email(sign_in_as):
    g = group(SEED)
    page = sign_in_as("secretariat@example.org").post(
        f"/groups/{g.id}/people", data={"email": "rep@torbay.example.org", "role": "member"}).get_data(as_text=True)
    assert "is already in the group" in page and "govuk-error-message" in page
