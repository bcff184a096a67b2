"""Every move from every state as every kind of person: exactly the declared moves happen."""

import pytest
from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.extensions import db
from portal.labs.models import LAB_STATES
from portal.labs.models.labs import MOVES

from ..conftest import sign_in
from .helpers import lab

# Who stands on which side of Oxford's lab: its lead's people, a partner's, and others.
PEOPLE = {
    "lead": "rep@oxford.example.org",
    "lead officer": "lead@oxford.example.org",
    "partner": "rep@stevenage.example.org",
    "other member": "cynrychiolydd@cardiff.example.org",
    "secretariat": "secretariat@example.org",
    "reviewer": "reviewer@example.org",
}


@pytest.mark.parametrize("kind", list(PEOPLE))
def test_every_move_from_every_state(app, rollback, kind):
    client = sign_in(app.test_client(), PEOPLE[kind])
    target = lab("Growing an Inclusive")
    target.completion_report = target.completion_report or "Report"
    problems = []
    for state in LAB_STATES:
        for action, (sources, after, who) in MOVES.items():
            with rollback.savepoint():
                target.status = state
                db.session.flush()
                data = {"note": "Because", "award": "1000"}
                response = client.post(f"/proposals/{target.id}/move/{action}", data=data)
                db.session.refresh(target)
                side_allowed = (who == "secretariat" and kind == "secretariat") or (who == "lead" and kind in ("lead", "lead officer"))
                if not side_allowed:
                    if response.status_code != 403 or target.status != state:
                        problems.append(f"{kind} {action} from {state}: {response.status_code}, now {target.status}")
                elif state in sources:
                    if response.status_code != 302 or target.status != after:
                        problems.append(f"{kind} {action} from {state}: {response.status_code}, now {target.status}")
                elif target.status != state or response.status_code != 200:
                    problems.append(f"{kind} {action} from {state}: moved to {target.status} ({response.status_code})")
    assert problems == []


def test_each_move_is_audited_and_told_to_the_lead_and_partners(sign_in_as):
    from ..conftest import outbox

    target = lab("Community energy")
    secretariat = sign_in_as("secretariat@example.org")
    secretariat.post(f"/proposals/{target.id}/move/request_changes", data={"note": "More budget detail, please"})
    assert target.status == "changes_requested"
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "proposal.request_changes"))
    assert entry.detail["before"] == "under_review"
    told = {m.to_address for m in outbox("lab_moved")}
    assert {"cynrychiolydd@cardiff.example.org", "rep@plymouth.example.org"} <= told
    assert "More budget detail" in outbox("lab_moved", "rep@plymouth.example.org")[-1].body


def test_asking_for_changes_needs_a_note(sign_in_as):
    target = lab("Community energy")
    page = sign_in_as("secretariat@example.org").post(f"/proposals/{target.id}/move/decline", data={"note": ""}).get_data(as_text=True)
    assert "Say what should change, or why it is declined" in page
    assert target.status == "under_review"
