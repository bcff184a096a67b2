"""Delivery of the adopted programme, in public: who reports progress, what the public and members
see, the filters, the CSV, the annual report's counts, and a page whose cost does not grow."""

import csv
import html
import io

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.extensions import db

from ..conftest import database_digest, outbox
from ..test_routes import QueryCounter
from .helpers import item, member, models, person

WEALTH, SOCIAL_VALUE, PLACEMAKING = "Community wealth building", "Social value in procurement", "Co-operative placemaking"


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def _year():
    return item(WEALTH).call.year


def _update(**extra):
    return {"status": "under_way", "progress": "70", "text_en": "Two more councils have joined the pilots.", **extra}


def _audited(action, obj):
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(
        AuditEntry.action == action, AuditEntry.object_id == obj.id))


def test_the_public_sees_every_item_and_its_status_and_members_also_see_the_updates(client, sign_in_as):
    page = _text(client.get(f"/programme/work/{_year()}"))
    for title in (WEALTH, SOCIAL_VALUE, PLACEMAKING):
        assert title in page
    assert "45% complete" in page and "Under way" in page and "Sunderland City Council" in page
    assert "Work programme 2026–27: the network's priorities" in page  # the vote that adopted them
    assert "first procurement training" not in page  # an update's words
    assert f"/programme/ideas/{item(WEALTH).idea_id}" not in page  # ideas are for the signed-in
    item_page = _text(client.get(f"/programme/items/{item(WEALTH).id}"))
    assert "45% complete" in item_page and "first procurement training" not in item_page
    assert "Develop toolkit" not in item_page  # a task of a private group's plan

    member_page = _text(sign_in_as("rep@plymouth.example.org").get(f"/programme/work/{_year()}"))
    assert "first procurement training" in member_page and f"/programme/ideas/{item(WEALTH).idea_id}" in member_page
    assert "Develop toolkit" not in member_page  # Plymouth is not in the seed lab's steering group
    assert "Develop toolkit" in _text(sign_in_as("rep@oxford.example.org").get(f"/programme/items/{item(WEALTH).id}"))


def test_the_owning_groups_people_and_the_secretariat_report_progress_and_others_may_not(sign_in_as):
    wealth = item(WEALTH)
    assert sign_in_as("cynrychiolydd@cardiff.example.org").post(f"/programme/items/{wealth.id}/update", data=_update()).status_code == 403
    assert sign_in_as("rep@sunderland.example.org").get(f"/programme/items/{wealth.id}/update").status_code == 403
    assert wealth.progress == 45
    response = sign_in_as("rep@torbay.example.org").post(f"/programme/items/{wealth.id}/update", data=_update())  # in the group
    assert response.status_code == 302
    db.session.refresh(wealth)
    assert (wealth.status, wealth.progress) == ("under_way", 70)
    assert wealth.updates[0].text_en == "Two more councils have joined the pilots." and wealth.updates[0].written_by.email == "rep@torbay.example.org"
    assert _audited("programme.item_updated", wealth) == 3  # two in the demo, this one
    told = {message.to_address for message in outbox("programme_item_updated") if "joined the pilots" in message.body}
    assert {"chair@oxford.example.org", "lead@oxford.example.org", "rep@oxford.example.org"} <= told  # the group, the author
    assert "rep@torbay.example.org" not in told  # who wrote it
    assert sign_in_as("secretariat@example.org").post(f"/programme/items/{wealth.id}/update",
                                                      data=_update(progress="75")).status_code == 302


def test_the_owning_members_people_report_progress(sign_in_as):
    social_value = item(SOCIAL_VALUE)
    assert sign_in_as("rep@oxford.example.org").post(f"/programme/items/{social_value.id}/update", data=_update()).status_code == 403
    assert sign_in_as("rep@sunderland.example.org").post(
        f"/programme/items/{social_value.id}/update", data=_update(status="done", progress="100")).status_code == 302
    db.session.refresh(social_value)
    assert (social_value.status, social_value.progress) == ("done", 100)


def test_only_the_secretariat_changes_the_owner_and_the_new_owner_is_told(sign_in_as):
    placemaking, oldham = item(PLACEMAKING), member("Oldham Council")
    assert sign_in_as("rep@oxford.example.org").post(f"/programme/items/{placemaking.id}/owner",
                                                    data={"owner": f"member-{oldham.id}"}).status_code == 403
    secretariat = sign_in_as("secretariat@example.org")
    page = _text(secretariat.post(f"/programme/items/{placemaking.id}/owner", data={"owner": "member-999999"}))
    assert "Choose who owns the item" in page and placemaking.owner_kind == "secretariat"
    assert secretariat.post(f"/programme/items/{placemaking.id}/owner", data={"owner": f"member-{oldham.id}"}).status_code == 302
    db.session.refresh(placemaking)
    assert (placemaking.owner_kind, placemaking.owner_member_id) == ("member", oldham.id)
    assert len(outbox("programme_item_owner", to="rep@oldham.example.org")) == 1
    assert _audited("programme.item_owner_changed", placemaking) == 1
    assert sign_in_as("rep@oldham.example.org").get(f"/programme/items/{placemaking.id}/update").status_code == 200


