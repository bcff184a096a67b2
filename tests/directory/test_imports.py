"""Importing open data files: the mapping, the matching by registration number then by name
and postcode, the report, and the rule that a file with a problem writes nothing."""

from sqlalchemy import func, select

from portal.directory.models import Entry, Import
from portal.directory.rules import imports
from portal.extensions import db

from ..conftest import csrf_token, database_digest, person

REGISTER = """Society Name,Society Number,Registered As,Registered Postcode,Local Authority Code,Email,Sector
Cowley Road Workers Bakery,RS30000,Bona fide co-operative,OX1 1AB,E07000178,,food
Marston Brewing Co-operative Ltd,RS99001,Bona fide co-operative,OX3 0QA,E07000178,beer@marston.example.org,food;hospitality
Kidlington Community Shop,RS99002,Community Benefit Society,OX5 1AA,,,retail
Marston Brewing Co-operative Ltd,RS99001,Bona fide co-operative,OX3 0QA,E07000178,,food
Torbay Care Collective,,Co-operative,TQ5 5AB,E06000027,,care
"""


def _upload(content):
    record, problem = imports.upload("register.csv", content, by=person("secretariat@example.org"))
    assert problem is None
    return record


def test_the_mapping_is_guessed_from_the_column_names():
    record = _upload(REGISTER)
    assert record.mapping == {"name": "Society Name", "registration_number": "Society Number", "legal_form": "Registered As",
                              "postcode": "Registered Postcode", "area_code": "Local Authority Code", "contact_email": "Email",
                              "sectors": "Sector"}


def test_rows_are_matched_by_number_then_by_name_and_postcode_and_merges_only_fill_blanks():
    record = _upload(REGISTER)
    bakery = db.session.scalar(select(Entry).where(Entry.registration_number == "RS30000"))
    collective = db.session.scalar(select(Entry).where(Entry.name == "Torbay Care Collective"))
    collective.postcode = "TQ5 5AB"
    collective.website = ""
    db.session.flush()
    plan = imports.plan(record.content, record.mapping)
    assert plan.ok
    assert [values["name"] for values in plan.to_add] == ["Marston Brewing Co-operative Ltd", "Kidlington Community Shop"]
    assert plan.to_add[0]["ownership"] == "members" and plan.to_add[1]["legal_form"] == "community_benefit_society"
    assert plan.to_add[0]["sectors"] == ["food", "hospitality"]
    assert [line for line, _ in plan.skipped] == [5]  # repeats line 3
    report = imports.apply(plan, record, by=person("secretariat@example.org"))
    db.session.flush()
    assert report["added"] == 2 and report["skipped_count"] == 1
    # The bakery matched by number and the collective by name and postcode: nothing of theirs was overwritten.
    assert bakery.name == "Cowley Road Workers' Bakery" and bakery.contact_email.startswith("hello@")
    assert report["merged"] + report["unchanged"] == 2
    marston = db.session.scalar(select(Entry).where(Entry.registration_number == "RS99001"))
    assert marston.source == "imported" and marston.area_name == "Oxford City Council" and marston.sectors == ["food", "hospitality"]


def test_a_second_import_of_the_same_file_changes_nothing():
    first = _upload(REGISTER)
    imports.apply(imports.plan(first.content, first.mapping), first, by=person("secretariat@example.org"))
    db.session.flush()
    second = _upload(REGISTER)
    before = database_digest(exclude={"directory_import", "audit_entry", "audit_head"})
    plan = imports.plan(second.content, second.mapping)
    assert plan.to_add == [] and plan.to_merge == []
    imports.apply(plan, second, by=person("secretariat@example.org"))
    db.session.flush()
    assert database_digest(exclude={"directory_import", "audit_entry", "audit_head"}) == before


