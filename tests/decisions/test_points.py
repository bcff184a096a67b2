"""Cumulative ("dot") votes: each member spreads its points over the options, at most so many on one."""

import html
import json

from portal.decisions.rules import lifecycle
from portal.extensions import db

from .helpers import ballots, make_open_decision, member, person

OPTIONS = [("Community energy", "Ynni cymunedol"), ("Social care co-operatives", ""), ("Housing", "")]


def _points_decision(**extra):
    return make_open_decision(method="cumulative", options=OPTIONS, seats=2, points=10, points_per_option=5, **extra)


def _fields(decision, *given):
    question = decision.questions[0]
    return {f"q{question.id}_{option.id}": points for option, points in zip(question.options, given)}


def test_a_representative_spreads_points_and_the_most_points_are_chosen(sign_in_as, client):
    made = _points_decision()
    oxford, stevenage = member("Oxford City Council"), member("Stevenage Borough Council")
    rep = sign_in_as("rep@oxford.example.org")
    page = rep.get(f"/decisions/{made.id}/ballot/{oxford.id}").get_data(as_text=True)
    assert "Spread up to 10 points over the options, at most 5 on any one" in page
    cast = rep.post(f"/decisions/{made.id}/ballot/{oxford.id}", data=_fields(made, "5", "", "3"))
    assert cast.status_code == 200 and "portal-receipt" in cast.get_data(as_text=True)
    other = sign_in_as("rep@stevenage.example.org")
    other.post(f"/decisions/{made.id}/ballot/{stevenage.id}", data=_fields(made, "1", "5", "4"))
    question = made.questions[0]
    first, second, third = (option.id for option in question.options)
    cast = {ballot.member_id: ballot.answers[str(question.id)] for ballot in ballots(made)}
    assert cast == {oxford.id: {str(first): 5, str(third): 3}, stevenage.id: {str(first): 1, str(second): 5, str(third): 4}}

    lifecycle.close_voting(made)
    db.session.commit()
    result = made.results["questions"][0]
    assert result["counts"] == {str(first): 6, str(second): 5, str(third): 7}
    assert result["chosen"] == [third, first]
    page = sign_in_as("secretariat@example.org").get(f"/decisions/{made.id}/results").get_data(as_text=True)
    assert "Chosen: Housing, Community energy" in page and "Share of points given" in page


def test_points_outside_the_rules_are_refused_next_to_the_question_and_nothing_is_cast(sign_in_as):
    made = _points_decision()
    oxford = member("Oxford City Council")
    rep = sign_in_as("rep@oxford.example.org")
    path = f"/decisions/{made.id}/ballot/{oxford.id}"
    cases = [
        (("6", "", ""), "Give at most 5 points to any one option"),
        (("5", "5", "1"), "You have given 11 points: give 10 or fewer in all"),
        (("abc", "", ""), "Give each option a whole number of points, or leave it empty"),
        (("9" * 5000, "", ""), "Give each option a whole number of points, or leave it empty"),
        (("-1", "2", ""), "Give each option a whole number of points, or leave it empty"),
        (("", "", ""), "Give at least one point"),
    ]
    for given, message in cases:
        response = rep.post(path, data=_fields(made, *given))
        page = html.unescape(response.get_data(as_text=True))
        assert response.status_code == 200 and message in page, given
        assert f'id="q{made.questions[0].id}-error"' in page and "govuk-error-summary" in page
    assert ballots(made) == []


def test_the_message_is_in_welsh_for_a_welsh_reader(sign_in_as):
    made = _points_decision()
    cardiff = member("Cardiff Council")
    rep = sign_in_as("cynrychiolydd@cardiff.example.org")
    page = html.unescape(rep.post(f"/decisions/{made.id}/ballot/{cardiff.id}", data=_fields(made, "6", "", "")).get_data(as_text=True))
    assert "Rhowch 5 pwynt ar y mwyaf i unrhyw un dewis" in page and "Give at most" not in page


def test_the_secretariat_sets_the_points_and_cannot_allow_more_on_one_option_than_in_all(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    made = lifecycle.create(by=person("secretariat@example.org"), title_en="Programme 2027")
    db.session.commit()
    path = f"/decisions/{made.id}/questions/new"
    bad = html.unescape(secretariat.post(path, data={
        "text_en": "Priorities", "method": "cumulative", "points": "5", "points_per_option": "8", "seats": "1",
        "options": "Energy\nCare\nHousing"}).get_data(as_text=True))
    assert "This cannot be more than the points each member spreads" in bad and not made.questions
    secretariat.post(path, data={"text_en": "Priorities", "method": "cumulative", "points": "10", "points_per_option": "4",
                                 "seats": "2", "options": "Energy\nCare\nHousing"})
    question = made.questions[0]
    assert (question.method, question.points, question.points_per_option, question.seats) == ("cumulative", 10, 4, 2)


def test_a_points_vote_recounts_from_its_bulletin(sign_in_as, client, app, tmp_path):
    made = _points_decision(secret=True)
    rep = sign_in_as("rep@oxford.example.org")
    rep.post(f"/decisions/{made.id}/ballot/{member('Oxford City Council').id}", data=_fields(made, "4", "4", "2"))
    lifecycle.close_voting(made)
    db.session.commit()
    secretariat = sign_in_as("secretariat@example.org")
    bulletin = secretariat.get(f"/decisions/{made.id}/bulletin.json")
    path = tmp_path / "bulletin.json"
    path.write_bytes(bulletin.data)
    assert json.loads(bulletin.data)["questions"][0]["points"] == 10
    result = app.test_cli_runner().invoke(args=["portal", "decisions", "recount", str(path), "--json"])
    assert result.exit_code == 0, result.output
    stored = dict(made.results)
    stored.pop("by_tier")
    assert json.loads(result.output) == stored