@pytest.mark.parametrize("given, message", [
    ("", "Enter the progress, from 0 to 100"),
    ("forty", "Enter the progress as a whole number from 0 to 100, like 40"),
    ("4.5", "Enter the progress as a whole number from 0 to 100, like 40"),
    ("-1", "Enter the progress as a whole number from 0 to 100, like 40"),
    ("101", "Progress must be from 0 to 100"),
    ("١٠", "Enter the progress as a whole number from 0 to 100, like 40"),
])
def test_progress_is_a_whole_per_cent_and_bad_input_says_so_next_to_the_field(sign_in_as, given, message):
    client, wealth = sign_in_as("chair@oxford.example.org"), item(WEALTH)
    before = database_digest()
    response = client.post(f"/programme/items/{wealth.id}/update", data=_update(progress=given))
    assert response.status_code == 200 and message in _text(response)
    assert 'id="progress-error"' in response.get_data(as_text=True)
    assert database_digest() == before


def test_a_done_item_is_at_100_and_a_dropped_one_says_why(sign_in_as):
    client, wealth = sign_in_as("chair@oxford.example.org"), item(WEALTH)
    assert "An item that is done is at 100 per cent: enter 100" in _text(
        client.post(f"/programme/items/{wealth.id}/update", data=_update(status="done", progress="90")))
    assert "Say why the item is dropped; the reason is published with it" in _text(
        client.post(f"/programme/items/{wealth.id}/update", data=_update(status="dropped")))
    assert "Say what has happened, in English or Welsh" in _text(
        client.post(f"/programme/items/{wealth.id}/update", data=_update(text_en="")))
    assert client.post(f"/programme/items/{wealth.id}/update", data=_update(
        status="dropped", dropped_reason="The partners could not find the officer time.")).status_code == 302
    assert "The partners could not find the officer time." in _text(sign_in_as("rep@oxford.example.org").get(f"/programme/work/{_year()}"))


def test_the_database_refuses_progress_outside_0_to_100():
    wealth = item(WEALTH)
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.execute(insert(models().ItemUpdate).values(item_id=wealth.id, written_at=utcnow(), text_en="", text_cy="",
                                                              progress=101, status="under_way"))


def test_the_rule_refuses_progress_that_is_not_a_whole_per_cent():
    from portal.programme.rules import Refused, delivery

    for bad in (-1, 101, 4.5, "40", True):
        with pytest.raises(Refused):
            delivery.report(item(WEALTH), by=person("secretariat@example.org"), progress=bad, status="under_way", text_en="x")