def test_a_file_with_a_problem_writes_nothing_and_says_where(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    bad = REGISTER + "Broken Row Co-op,RS99003,Co-operative,OX1 1AA,OXFORD,not-an-email,food\n"
    page = secretariat.get("/directory/imports/new")
    response = secretariat.post("/directory/imports/new", data={
        "csrf_token": csrf_token(page), "file": (__import__("io").BytesIO(bad.encode()), "register.csv")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    url = response.headers["Location"]
    form = secretariat.get(url)
    mapping = {f"column_{target}": header for target, header in imports.guess_mapping(bad.splitlines()[0].split(",")).items()}
    entries_before = db.session.scalar(select(func.count(Entry.id)))
    before = database_digest(exclude={"directory_import"})
    page = secretariat.post(url, data={"csrf_token": csrf_token(form), "mode": "import", **mapping}).get_data(as_text=True)
    assert "Line 7: the email address not-an-email is not valid" in page
    assert "Line 7: the area code OXFORD is not an ONS code" in page
    assert database_digest(exclude={"directory_import"}) == before
    assert db.session.scalar(select(func.count(Entry.id))) == entries_before


def test_the_secretariat_imports_through_the_pages_and_sees_the_report(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    page = secretariat.get("/directory/imports/new")
    response = secretariat.post("/directory/imports/new", data={
        "csrf_token": csrf_token(page), "file": (__import__("io").BytesIO(REGISTER.encode()), "register.csv")},
        content_type="multipart/form-data")
    url = response.headers["Location"]
    form = secretariat.get(url)
    assert 'value="Society Name" selected' in form.get_data(as_text=True)
    mapping = {f"column_{target}": header for target, header in imports.guess_mapping(REGISTER.splitlines()[0].split(",")).items()}
    imported = select(func.count(Entry.id)).where(Entry.source == "imported")
    before = db.session.scalar(imported)
    checked = secretariat.post(url, data={"csrf_token": csrf_token(form), "mode": "check", **mapping}).get_data(as_text=True)
    assert "What importing would do" in checked and db.session.scalar(imported) == before
    done = secretariat.post(url, data={"csrf_token": csrf_token(form), "mode": "import", **mapping})
    assert done.status_code == 302
    report = secretariat.get(url).get_data(as_text=True)
    assert "Imported on" in report and "Line 5: it repeats line 3" in report
    # Marston and Kidlington are new; the care collective's postcode differs from the entry's, so it is another.
    assert db.session.scalar(imported) == before + 3
    # Importing the same upload again is refused: it is a record now.
    again = secretariat.post(url, data={"csrf_token": csrf_token(form), "mode": "import", **mapping})
    assert again.status_code == 200 and db.session.scalar(imported) == before + 3


def test_files_that_are_not_tables_are_refused_with_a_reason(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    for content, message in ((b"\xff\xfe\x00binary", "the file is not UTF-8 text"), (b"name\n", "the file has no rows")):
        page = secretariat.get("/directory/imports/new")
        response = secretariat.post("/directory/imports/new", data={
            "csrf_token": csrf_token(page), "file": (__import__("io").BytesIO(content), "x.csv")}, content_type="multipart/form-data")
        assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(Import.id))) == 1  # only the demo's


def test_the_command_imports_with_a_progress_bar_and_refuses_someone_outside_the_secretariat(app, tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(REGISTER, encoding="utf-8")
    runner = app.test_cli_runner()
    refused = runner.invoke(args=["portal", "directory", "import", str(path), "--by", "rep@oxford.example.org"])
    assert refused.exit_code != 0 and "is not a member of the secretariat" in refused.output
    checked = runner.invoke(args=["portal", "directory", "import", str(path), "--by", "secretariat@example.org", "--check"])
    assert checked.exit_code == 0 and "3 added" in checked.output
    assert db.session.scalar(select(func.count(Entry.id)).where(Entry.registration_number == "RS99001")) == 0
    done = runner.invoke(args=["portal", "directory", "import", str(path), "--by", "secretariat@example.org",
                               "--map", "contact_email="])
    assert done.exit_code == 0 and "3 added, 0 merged" in done.output and "Importing" in done.output
    marston = db.session.scalar(select(Entry).where(Entry.registration_number == "RS99001"))
    assert marston.contact_email == ""  # the email column was left out by the mapping
    bad = runner.invoke(args=["portal", "directory", "import", str(path), "--by", "secretariat@example.org", "--map", "colour=Sector"])
    assert bad.exit_code != 0 and "Unknown field colour" in bad.output
