import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from portal import audit
from portal.audit.models import AuditEntry
from portal.extensions import db

from ..conftest import person


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["portal", "audit", *args])


def test_entries_chain_each_to_the_one_before(app):
    first = audit.record("test.first", detail={"n": 1})
    second = audit.record("test.second", person("rep@oxford.example.org"), detail={"n": 2})
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.hash
    assert second.object_type == "person"
    assert audit.verify().holds


def test_verify_command_says_the_chain_holds(app):
    audit.record("test.event")
    db.session.commit()
    result = _cli(app, "verify")
    assert result.exit_code == 0
    assert "The audit chain holds" in result.output


def _drop_append_only_guard():
    # DDL is transactional on both databases: the test's rollback restores the guard.
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("DROP TRIGGER audit_entry_append_only ON audit_entry"))
    else:
        db.session.execute(text("DROP TRIGGER audit_entry_no_update"))
        db.session.execute(text("DROP TRIGGER audit_entry_no_delete"))


def test_a_rewritten_entry_is_found_by_verify(app):
    entries = [audit.record("test.event", detail={"n": n}) for n in range(3)]
    db.session.commit()
    _drop_append_only_guard()
    db.session.execute(text("UPDATE audit_entry SET detail = :d WHERE seq = :s"), {"d": '{"n": 99}', "s": entries[1].seq})
    result = audit.verify()
    assert not result.holds
    assert result.broken_at == entries[1].seq
    cli = _cli(app, "verify")
    assert cli.exit_code == 1
    assert f"broken at entry {entries[1].seq}" in cli.output


def test_a_removed_entry_is_found_by_verify(app):
    entries = [audit.record("test.event", detail={"n": n}) for n in range(3)]
    _drop_append_only_guard()
    db.session.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": entries[1].seq})
    assert audit.verify().broken_at == entries[1].seq


def test_the_last_entry_removed_is_found_through_the_head(app):
    entries = [audit.record("test.event", detail={"n": n}) for n in range(2)]
    _drop_append_only_guard()
    db.session.execute(text("DELETE FROM audit_entry WHERE seq = :s"), {"s": entries[-1].seq})
    assert not audit.verify().holds


@pytest.mark.parametrize("statement", ["UPDATE audit_entry SET action = 'x'", "DELETE FROM audit_entry"])
def test_the_database_refuses_to_change_or_delete_audit_entries(app, statement):
    audit.record("test.event")
    db.session.flush()
    with pytest.raises(DatabaseError):
        with db.session.begin_nested():
            db.session.execute(text(statement))


def test_secretariat_can_read_and_check_the_audit_log(sign_in_as):
    client = sign_in_as("secretariat@example.org")
    page = client.get("/audit/").get_data(as_text=True)
    assert "Demo network loaded" in page and "demo.loaded" not in page  # the event in words, not its code
    response = client.post("/audit/verify", follow_redirects=True)
    assert "The audit chain holds" in response.get_data(as_text=True)


def test_audit_entries_name_no_one_by_email(sign_in_as):
    client = sign_in_as("secretariat@example.org")
    client.post("/people/invite", data={"name": "Ifan Roberts", "email": "ifan@example.org", "member_id": 0})
    entries = db.session.scalars(select(AuditEntry)).all()
    assert all("ifan@example.org" not in str(entry.detail) for entry in entries)
