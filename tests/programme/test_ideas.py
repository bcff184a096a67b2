"""Calls for ideas: drafting, submitting, supporting once per member, editing with versions,
merging duplicates, the outcome, and deadlines."""

import html
from datetime import timedelta

from portal.db import utcnow
from portal.extensions import db

from ..conftest import outbox
from .helpers import call, count_ideas, idea, member, person, supporting_members, supports

CARE = "Co-operative home care: a shared commissioning model"
ANCHORS = "Anchor institutions spending locally: a toolkit"
DRAFT = "Councillors as community organisers: a training course"


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def test_the_demo_call_lists_submitted_ideas_most_supported_first_and_hides_other_members_drafts(sign_in_as):
    page = _text(sign_in_as("rep@torbay.example.org").get(f"/programme/calls/{call().id}"))
    assert page.index(CARE) < page.index(ANCHORS) < page.index("Ynni cymunedol ym mhob ward")
    assert DRAFT not in page
    ours = _text(sign_in_as("rep@oxford.example.org").get(f"/programme/calls/{call().id}"))
    assert "Your organisation's drafts" in ours and DRAFT in ours
    assert sign_in_as("rep@torbay.example.org").get(f"/programme/ideas/{idea(DRAFT).id}").status_code in (403, 404)


def test_a_person_drafts_then_submits_and_members_see_it(sign_in_as):
    officer = sign_in_as("officer@stevenage.example.org")
    the_call = call()
    response = officer.post(f"/programme/calls/{the_call.id}/ideas/new", data={
        "title_en": "Co-operative housing for key workers", "problem_en": "Key workers cannot afford to live here.",
        "activity_en": "A study visit to community land trusts.", "member_role": "take_part",
        "themes": [str(the_call.themes[0].id)], "costs": "2,500"})
    made = idea("Co-operative housing for key workers")
    assert response.status_code == 302 and made.status == "draft" and made.costs_pence == 250000
    assert [theme.name_en for theme in made.themes] == ["Community wealth building"]
    assert sign_in_as("rep@oxford.example.org").get(f"/programme/ideas/{made.id}").status_code in (403, 404)
    officer.post(f"/programme/ideas/{made.id}/submit")
    assert made.status == "submitted" and made.submitted_at is not None
    assert "Co-operative housing for key workers" in _text(sign_in_as("rep@oxford.example.org").get(f"/programme/ideas/{made.id}"))


def test_bad_answers_are_told_next_to_the_field_and_nothing_is_saved(sign_in_as):
    the_call = call()
    before = count_ideas()
    response = sign_in_as("officer@stevenage.example.org").post(f"/programme/calls/{the_call.id}/ideas/new", data={
        "title_en": "", "title_cy": "", "member_role": "boss", "themes": ["abc", "99999999999"], "costs": "lots"})
    page = _text(response)
    assert response.status_code == 200
    for message in ("Give the idea a title in English or Welsh", "Enter an amount in pounds, like 150 or 150.50",
                    "Choose from the themes shown"):
        assert message in page
    assert 'id="title_en-error"' in page and 'id="costs-error"' in page
    assert count_ideas() == before


def test_one_support_per_member_whoever_gives_it_and_not_for_its_own_idea(sign_in_as):
    care = idea(CARE)
    before = supports(care.id)
    oxford_rep, oxford_lead = sign_in_as("rep@oxford.example.org"), sign_in_as("lead@oxford.example.org")
    assert oxford_rep.post(f"/programme/ideas/{care.id}/support").status_code == 302
    again = _text(oxford_lead.post(f"/programme/ideas/{care.id}/support", follow_redirects=True))
    assert "Your organisation already supports this idea" in again
    assert supports(care.id) == before + 1
    page = _text(oxford_lead.get(f"/programme/ideas/{care.id}"))
    assert "Oxford City Council" in page and "Withdraw your organisation's support" in page
    oxford_lead.post(f"/programme/ideas/{care.id}/support/withdraw")
    assert supports(care.id) == before
    own = _text(sign_in_as("rep@stevenage.example.org").post(f"/programme/ideas/{care.id}/support", follow_redirects=True))
    assert "Your organisation put this idea forward" in own and supports(care.id) == before