def test_the_csv_has_every_item_and_no_cell_runs_as_a_formula(client):
    wealth, year = item(WEALTH), _year()
    wealth.title_en = '=HYPERLINK("http://evil.example","click")'
    db.session.commit()
    response = client.get(f"/programme/work/{year}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:4] == ["Number", "Item", "Status", "Progress (%)"]
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.example\",\"click\")" and rows[1][3] == "45"
    assert [row[1] for row in rows[2:]] == [SOCIAL_VALUE, PLACEMAKING]
    assert "procurement training" not in response.get_data(as_text=True)  # no updates


def test_the_page_filters_by_theme_and_owner_and_ignores_what_it_cannot_read(client):
    year = _year()
    themes = {theme.name_en: theme.id for theme in item(WEALTH).call.themes}

    def shown(query):
        response = client.get(f"/programme/work/{year}?{query}")
        assert response.status_code == 200, query
        page = _text(response)
        return {title for title in (WEALTH, SOCIAL_VALUE, PLACEMAKING) if f"{title}</a></h2>" in page}

    assert shown(f"theme={themes['Public services']}") == {SOCIAL_VALUE}
    assert shown(f"theme={themes['Places and communities']}") == {WEALTH, PLACEMAKING}
    assert shown(f"owner=member-{member('Sunderland City Council').id}") == {SOCIAL_VALUE}
    assert shown("owner=secretariat") == {PLACEMAKING}
    assert shown(f"owner=group-{item(WEALTH).owner_group_id}&theme={themes['Inclusive economy']}") == {WEALTH}
    assert shown(f"theme={themes['Climate and energy']}") == set()
    everything = {WEALTH, SOCIAL_VALUE, PLACEMAKING}
    assert shown("theme=abc") == shown("theme=99999999999999999999") == everything
    assert shown("owner=member-x") == shown("owner=nobody-1") == shown("owner=member-99999999999999999999") == everything
    assert shown("owner=member-999999") == set()  # a member that owns nothing
    rows = client.get(f"/programme/work/{year}.csv?owner=secretariat").get_data(as_text=True).splitlines()
    assert len(rows) == 2 and PLACEMAKING in rows[1]


def _queries(client, rollback, path):
    with QueryCounter(rollback.connection) as counter:
        response = client.get(path)
    assert response.status_code == 200, path
    return counter.count


def test_the_page_costs_the_same_number_of_queries_with_more_items(sign_in_as, rollback):
    client, wealth = sign_in_as("rep@oxford.example.org"), item(WEALTH)
    path = f"/programme/work/{wealth.call.year}"
    client.get(path)
    before = _queries(client, rollback, path)
    ProgrammeItem, ItemUpdate, DeliveryLink = models().ProgrammeItem, models().ItemUpdate, models().DeliveryLink
    for n in range(12):
        extra = ProgrammeItem(call_id=wealth.call_id, position=10 + n, title_en=f"Extra item {n}", owner_kind="group",
                              owner_group_id=wealth.owner_group_id, progress=n)
        db.session.add(extra)
        db.session.flush()
        db.session.add_all([ItemUpdate(item_id=extra.id, text_en=f"Update {n}", progress=n),
                            *[DeliveryLink(item_id=extra.id, kind=link.kind, target_id=link.target_id) for link in wealth.links]])
    db.session.commit()
    assert "Extra item 11" in _text(client.get(path))
    assert _queries(client, rollback, path) == before
    assert _queries(client, rollback, f"/programme/work/{wealth.call.year}.csv") == _queries(client, rollback, f"/programme/work/{wealth.call.year}.csv")


def test_the_annual_report_counts_each_stage_of_the_year(client, sign_in_as):
    year = _year()
    response = client.get(f"/programme/work/{year}/report")
    assert response.status_code == 200
    page = _text(response)
    from portal.programme.rules import delivery

    assert delivery.annual_report(year) == [("proposed", 6), ("supported", 4), ("shortlisted", 6), ("voted", 6), ("adopted", 3),
                                            ("delivered", 0)]
    assert "Ideas proposed by members" in page and "Items delivered" in page and 'role="img"' in page
    sign_in_as("rep@sunderland.example.org").post(f"/programme/items/{item(SOCIAL_VALUE).id}/update",
                                                  data=_update(status="done", progress="100"))
    assert delivery.annual_report(year)[-1] == ("delivered", 1)
    assert delivery.annual_report(year + 1)[:5] == [("proposed", 5), ("supported", 5), ("shortlisted", 0), ("voted", 0), ("adopted", 0)]
    assert client.get(f"/programme/work/{year + 5}/report").status_code == 404
    assert client.get(f"/programme/work/{year + 5}").status_code == 404


def test_links_are_to_labs_tasks_and_toolkit_outputs_the_person_may_see(sign_in_as):
    placemaking = item(PLACEMAKING)
    secretariat = sign_in_as("secretariat@example.org")
    seed_lab = item(WEALTH).links[0].target_id if item(WEALTH).links[0].kind == "lab" else None
    assert secretariat.post(f"/programme/items/{placemaking.id}/links/event", data={"event-target": "1"}).status_code == 404
    assert "Choose from the list" in _text(secretariat.post(f"/programme/items/{placemaking.id}/links/lab", data={"lab-target": "999999"}))
    assert secretariat.post(f"/programme/items/{placemaking.id}/links/lab", data={"lab-target": str(seed_lab)}).status_code == 302
    assert "This is already linked to the item" in _text(
        secretariat.post(f"/programme/items/{placemaking.id}/links/lab", data={"lab-target": str(seed_lab)}))
    assert _audited("programme.item_linked", placemaking) == 2  # the demo's toolkit output, this lab
    # Sunderland's representative owns social value, but is not in the seed lab's private group.
    from portal.groups.models import Task

    private_task = db.session.scalar(select(Task.id).where(Task.title == "Develop toolkit"))
    social_value = item(SOCIAL_VALUE)
    page = _text(sign_in_as("rep@sunderland.example.org").post(f"/programme/items/{social_value.id}/links/task",
                                                                data={"task-target": str(private_task)}))
    assert "Choose from the list" in page and "Develop toolkit" not in page
    link = placemaking.links[-1]
    assert secretariat.post(f"/programme/items/{placemaking.id}/links/{link.id}/remove").status_code == 302
    assert _audited("programme.item_unlinked", placemaking) == 1


def test_a_year_without_a_programme_has_no_page_and_no_csv(client):
    assert client.get("/programme/work/1999").status_code == 404
    assert client.get("/programme/work/1999.csv").status_code == 404
