import csv
import io

from sqlalchemy import func, select

from portal.extensions import db
from portal.membership.models import Member
from portal.membership.rules import transfer

from ..conftest import person, sign_in
from .helpers import member

GOOD = """name,kind,tier,contact_email,contact_name,region,website,registration_number
Cyngor Gwynedd,council,Full,swyddog@gwynedd.example.org,Siôn Ŵyn,wales,https://www.gwynedd.example.org,W06000002
Caerŷs Community Shop,community_organisation,Affiliate,post@caerys.example.org,Ffŷr Jones,wales,,
"""


def _members():
    return db.session.scalar(select(func.count()).select_from(Member))


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(app, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(
        "name,kind,tier,contact_email\n"
        "Good Council,council,Full,ok@good.example.org\n"
        ",council,Full,a@example.org\n"
        "Bad Kind,spaceship,Full,b@example.org\n"
        "No Tier,council,Platinum,c@example.org\n"
        "Wrong Tier,cooperative,Full,d@example.org\n"
        "Bad Email,council,Full,not-an-email\n"
        "Good Council,council,Full,again@good.example.org\n",
        encoding="utf-8",
    )
    before = _members()
    result = app.test_cli_runner().invoke(args=["portal", "members", "import", str(path)])
    assert result.exit_code == 1
    for expected in (
        "line 3: name is empty",
        "line 4: kind must be one of",
        "line 5: no tier called 'Platinum'",
        "line 6: a cooperative cannot hold the Full tier",
        "line 7: contact_email is not an email address",
        "line 8: the same member as line 2",
    ):
        assert expected in result.stderr
    assert "nothing imported" in result.stderr
    assert _members() == before
    assert member("Good Council") is None


def test_missing_or_unknown_columns_are_refused(app):
    assert transfer.plan_import(b"name,kind\nX,council\n").problems[0].message == "missing columns: tier, contact_email"
    plan = transfer.plan_import(b"name,kind,tier,contact_email,shoe_size\n")
    assert plan.problems[0].message == "unknown columns: shoe_size"
    assert "not UTF-8" in transfer.plan_import("name,kind\nCaerdydd".encode("utf-16")).problems[0].message


def test_a_name_with_a_line_break_or_a_column_named_twice_is_refused(app):
    """A spreadsheet cell holding a line break would make a member name no email can carry."""
    header = "name,kind,tier,contact_email,contact_name,region,website,registration_number\n"
    broken = transfer.plan_import((header + '"Line\rbreak\nCouncil",council,Full,y@example.net,Y,wales,,\n').encode())
    assert [(p.line, str(p.message)) for p in broken.problems] == [(2, "name holds a line break or an unusual character")]
    twice = transfer.plan_import(b"name,kind,tier,contact_email,name\nA,council,Full,a@example.org,B\n")
    assert str(twice.problems[0].message) == "a column appears twice: name"


def test_dry_run_says_what_would_change_and_writes_nothing(app, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = _members()
    result = app.test_cli_runner().invoke(args=["portal", "members", "import", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "add: Cyngor Gwynedd" in result.output
    assert "2 to add, 0 to update" in result.output and "dry run" in result.output
    assert _members() == before


def test_welsh_names_round_trip_through_import_and_export(app, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text(GOOD, encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["portal", "members", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "2 added" in result.output
    shop = member("Caerŷs Community Shop")
    assert shop.tier.name_en == "Affiliate" and shop.status == "active"
    assert person("post@caerys.example.org").name == "Ffŷr Jones"
    exported = app.test_cli_runner().invoke(args=["portal", "members", "export"]).output
    assert "Caerŷs Community Shop,community_organisation,Affiliate,post@caerys.example.org,Ffŷr Jones,wales" in exported


def test_an_export_imports_back_unchanged(app):
    out = io.StringIO()
    transfer.export_members(out)
    plan = transfer.plan_import(out.getvalue().encode())
    assert plan.problems == []
    assert (len(plan.to_add), len(plan.to_update), plan.unchanged) == (0, 0, _members())


def test_spreadsheet_formulas_are_neutralised_in_exports_and_restored_on_import(app):
    oxford = member("Oxford City Council")
    oxford.name = "=HYPERLINK(\"http://evil\")"
    db.session.flush()
    out = io.StringIO()
    transfer.export_members(out)
    assert "'=HYPERLINK" in out.getvalue()
    plan = transfer.plan_import(out.getvalue().encode())
    assert plan.unchanged == _members()


def test_the_secretariat_imports_from_an_upload_after_checking(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    upload = lambda mode: secretariat.post(  # noqa: E731
        "/secretariat/members/import",
        data={"file": (io.BytesIO(GOOD.encode()), "members.csv"), "mode": mode},
        content_type="multipart/form-data",
    )
    page = upload("check").get_data(as_text=True)
    assert "Importing it would add 2 members" in page
    assert member("Cyngor Gwynedd") is None
    assert upload("import").status_code == 302
    assert member("Cyngor Gwynedd").registration_number == "W06000002"


def test_an_upload_with_a_bad_row_shows_the_line_and_imports_nothing(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    bad = GOOD + "Broken,council,Full,nope\n"
    page = secretariat.post(
        "/secretariat/members/import",
        data={"file": (io.BytesIO(bad.encode()), "members.csv"), "mode": "import"},
        content_type="multipart/form-data",
    ).get_data(as_text=True)
    assert "Line 4: contact_email is not an email address" in page
    assert member("Cyngor Gwynedd") is None


def test_members_export_from_the_screens(client):
    sign_in(client, "secretariat@example.org")
    response = client.get("/secretariat/members.csv")
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert "Oxford City Council,council,Full,rep@oxford.example.org" in response.get_data(as_text=True)


def test_the_members_export_says_where_each_membership_stands(sign_in_as):
    response = sign_in_as("secretariat@example.org").get("/secretariat/members.csv")
    rows = {row["name"]: row for row in csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")))}
    assert rows["Kirklees Council"]["status"] == "lapsed"
    assert rows["Sunderland City Council"]["status"] == "in_grace"
    assert rows["Oxford City Council"]["status"] == "active"
