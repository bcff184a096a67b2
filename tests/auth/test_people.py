from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.membership.models import Member

from ..conftest import link_in, outbox, person, sign_in


def _oxford():
    return db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))


def _last_audit(action):
    return db.session.scalar(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.seq.desc()))


def test_secretariat_invites_a_person_who_sets_a_password_and_signs_in(sign_in_as, client):
    secretariat = sign_in_as("secretariat@example.org")
    response = secretariat.post(
        "/people/invite",
        data={"name": "Ffion Jones", "email": "Ffion@Oxford.example.org", "member_id": _oxford().id, "roles": []},
    )
    assert response.status_code == 302
    invited = person("ffion@oxford.example.org")
    assert invited.status == "invited" and invited.member.name == "Oxford City Council"
    assert _last_audit("person.invited").object_id == invited.id

    message = outbox("invitation", "ffion@oxford.example.org")[-1]
    assert "Sam Patel has invited you" in message.body
    link = link_in(message)
    assert "Oxford City Council" in client.get(link).get_data(as_text=True)
    response = client.post(link, data={"name": "Ffion Jones", "password": "llanfair mountain path"})
    assert response.status_code == 302
    assert client.get("/account/").status_code == 200
    invited = person("ffion@oxford.example.org")
    assert invited.status == "active" and invited.email_verified_at is not None
    assert client.post(link, data={"name": "X", "password": "llanfair mountain path"}).status_code == 404


def test_inviting_an_address_that_has_an_account_is_refused_next_to_the_field(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    before = len(outbox())
    response = secretariat.post(
        "/people/invite", data={"name": "Priya again", "email": "REP@oxford.example.org", "member_id": 0}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "A person with this email address already has an account" in page
    assert len(outbox()) == before


def test_bad_invitation_answers_are_explained_and_nothing_is_written(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    before = len(outbox())
    page = secretariat.post("/people/invite", data={"name": "", "email": "not-an-email", "member_id": "x"}).get_data(
        as_text=True
    )
    assert "Enter a full name" in page
    assert "Enter an email address in the correct format" in page
    assert "There is a problem" in page
    assert len(outbox()) == before


def test_secretariat_cannot_grant_admin_or_secretariat_roles(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    officer = person("officer@stevenage.example.org")
    response = secretariat.post(f"/people/{officer.id}/roles", data={"roles": ["admin"]})
    assert response.status_code == 400
    assert not person("officer@stevenage.example.org").has_role("admin")
    secretariat.post(f"/people/{officer.id}/roles", data={"roles": ["moderator"]})
    assert person("officer@stevenage.example.org").role_names == {"moderator"}
    assert _last_audit("person.roles_changed").detail == {"before": [], "after": ["moderator"]}


def test_admin_grants_secretariat_role(sign_in_as):
    admin = sign_in_as("admin@example.org")
    officer = person("officer@stevenage.example.org")
    admin.post(f"/people/{officer.id}/roles", data={"roles": ["secretariat", "reviewer"]})
    assert person("officer@stevenage.example.org").role_names == {"secretariat", "reviewer"}


def test_secretariat_cannot_deactivate_an_admin_or_themselves(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    assert secretariat.post(f"/people/{person('admin@example.org').id}/deactivate").status_code == 403
    assert secretariat.post(f"/people/{person('secretariat@example.org').id}/deactivate").status_code == 403
    assert person("admin@example.org").status == "active"


def test_member_people_cannot_see_the_people_list(sign_in_as):
    assert sign_in_as("rep@oxford.example.org").get("/people/").status_code == 403


def test_people_list_searches_by_name_or_email(sign_in_as):
    page = sign_in_as("secretariat@example.org").get("/people/?q=stevenage").get_data(as_text=True)
    assert "Tom Hughes" in page and "Grace Adeyemi" in page
    assert "Priya Shah" not in page


def test_resending_an_invitation_replaces_the_link(sign_in_as, client):
    secretariat = sign_in_as("secretariat@example.org")
    secretariat.post("/people/invite", data={"name": "Owain Hughes", "email": "owain@example.org", "member_id": 0})
    invited = person("owain@example.org")
    first = link_in(outbox("invitation", "owain@example.org")[-1])
    secretariat.post(f"/people/{invited.id}/resend-invitation")
    second = link_in(outbox("invitation", "owain@example.org")[-1])
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200


def test_person_can_change_their_name_and_language(client):
    sign_in(client, "rep@oxford.example.org")
    client.post("/account/details", data={"name": "Priya Shah-Evans", "locale": "cy"})
    assert person("rep@oxford.example.org").locale == "cy"
    assert 'lang="cy"' in client.get("/account/").get_data(as_text=True)
    assert _last_audit("person.details_changed").detail == {"fields": ["locale", "name"]}


def test_email_change_waits_for_the_new_address_to_confirm(client):
    sign_in(client, "rep@oxford.example.org")
    client.post("/account/email", data={"email": "priya@oxford.example.org", "current_password": "demo-password-2026"})
    assert person("rep@oxford.example.org") is not None
    notice = outbox("email_change_notice", "rep@oxford.example.org")[-1]
    assert "priya@oxford.example.org" in notice.body
    link = link_in(outbox("email_change", "priya@oxford.example.org")[-1])
    assert client.get(link).status_code == 200
    assert person("priya@oxford.example.org") is None  # opening the link changes nothing
    assert client.post(link).status_code == 302
    assert person("priya@oxford.example.org").name == "Priya Shah"


def test_an_email_change_to_an_address_in_use_tells_its_holder_and_not_the_asker(client):
    """Who holds an address is nobody else's to learn: the asker sees what any change shows."""
    sign_in(client, "rep@oxford.example.org")
    taken = client.post("/account/email", data={"email": "admin@example.org", "current_password": "demo-password-2026"})
    free = client.post("/account/email", data={"email": "nobody-yet@example.org", "current_password": "demo-password-2026"})
    assert taken.status_code == free.status_code == 200
    assert "Another account" not in taken.get_data(as_text=True)
    assert (taken.get_data(as_text=True).replace("admin@example.org", "X").split("<main")[1]
            == free.get_data(as_text=True).replace("nobody-yet@example.org", "X").split("<main")[1])
    assert outbox("email_in_use", "admin@example.org") and not outbox("email_change", "admin@example.org")
    assert person("rep@oxford.example.org").email == "rep@oxford.example.org"


def test_a_long_people_list_pages_and_keeps_the_search(sign_in_as):
    from portal.auth.models import Person

    db.session.add_all(Person(name=f"Bulk Person {n:03d}", email=f"bulk{n}@example.org") for n in range(60))
    db.session.flush()
    secretariat = sign_in_as("secretariat@example.org")
    first = secretariat.get("/people/?q=bulk").get_data(as_text=True)
    assert "60 people" in first and "Bulk Person 049" in first and "Bulk Person 050" not in first
    assert 'href="/people/?page=2&amp;q=bulk"' in first or 'href="/people/?q=bulk&amp;page=2"' in first
    second = secretariat.get("/people/?q=bulk&page=2").get_data(as_text=True)
    assert "Bulk Person 050" in second and "Bulk Person 049" not in second
