"""Secret means secret: nothing the portal shows, sends, exports or logs ties a named member
to how it voted, and who took part is shown only after the close."""

import json
import logging

from sqlalchemy import select

from portal.audit.models import AuditEntry
from portal.decisions.rules import lifecycle
from portal.extensions import db
from portal.mail.models import OutboxMessage

from .helpers import ballots, make_open_decision, member, person

VOTERS = {
    "rep@oxford.example.org": "Oxford City Council",
    "rep@stevenage.example.org": "Stevenage Borough Council",
    "cynrychiolydd@cardiff.example.org": "Cardiff Council",
}


def test_no_output_ties_a_member_to_its_vote(sign_in_as, client, caplog):
    caplog.set_level(logging.DEBUG)
    options = [("Ardent Amber", ""), ("Bashful Blue", ""), ("Cheerful Crimson", "")]
    made = make_open_decision(method="single", options=options)
    question = made.questions[0]
    receipts = {}
    for (email, name), option in zip(VOTERS.items(), question.options):
        voter = sign_in_as(email)
        page = voter.post(f"/decisions/{made.id}/ballot/{member(name).id}", data={f"q{question.id}": str(option.id)}).get_data(as_text=True)
        receipts[name] = page.split('class="portal-receipt">')[1].split("<")[0]

    secretariat = sign_in_as("secretariat@example.org")
    # While open, nobody is shown who has voted.
    roll_open = secretariat.get(f"/decisions/{made.id}/roll").get_data(as_text=True)
    assert "Who has voted is shown once voting closes." in roll_open and ">Yes<" not in roll_open
    lifecycle.close_voting(made)
    db.session.flush()
    secretariat.post(f"/decisions/{made.id}/publish")

    outputs = {
        path: client.get(path).get_data(as_text=True)
        for path in (
            f"/decisions/{made.id}", f"/decisions/{made.id}/results", f"/decisions/{made.id}/results.csv",
            f"/decisions/{made.id}/results.json", f"/decisions/{made.id}/bulletin.json",
        )
    }
    outputs["roll"] = secretariat.get(f"/decisions/{made.id}/roll").get_data(as_text=True)
    outputs["audit page"] = secretariat.get("/audit/").get_data(as_text=True)
    outputs["audit log"] = json.dumps([
        [e.action, e.object_type, e.object_id, e.detail] for e in db.session.scalars(select(AuditEntry))
    ])
    outputs["emails"] = "\n".join(db.session.scalars(select(OutboxMessage.body)))
    outputs["logs"] = caplog.text

    for name, receipt in receipts.items():
        for where, text in outputs.items():
            if receipt in text:
                assert name not in text, f"{where} shows {name} beside its receipt"
    for where in ("audit log", "emails", "logs", "roll"):
        for receipt in receipts.values():
            assert receipt not in outputs[where], f"a receipt appears in the {where}"
        for label, _ in options:
            assert label not in outputs[where], f"an answer appears in the {where}"
    for where, text in outputs.items():
        if where.endswith((".json", ".csv")):
            assert not any(name in text for name in VOTERS.values()), f"{where} names a member"
    # After the close the roll says who took part, and nothing more.
    assert ">Yes<" in outputs["roll"]
    assert len(ballots(made)) == 3


def test_a_recorded_vote_names_members_in_its_bulletin(sign_in_as, client):
    made = make_open_decision(secret=False)
    question = made.questions[0]
    sign_in_as("rep@oxford.example.org").post(
        f"/decisions/{made.id}/ballot/{member('Oxford City Council').id}", data={f"q{question.id}": "for"}
    )
    lifecycle.close_voting(made)
    lifecycle.publish(made, by=person("secretariat@example.org"))
    bulletin = json.loads(client.get(f"/decisions/{made.id}/bulletin.json").data)
    assert bulletin["ballots"][0]["member"] == "Oxford City Council"
