"""From the shortlist to the members' vote, and from its published result to the adopted programme."""

import html
from datetime import timedelta

from sqlalchemy import select

from portal.db import utcnow
from portal.decisions.rules import lifecycle
from portal.extensions import db

from ..conftest import outbox
from .helpers import call, idea, member, models, person

SHORTLIST = ["Co-operative home care: a shared commissioning model", "Anchor institutions spending locally: a toolkit",
             "Ynni cymunedol ym mhob ward"]


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def _close_and_shortlist(sign_in_as):
    from portal.programme.rules import ideas

    the_call = call()
    the_call.closes_at = utcnow() - timedelta(minutes=1)
    secretariat = person("secretariat@example.org")
    for title in SHORTLIST:
        ideas.decide(idea(title), "shortlisted", by=secretariat, reason_en="Well supported.")
    db.session.commit()
    return the_call


def _vote_form(**extra):
    tomorrow, later = utcnow().date() + timedelta(days=1), utcnow().date() + timedelta(days=8)
    return {"method": "cumulative", "seats": "2", "points": "10", "points_per_option": "6",
            "opens_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)], "opens_time": "09:00",
            "closes_on": [str(later.day), str(later.month), str(later.year)], "closes_time": "17:00", **extra}


def test_the_shortlist_goes_to_a_points_vote_in_one_step_and_is_adopted_from_its_result(sign_in_as):
    the_call = _close_and_shortlist(sign_in_as)
    secretariat = sign_in_as("secretariat@example.org")
    assert "Put the shortlist to the vote" in _text(secretariat.get(f"/programme/calls/{the_call.id}"))
    response = secretariat.post(f"/programme/calls/{the_call.id}/vote", data=_vote_form())
    assert response.status_code == 302
    decision = the_call.decision
    question = decision.questions[0]
    assert decision.status == "scheduled" and question.method == "cumulative" and (question.points, question.points_per_option) == (10, 6)
    assert sorted(option.label_en for option in question.options) == sorted(
        ["Co-operative home care: a shared commissioning model", "Anchor institutions spending locally: a toolkit",
         "Ynni cymunedol ym mhob ward"])
    again = _text(secretariat.post(f"/programme/calls/{the_call.id}/vote", data=_vote_form()))
    assert "The programme vote has already been made from this call" in again

    lifecycle.open_voting(decision, decision.opens_at + timedelta(seconds=1))
    db.session.commit()
    option_of = {option.label_en: option.id for option in question.options}
    care, anchors, energy = (option_of[title] for title in SHORTLIST)
    for email, name, given in [("rep@oxford.example.org", "Oxford City Council", {care: 6, energy: 4}),
                               ("rep@preston.example.org", "Preston City Council", {anchors: 6, care: 4}),
                               ("rep@torbay.example.org", "Torbay Council", {energy: 5, care: 5})]:
        response = sign_in_as(email).post(f"/decisions/{decision.id}/ballot/{member(name).id}",
                                          data={f"q{question.id}_{option}": str(points) for option, points in given.items()})
        assert "portal-receipt" in _text(response), email
    decision.closes_at = utcnow() - timedelta(seconds=1)
    lifecycle.close_voting(decision)
    assert "The programme vote's results must be published first" in _text(
        secretariat.post(f"/programme/calls/{the_call.id}/adopt", follow_redirects=True))
    decision.quorum_kind = "none"
    lifecycle.publish(decision, by=person("secretariat@example.org"))
    db.session.commit()

    secretariat.post(f"/programme/calls/{the_call.id}/adopt")
    items = db.session.scalars(select(models().ProgrammeItem).where(models().ProgrammeItem.call_id == the_call.id)
                               .order_by(models().ProgrammeItem.position)).all()
    assert [item.title_en for item in items] == ["Co-operative home care: a shared commissioning model", "Ynni cymunedol ym mhob ward"]
    assert [item.result for item in items] == ["points:15", "points:9"]
    assert (items[0].owner_kind, items[0].owner_member_id) == ("member", member("Stevenage Borough Council").id)  # it would lead
    assert items[1].owner_kind == "secretariat"  # Cardiff would take part
    assert len(outbox("idea_adopted", to="officer@stevenage.example.org")) == 1
    page = _text(sign_in_as("rep@oxford.example.org").get(f"/programme/calls/{the_call.id}"))
    assert "The adopted programme" in page and page.index("Co-operative home care") < page.index("Ynni cymunedol ym mhob ward")
    twice = _text(secretariat.post(f"/programme/calls/{the_call.id}/adopt", follow_redirects=True))
    assert "This programme has already been adopted" in twice and len(items) == 2


def test_no_vote_while_the_call_is_open_or_with_fewer_than_two_shortlisted(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    the_call = call()
    page = _text(secretariat.post(f"/programme/calls/{the_call.id}/vote", data=_vote_form()))
    assert "The call for ideas must close before its shortlist is put to the vote" in page and the_call.decision_id is None
    the_call.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = _text(secretariat.post(f"/programme/calls/{the_call.id}/vote", data=_vote_form()))
    assert "Shortlist at least two ideas first" in page and the_call.decision_id is None


def test_the_vote_form_says_what_is_wrong_next_to_each_answer(sign_in_as):
    the_call = _close_and_shortlist(sign_in_as)
    page = _text(sign_in_as("secretariat@example.org").post(f"/programme/calls/{the_call.id}/vote", data=_vote_form(
        seats="3", points="5", points_per_option="8", closes_time="25:00")))
    assert "This cannot be more than the points each member spreads" in page
    assert "Enter a time like 09:30 or 17:00" in page
    page = _text(sign_in_as("secretariat@example.org").post(f"/programme/calls/{the_call.id}/vote", data=_vote_form(seats="3")))
    assert "There must be more ideas on the shortlist (3) than places in the programme" in page
    assert the_call.decision_id is None
