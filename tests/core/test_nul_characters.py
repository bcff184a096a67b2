"""A NUL character (which PostgreSQL cannot store, and nobody types) in an address, a query, a
form or an uploaded table is refused with a reason in the reader's language, and changes nothing."""

import html
import io

import pytest
from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.auth.models import SecurityEvent
from portal.directory.models import Import
from portal.extensions import db
from portal.groups.models import Task
from portal.membership.models import Member

from ..conftest import database_digest, sign_in

REFUSED = "Your request contained a character that cannot be used"


@pytest.mark.parametrize("address", [
    "/calendars/%00/mine.ics", "/password/reset/abc%00def", "/forum/unsubscribe/%00", "/directory/update/x%00",
    "/members/?q=%00", "/members/?q=Oxford&kind=council%00", "/directory/?legal_form=%00", "/forum/search?q=co%00op",
    "/toolkit/?q=%00", "/members/?%00=1",
])
def test_a_nul_in_an_address_or_its_query_is_refused(client, address):
    response = client.get(address)
    assert response.status_code == 400
    assert REFUSED in html.unescape(response.get_data(as_text=True))


def test_a_nul_in_a_form_field_is_refused_and_changes_nothing(client):
    before = database_digest()
    for data in ({"email": "rep@oxford.example.org\x00", "password": "x"}, {"email\x00": "x", "password": "x"}):
        response = client.post("/sign-in", data=data)
        assert response.status_code == 400 and REFUSED in html.unescape(response.get_data(as_text=True))
    assert database_digest() == before


def test_a_nul_in_the_name_of_an_uploaded_file_is_refused(client):
    sign_in(client, "secretariat@example.org")
    response = client.post("/directory/imports/new", data={"file": (io.BytesIO(b"name\nA\n"), "a\x00.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 400


def test_the_refusal_is_in_welsh_for_a_welsh_reader(client):
    client.get("/language/cy?next=/")
    response = client.get("/members/?q=%00")
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400 and '<html lang="cy"' in page and REFUSED not in page
    assert "nod na ellir ei ddefnyddio" in page


def _count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def _upload(client, path, content, **fields):
    response = client.post(path, data={"file": (io.BytesIO(content), "table.csv"), **fields}, content_type="multipart/form-data")
    return response.status_code, html.unescape(response.get_data(as_text=True))


def test_a_plan_file_with_a_nul_is_refused_and_writes_nothing(sign_in_as):
    from ..groups.helpers import group

    g = group("Growing an Inclusive")
    tasks, audited = _count(Task, Task.group_id == g.id), _count(AuditEntry)
    status, page = _upload(sign_in_as("chair@oxford.example.org"), f"/groups/{g.id}/import",
                           b"Task,Start,End\nDraft the\x00 survey,Mar 27,Apr 27\n")
    assert status == 200 and "the file contains a NUL character" in page
    assert (_count(Task, Task.group_id == g.id), _count(AuditEntry)) == (tasks, audited)


def test_a_members_file_with_a_nul_is_refused_and_writes_nothing(sign_in_as):
    members = _count(Member)
    status, page = _upload(sign_in_as("secretariat@example.org"), "/secretariat/members/import",
                           "name,kind,tier,contact_email\nCyngor\x00 Gwynedd,council,Full,swyddog@gwynedd.example.org\n".encode(),
                           mode="import")
    assert status == 200 and "the file contains a NUL character" in page
    assert _count(Member) == members


def test_a_directory_file_with_a_nul_is_refused_and_kept_nowhere(sign_in_as):
    uploads = _count(Import)
    status, page = _upload(sign_in_as("secretariat@example.org"), "/directory/imports/new",
                           b"Society Name,Registered Postcode\nMarston\x00 Brewing,OX3 0QA\n")
    assert status == 200 and "the file contains a NUL character" in page
    assert _count(Import) == uploads
