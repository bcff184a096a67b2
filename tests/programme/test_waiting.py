"""What the work programme leaves waiting on people's home pages."""

from datetime import timedelta

from portal.db import utcnow
from portal.extensions import db

from ..site.test_home import listed, navigation
from .helpers import call


def test_the_secretariat_is_told_of_ideas_to_decide_once_the_call_closes_and_of_an_amendment_to_rule_on(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    home = secretariat.get("/").get_data(as_text=True)
    assert not any(item.startswith("Ideas to shortlist") for item in listed(home))
    the_call = call()
    the_call.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    home = secretariat.get("/").get_data(as_text=True)
    assert "Ideas to shortlist or not take forward: 5" in listed(home)  # the demo's five submitted ideas
    assert "Work programme 5" in navigation(home)


def test_a_voting_representative_sees_the_amendment_waiting_for_a_seconder_until_it_is_seconded(sign_in_as):
    from portal.programme.models import Amendment
    from sqlalchemy import select

    rep = sign_in_as("rep@oxford.example.org")
    waiting = "An amendment from Torbay Council waits for a seconder: A shared co-operative development fund"
    assert waiting in listed(rep.get("/").get_data(as_text=True))
    assert waiting not in listed(sign_in_as("officer@stevenage.example.org").get("/").get_data(as_text=True))  # not a voter
    amendment = db.session.scalar(select(Amendment))
    token_page = rep.get(f"/programme/motions/{amendment.motion_id}")
    assert token_page.status_code == 200
    assert rep.post(f"/programme/amendments/{amendment.id}/second").status_code == 302
    assert amendment.status == "seconded"
    assert waiting not in listed(rep.get("/").get_data(as_text=True))
    assert "Motions and amendments to rule on: 1" in listed(sign_in_as("secretariat@example.org").get("/").get_data(as_text=True))
