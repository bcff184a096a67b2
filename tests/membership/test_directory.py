from ..conftest import sign_in
from .helpers import member


def test_the_public_directory_lists_members_in_good_standing(client):
    page = client.get("/members/").get_data(as_text=True)
    assert "Oxford City Council" in page and "Sunderland City Council" in page  # in grace is good standing
    assert "Kirklees Council" not in page  # lapsed


def test_the_kept_directory_shows_a_change_of_name_tier_or_standing_at_once_and_each_language_its_own(client):
    from portal.extensions import db

    from .helpers import tier

    assert "Oxford City Council" in client.get("/members/").get_data(as_text=True)
    oxford = member("Oxford City Council")
    oxford.name = "Oxford City Council (Co-operative Oxford)"
    oxford.tier = tier("Affiliate")
    db.session.commit()
    page = client.get("/members/").get_data(as_text=True)
    row = page[page.index("Oxford City Council (Co-operative Oxford)"):].split("</tr>")[0]
    assert "Affiliate" in row and "Torbay Council" in page
    member("Torbay Council").status = "lapsed"
    db.session.commit()
    assert "Torbay Council" not in client.get("/members/").get_data(as_text=True)
    client.get("/language/cy")
    welsh = client.get("/members/").get_data(as_text=True)
    assert "Cysylltiedig" in welsh and "Affiliate" not in welsh and " members</caption>" not in welsh


def test_the_directory_searches_and_filters(client):
    page = client.get("/members/?q=oxford").get_data(as_text=True)
    assert "Oxford City Council" in page and "Torbay Council" not in page
    page = client.get("/members/?kind=cooperative").get_data(as_text=True)
    assert "Tamar Valley Food Co-operative" in page and "Oxford City Council" not in page
    page = client.get("/members/?region=wales").get_data(as_text=True)
    assert "Cardiff Council" in page and "Oxford City Council" not in page
    assert "No member matches these filters." in client.get("/members/?q=zzzz").get_data(as_text=True)


def test_odd_filters_are_ignored_not_failed(client):
    for query in ("?kind=<script>", "?tier=abc", "?page=-3", "?page=99999", "?q=%25%25_%5C", "?region=mars"):
        assert client.get("/members/" + query).status_code in (200, 404)


def test_contacts_are_shown_only_to_signed_in_people_of_member_organisations(client, sign_in_as):
    oxford = member("Oxford City Council")
    assert "rep@oxford.example.org" not in client.get(f"/members/{oxford.id}").get_data(as_text=True)
    assert "rep@oxford.example.org" not in sign_in_as("moderator@example.org").get(f"/members/{oxford.id}").get_data(as_text=True)
    assert "rep@oxford.example.org" in sign_in_as("officer@stevenage.example.org").get(f"/members/{oxford.id}").get_data(as_text=True)


def test_a_lapsed_members_page_is_not_public(client):
    kirklees = member("Kirklees Council")
    assert client.get(f"/members/{kirklees.id}").status_code == 404
    sign_in(client, "rep@kirklees.example.org")
    assert client.get(f"/members/{kirklees.id}").status_code == 200


def test_notes_for_the_secretariat_never_reach_the_public_page(client, sign_in_as):
    oxford = member("Oxford City Council")
    secretariat = sign_in_as("secretariat@example.org")
    data = {"name": oxford.name, "kind": "council", "tier_id": oxford.tier_id, "notes": "Chase the finance director"}
    secretariat.post(f"/secretariat/members/{oxford.id}", data=data)
    assert member("Oxford City Council").notes == "Chase the finance director"
    for viewer in (client, sign_in_as("rep@oxford.example.org")):
        for path in (f"/members/{oxford.id}", f"/members/{oxford.id}/account", "/members/"):
            assert "Chase the finance director" not in viewer.get(path).get_data(as_text=True)
