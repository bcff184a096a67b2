"""Every CSV export writes its cells through one function: text a spreadsheet would run as a
formula is quoted, and numbers, negative ones too, stay numbers."""

import csv
import io
from decimal import Decimal

from sqlalchemy import select

from portal.core.spreadsheets import write_table
from portal.decisions.models import Decision
from portal.directory.models import Entry
from portal.extensions import db
from portal.groups.models import Group, Task
from portal.membership.models import Member

HOSTILE = '=HYPERLINK("http://evil.example/","Click")'


def _rows(response):
    return list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))


def test_formula_text_is_quoted_and_numbers_stay_numbers():
    out = io.StringIO()
    write_table(out, ["text", "int", "float", "decimal"], [
        ["=1+1", -7, -3.4963, Decimal("-12.50")],
        ["+44 1234", 0, 51.75, Decimal("2500.00")],
        ["-2", None, True, "@SUM(A1)"],
        ["\tTab", "\rReturn", "plain", "'quoted"],
        ["Line\r=1+1", "Line\n=1+1", 1, 2],
    ])
    assert out.getvalue().split("\r\n")[1] == "'=1+1,-7,-3.4963,-12.50"
    assert list(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [
        ["text", "int", "float", "decimal"],
        ["'=1+1", "-7", "-3.4963", "-12.50"],
        ["'+44 1234", "0", "51.75", "2500.00"],
        ["'-2", "", "True", "'@SUM(A1)"],  # text that looks like a number is still text
        ["'\tTab", "'\rReturn", "plain", "'quoted"],
        ["Line\r=1+1", "Line\n=1+1", "1", "2"],  # a line break inside a cell never starts a row
    ]


def test_the_directory_export_quotes_formulas_and_keeps_a_negative_longitude(client):
    entry = db.session.scalar(select(Entry).where(Entry.name == "Paignton Community Kitchen"))
    entry.name, entry.longitude = HOSTILE, -3.4963
    db.session.flush()
    [row] = [row for row in _rows(client.get("/directory/entries.csv")) if "evil.example" in row[0]]
    assert row[0] == "'" + HOSTILE
    assert "-3.4963" in row and "'-3.4963" not in row


def test_the_decision_results_export_quotes_formulas(client):
    decision = db.session.scalar(select(Decision).where(Decision.title_en.like("Work programme%")))
    question = decision.questions[0]
    question.text_en, question.options[0].label_en = HOSTILE, "@SUM(1+1)"
    db.session.flush()
    rows = _rows(client.get(f"/decisions/{decision.id}/results.csv"))
    hostile = [row for row in rows if row[0] == "'" + HOSTILE]
    assert hostile and ["'@SUM(1+1)"] == [row[1] for row in hostile if "SUM" in row[1]]
    assert all(row[2].isdigit() for row in hostile)


def test_the_finance_and_members_exports_quote_formulas(sign_in_as):
    db.session.scalar(select(Member).where(Member.name == "Oxford City Council")).name = HOSTILE
    db.session.flush()
    secretariat = sign_in_as("secretariat@example.org")
    ledger = [row for row in _rows(secretariat.get("/secretariat/invoices.csv")) if "evil.example" in row[4]]
    assert ledger and all(row[4] == "'" + HOSTILE and row[6] == "2500.00" for row in ledger)
    members = [row for row in _rows(secretariat.get("/secretariat/members.csv")) if "evil.example" in row[0]]
    assert [row[0] for row in members] == ["'" + HOSTILE]


def test_the_plan_export_quotes_formulas(sign_in_as):
    group = db.session.scalar(select(Group).where(Group.name.like("Growing an Inclusive%")))
    task = db.session.scalar(select(Task).where(Task.group_id == group.id).order_by(Task.id).limit(1))
    task.title, task.percent = "+CMD|' /C calc'!A0", 40
    db.session.flush()
    rows = _rows(sign_in_as("secretariat@example.org").get(f"/groups/{group.id}/plan.csv"))
    [row] = [row for row in rows if "CMD" in row[0]]
    assert row[0] == "'+CMD|' /C calc'!A0" and "40" in row
