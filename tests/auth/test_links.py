"""A new password or a new email address ends every link sent by email that proves who
someone is: password resets, invitations and email changes."""

from ..conftest import link_in, outbox, sign_in

NEW = "a much longer passphrase 2026"


def _reset_link(client, email):
    client.post("/password/forgotten", data={"email": email})
    return link_in(outbox("password_reset", email)[-1])


def test_a_reset_link_stops_working_when_the_password_is_changed(client, sign_in_as):
    link = _reset_link(client, "rep@oxford.example.org")
    owner = sign_in_as("rep@oxford.example.org")
    owner.post("/account/password", data={"current_password": "demo-password-2026", "password": NEW})
    assert client.get(link).status_code == 404
    assert client.post(link, data={"password": "another passphrase 2027"}).status_code == 404


def test_a_reset_link_stops_working_when_the_email_address_changes(client, sign_in_as):
    link = _reset_link(client, "rep@oxford.example.org")
    owner = sign_in_as("rep@oxford.example.org")
    owner.post("/account/email", data={"email": "priya@oxford.example.org", "current_password": "demo-password-2026"})
    owner.post(link_in(outbox("email_change", "priya@oxford.example.org")[-1]))
    assert client.get(link).status_code == 404


def test_an_email_change_link_stops_working_when_the_password_is_reset(client):
    sign_in(client, "rep@oxford.example.org")
    client.post("/account/email", data={"email": "priya@oxford.example.org", "current_password": "demo-password-2026"})
    change = link_in(outbox("email_change", "priya@oxford.example.org")[-1])
    other = client.application.test_client()
    reset = _reset_link(other, "rep@oxford.example.org")
    assert other.post(reset, data={"password": NEW}).status_code == 302
    assert other.get(change).status_code == 404


def test_an_outstanding_invitation_link_stops_working_when_the_password_changes(sign_in_as, client):
    from portal.auth import rules

    from ..conftest import person

    rules.send_invitation(person("rep@oxford.example.org"))  # e.g. resent by mistake to someone already in
    invitation = link_in(outbox("invitation", "rep@oxford.example.org")[-1])
    assert client.get(invitation).status_code == 200
    sign_in_as("rep@oxford.example.org").post("/account/password", data={"current_password": "demo-password-2026", "password": NEW})
    assert client.get(invitation).status_code == 404
