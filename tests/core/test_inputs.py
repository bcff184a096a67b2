"""Numbers from outside (ids in addresses, numbers in query strings and forms) are checked in one
place: past what the databases hold they are no page, or ignored, or refused next to the field."""

import pytest

from portal.core.inputs import LARGEST_ID, form_id, whole_number

from ..conftest import sign_in

PAST_ANY_ID = ["2147483648", "99999999999999999999", "0", "-1", "1e3", "٣"]


@pytest.mark.parametrize("number", PAST_ANY_ID)
@pytest.mark.parametrize("address", ["/members/{}", "/forum/threads/{}", "/groups/{}/meetings/", "/secretariat/members/{}/invoices/1"])
def test_an_address_with_an_id_no_database_could_hold_is_page_not_found(client, address, number):
    sign_in(client, "admin@example.org")
    response = client.get(address.format(number))
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_an_address_with_the_largest_id_is_looked_up_and_not_found(client):
    assert client.get(f"/members/{LARGEST_ID}").status_code == 404
    assert client.get("/directory/1").status_code in (200, 404)


@pytest.mark.parametrize("who, address, shows", [
    (None, "/members/?tier=2147483648", "Oxford City Council"),
    (None, "/members/?page=99999999999999999999", "Oxford City Council"),
    (None, "/members/?page=-5&tier=x", "Oxford City Council"),
    (None, "/toolkit/?lab=99999999999999999999", "Toolkit"),
    (None, "/forum/search?q=co-operative&page=2147483648", "Search"),
    (None, "/directory/?page=99999999999999999999", "Directory"),
    ("secretariat@example.org", "/secretariat/?year=2147483648", "Secretariat"),
    ("secretariat@example.org", "/secretariat/invoices.csv?year=99999999999999999999", "invoice"),
    ("secretariat@example.org", "/secretariat/members?page=99999999999999999999", "Oxford City Council"),
    ("secretariat@example.org", "/secretariat/applications/?page=2147483648", "pplication"),
    ("secretariat@example.org", "/people/?page=99999999999999999999", "People"),
    ("admin@example.org", "/audit/?page=99999999999999999999", "udit"),
])
def test_a_number_no_database_could_hold_in_a_query_is_ignored(client, who, address, shows):
    if who:
        sign_in(client, who)
    response = client.get(address)
    assert response.status_code == 200
    assert shows in response.get_data(as_text=True)


def test_a_quote_of_a_post_past_any_id_starts_an_empty_reply(sign_in_as):
    from .. forum.helpers import thread

    placemaking = thread("Co-operative placemaking")
    response = sign_in_as("rep@oxford.example.org").get(f"/forum/threads/{placemaking.id}/reply?quote=2147483648")
    assert response.status_code == 200 and "wrote:" not in response.get_data(as_text=True)


def test_merging_into_a_thread_number_past_any_id_is_refused_next_to_the_field(sign_in_as):
    from ..forum.helpers import thread

    placemaking = thread("Co-operative placemaking")
    moderator = sign_in_as("moderator@example.org")
    for number in ("2147483648", "99999999999999999999"):
        response = moderator.post(f"/forum/moderation/threads/{placemaking.id}/merge", data={"into": number})
        assert response.status_code == 400
        assert "Enter the number of the thread to merge into" in response.get_data(as_text=True)


@pytest.mark.parametrize("text, number", [
    ("1", 1), (" 42 ", 42), (str(LARGEST_ID), LARGEST_ID), (str(LARGEST_ID + 1), None), ("0", None), ("-1", None),
    ("99999999999999999999", None), ("1e3", None), ("٣", None), ("--1", None), ("", None), (None, None), ("1" * 5000, None),
])
def test_a_whole_number_is_read_within_range_or_not_at_all(text, number):
    assert whole_number(text) == number


def test_a_select_field_takes_the_none_choice_and_ids_but_refuses_numbers_past_them():
    assert [form_id(value) for value in ("0", "7", 7, str(LARGEST_ID))] == [0, 7, 7, LARGEST_ID]
    for value in ("2147483648", "-1", "seven", ""):
        with pytest.raises(ValueError):
            form_id(value)