def test_a_member_not_in_good_standing_cannot_support(sign_in_as):
    care = idea(CARE)
    before = supports(care.id)
    response = sign_in_as("rep@kirklees.example.org").post(f"/programme/ideas/{care.id}/support", follow_redirects=True)
    assert "Only people of a member in good standing can support ideas" in _text(response) and supports(care.id) == before


def test_after_the_close_nothing_is_submitted_supported_or_withdrawn(sign_in_as):
    care, draft = idea(CARE), idea(DRAFT)
    the_call = call()
    the_call.closes_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    before = supports(care.id)
    told = _text(sign_in_as("rep@oxford.example.org").post(f"/programme/ideas/{care.id}/support", follow_redirects=True))
    assert "Supports for this idea have closed" in told and supports(care.id) == before
    told = _text(sign_in_as("rep@preston.example.org").post(f"/programme/ideas/{care.id}/support/withdraw", follow_redirects=True))
    assert "Supports for this idea have closed" in told and supports(care.id) == before
    told = _text(sign_in_as("chair@oxford.example.org").post(f"/programme/ideas/{draft.id}/submit", follow_redirects=True))
    assert draft.status == "draft"
    assert sign_in_as("chair@oxford.example.org").get(f"/programme/calls/{the_call.id}/ideas/new").status_code == 302


def test_the_secretariat_edits_for_clarity_the_version_is_kept_and_the_author_told(sign_in_as):
    anchors = idea(ANCHORS)
    secretariat = sign_in_as("secretariat@example.org")
    page = _text(secretariat.get(f"/programme/ideas/{anchors.id}/edit"))
    assert "Anchor institutions spending locally" in page
    secretariat.post(f"/programme/ideas/{anchors.id}/edit", data={
        "title_en": "Anchor institutions buying from co-operatives: a toolkit", "problem_en": anchors.problem_en,
        "activity_en": anchors.activity_en, "benefit_en": anchors.benefit_en, "member_role": "lead",
        "themes": [str(theme.id) for theme in anchors.themes], "edit-note": "A clearer title."})
    assert anchors.title_en == "Anchor institutions buying from co-operatives: a toolkit" and anchors.version == 2
    told = outbox("idea_edited", to="lead@oxford.example.org")
    assert len(told) == 1 and "A clearer title." in told[0].body
    versions = _text(sign_in_as("rep@torbay.example.org").get(f"/programme/ideas/{anchors.id}/versions"))
    assert "Version 1" in versions and ANCHORS in versions and "A clearer title." in versions


def test_an_author_cannot_edit_another_members_idea_and_nobody_else_reaches_the_secretariats_pages(sign_in_as):
    care = idea(CARE)
    rep = sign_in_as("rep@oxford.example.org")
    assert rep.post(f"/programme/ideas/{care.id}/edit", data={"title_en": "Mine now", "member_role": "lead"}).status_code == 403
    assert rep.get(f"/programme/ideas/{care.id}/merge").status_code == 403
    assert rep.post(f"/programme/ideas/{care.id}/outcome", data={"outcome": "not_taken_forward", "reason_en": "No"}).status_code == 403
    assert care.title_en == CARE and care.status == "submitted"


def test_merging_carries_supports_once_credits_both_authors_and_tells_them(sign_in_as):
    torbay, plymouth = idea("Digital inclusion through community hubs"), idea("Community digital skills hubs")
    assert supporting_members(plymouth.id) & {member("Sunderland City Council").id}
    sign_in_as("rep@sunderland.example.org").post(f"/programme/ideas/{torbay.id}/support")  # supports both now
    expected = supporting_members(torbay.id) | supporting_members(plymouth.id)
    secretariat = sign_in_as("secretariat@example.org")
    response = secretariat.post(f"/programme/ideas/{torbay.id}/merge", data={"into": str(plymouth.id), "note": "The same idea."})
    assert response.status_code == 302
    assert torbay.status == "merged" and torbay.merged_into_id == plymouth.id
    assert supporting_members(plymouth.id) == expected and supporting_members(torbay.id) == set()
    page = _text(sign_in_as("rep@oxford.example.org").get(f"/programme/ideas/{plymouth.id}"))
    assert "Torbay Council (Ben Carter)" in page and "Plymouth City Council (Hannah Moore)" in page
    assert len(outbox("idea_merged", to="rep@torbay.example.org")) == 1
    assert len(outbox("idea_merged", to="rep@plymouth.example.org")) == 1
    again = _text(secretariat.post(f"/programme/ideas/{torbay.id}/merge", data={"into": str(plymouth.id)}))
    assert "This idea has already been merged" in again


def test_the_outcome_needs_a_reason_which_is_published_and_the_author_told(sign_in_as):
    care = idea(CARE)
    secretariat = sign_in_as("secretariat@example.org")
    early = _text(secretariat.post(f"/programme/ideas/{care.id}/outcome", data={"outcome": "shortlisted", "reason_en": "Early."}))
    assert "The call is still open: ideas are shortlisted once it has closed" in early and care.status == "submitted"
    the_call = call()
    the_call.closes_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    page = _text(secretariat.post(f"/programme/ideas/{care.id}/outcome", data={"outcome": "shortlisted", "reason_en": ""}))
    assert "Give the reason, which members will see" in page and care.status == "submitted"
    secretariat.post(f"/programme/ideas/{care.id}/outcome", data={
        "outcome": "shortlisted", "reason_en": "Strong support from four members.", "reason_cy": "Cefnogaeth gref gan bedwar aelod."})
    assert care.status == "shortlisted"
    assert "Strong support from four members." in _text(sign_in_as("rep@torbay.example.org").get(f"/programme/ideas/{care.id}"))
    assert "Cefnogaeth gref gan bedwar aelod." in _text(sign_in_as("cynrychiolydd@cardiff.example.org").get(f"/programme/ideas/{care.id}"))
    assert len(outbox("idea_decided", to="officer@stevenage.example.org")) == 1


def test_an_idea_in_welsh_only_is_read_in_welsh_by_everyone(sign_in_as):
    energy = idea("Ynni cymunedol ym mhob ward")
    assert energy.title_en == ""
    page = _text(sign_in_as("rep@oxford.example.org").get(f"/programme/ideas/{energy.id}"))
    assert "Ynni cymunedol ym mhob ward" in page and "toeau adeiladau cyhoeddus" in page


def test_members_discuss_an_idea_on_its_page(sign_in_as):
    care = idea(CARE)
    rep = sign_in_as("rep@oxford.example.org")
    page = _text(rep.get(f"/programme/ideas/{care.id}"))
    assert "Discussion" in page or "discussion" in page
    response = rep.post(f"/forum/discuss/idea/{care.id}", data={"body": "Oxford would take part in this."})
    assert response.status_code == 302
    assert "Oxford would take part in this." in _text(sign_in_as("rep@torbay.example.org").get(f"/programme/ideas/{care.id}"))


def test_the_call_and_an_idea_cost_the_same_number_of_queries_with_more_ideas_and_supports(sign_in_as, rollback):
    from portal.programme.rules import ideas

    from ..test_routes import QueryCounter
    from .helpers import models

    client = sign_in_as("rep@oxford.example.org")
    the_call, care = call(), idea(CARE)

    def queries(path):
        client.get(path)
        with QueryCounter(rollback.connection) as counter:
            assert client.get(path).status_code == 200
        return counter.count

    paths = [f"/programme/calls/{the_call.id}", f"/programme/ideas/{care.id}"]
    before = [queries(path) for path in paths]
    officer = person("officer@stevenage.example.org")
    for n in range(10):
        made = ideas.draft(the_call, by=officer, title_en=f"More idea {n}", problem_en="A problem.", activity_en="An activity.",
                           themes=[the_call.themes[n % len(the_call.themes)].id])
        ideas.submit(made, by=officer)
        ideas.support(made, by=person("rep@preston.example.org"))
    ideas.support(care, by=person("rep@sunderland.example.org"))
    db.session.flush()
    assert db.session.query(models().Idea).filter(models().Idea.title_en.like("More idea%")).count() == 10
    assert [queries(path) for path in paths] == before
