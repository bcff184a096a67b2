"""General meetings: motions and amendments from voting representatives, one second each from
another member, lapsing without one, the secretariat's rulings, the word difference, and the votes
made from the agenda in voting order."""

import html
import re
from datetime import timedelta

from sqlalchemy import func, select

from portal.audit.models import AuditEntry
from portal.db import utcnow
from portal.decisions.rules import lifecycle
from portal.extensions import db

from ..conftest import outbox
from .helpers import member, models, person

FUND = "A shared co-operative development fund"


def _text(response):
    return html.unescape(response.get_data(as_text=True))


def _meeting():
    return db.session.scalar(select(models().GeneralMeeting).order_by(models().GeneralMeeting.id))


def _motion(title=FUND):
    Motion = models().Motion
    return db.session.scalar(select(Motion).where(Motion.title_en == title))


def _audited(action):
    return db.session.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == action))


def _move(client, meeting, title="Co-operative housing", text="That the network studies community land trusts."):
    return client.post(f"/programme/meetings/{meeting.id}/motions/new", data={"title_en": title, "text_en": text})


def _pass(moment_name):
    meeting = _meeting()
    now = utcnow()
    for name in ("motions_close_at", "amendments_close_at"):
        if name == moment_name or (moment_name == "amendments_close_at" and name == "motions_close_at"):
            setattr(meeting, name, now - timedelta(minutes=5 if name == "motions_close_at" else 1))
    db.session.commit()


def test_the_demo_agenda_shows_prestons_motion_with_torbays_amendment_marked_word_by_word(sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    page = _text(oxford.get(f"/programme/meetings/{_meeting().id}"))
    assert FUND in page and "Amendment 1 from Torbay Council" in page and "Admissible" in page
    assert "Moved by Preston City Council; seconded by Oldham Council" in page
    page = _text(oxford.get(f"/programme/motions/{_motion().id}"))
    inserted = re.search(r'<ins><span class="govuk-visually-hidden">\[inserted: </span>([^<]*)<', page).group(1)
    assert "with at least a third of the fund for rural and coastal" in inserted and "<del>" not in page
    assert "Second amendment 1 for Oxford City Council" in page and "Propose an amendment" in page
    welsh = _text(sign_in_as("cynrychiolydd@cardiff.example.org").get(f"/programme/motions/{_motion().id}"))
    assert "gydag o leiaf draean o'r gronfa" in welsh and "Cronfa ddatblygu gydweithredol a rennir" in welsh


def test_a_voting_representative_moves_a_motion_and_one_other_member_seconds_it(sign_in_as):
    meeting = _meeting()
    oxford = sign_in_as("rep@oxford.example.org")
    assert _move(oxford, meeting).status_code == 302
    motion = _motion("Co-operative housing")
    assert (motion.status, motion.member_id, motion.proposer_id) == ("submitted", member("Oxford City Council").id,
                                                                     person("rep@oxford.example.org").id)
    assert _move(sign_in_as("lead@oxford.example.org"), meeting, "Not a representative").status_code == 403
    assert _motion("Not a representative") is None
    own = oxford.post(f"/programme/motions/{motion.id}/second", follow_redirects=True)  # its own member's
    assert "Your organisation moved this: it must be seconded by another member" in _text(own) and motion.status == "submitted"
    sign_in_as("cynrychiolydd@cardiff.example.org").post(f"/programme/motions/{motion.id}/second")
    assert (motion.status, motion.seconder_member_id) == ("seconded", member("Cardiff Council").id)
    again = _text(sign_in_as("rep@torbay.example.org").post(f"/programme/motions/{motion.id}/second", follow_redirects=True))
    assert "This motion has already been seconded" in again and motion.seconder_member_id == member("Cardiff Council").id
    assert len(outbox("motion_seconded", to="rep@oxford.example.org")) == 1
    assert _audited("programme.motion_submitted") >= 2 and _audited("programme.motion_seconded") >= 2


def test_a_member_not_in_good_standing_neither_moves_nor_seconds(sign_in_as):
    kirklees = sign_in_as("rep@kirklees.example.org")
    assert _move(kirklees, _meeting(), "From Kirklees").status_code == 403 and _motion("From Kirklees") is None
    amendment = _motion().amendments[0]
    assert kirklees.post(f"/programme/amendments/{amendment.id}/second").status_code == 403
    assert amendment.status == "submitted"


def test_bad_answers_are_told_next_to_the_field_and_nothing_is_saved(sign_in_as):
    meeting = _meeting()
    page = _text(_move(sign_in_as("rep@oxford.example.org"), meeting, title="", text=""))
    assert "Give the motion a title in English" in page and "Write the motion in English" in page
    assert 'id="title_en-error"' in page
    secretariat = sign_in_as("secretariat@example.org")
    page = _text(secretariat.post("/programme/meetings/new", data={
        "kind": "agm", "title_en": "Special meeting", "meets_on": ["1", "2", "2031"], "meets_time": "10:00",
        "motions_on": ["1", "1", "2031"], "motions_time": "17:00", "amendments_on": ["1", "1", "2031"], "amendments_time": "9am"}))
    assert "Enter a time like 09:30 or 17:00" in page
    page = _text(secretariat.post("/programme/meetings/new", data={
        "kind": "agm", "title_en": "Special meeting", "meets_on": ["1", "2", "2031"], "meets_time": "10:00",
        "motions_on": ["1", "1", "2031"], "motions_time": "17:00", "amendments_on": ["1", "1", "2031"], "amendments_time": "12:00"}))
    assert "Amendments must close after motions" in page
    assert db.session.scalar(select(func.count()).select_from(models().GeneralMeeting)) == 1


def test_the_secretariat_calls_a_meeting_with_its_deadlines(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    response = secretariat.post("/programme/meetings/new", data={
        "kind": "egm", "title_en": "Extraordinary general meeting", "title_cy": "Cyfarfod cyffredinol arbennig",
        "meets_on": ["1", "3", "2031"], "meets_time": "10:00", "motions_on": ["1", "1", "2031"], "motions_time": "17:00",
        "amendments_on": ["1", "2", "2031"], "amendments_time": "17:00"})
    assert response.status_code == 302
    made = db.session.scalar(select(models().GeneralMeeting).where(models().GeneralMeeting.kind == "egm"))
    assert made.motions_close_at < made.amendments_close_at < made.meets_at
    assert made.meets_at.hour == 10 and _audited("programme.meeting_created") == 2


def test_nothing_is_moved_or_seconded_after_its_deadline(sign_in_as):
    from portal.programme.rules import Refused, motions

    oxford = sign_in_as("rep@oxford.example.org")
    _move(oxford, _meeting(), "Just in time")
    late_motion = _motion("Just in time")
    _pass("motions_close_at")
    refused = _text(sign_in_as("cynrychiolydd@cardiff.example.org").post(f"/programme/motions/{late_motion.id}/second",
                                                                        follow_redirects=True))
    assert "Mae'r dyddiad cau ar gyfer cynigion wedi mynd heibio: ni ellir eilio'r cynnig mwyach" in refused  # in Welsh, for Cardiff
    assert late_motion.seconder_member_id is None
    assert _move(oxford, _meeting(), "Too late").status_code == 302 and _motion("Too late") is None
    try:
        motions.submit_motion(_meeting(), by=person("rep@oxford.example.org"), title_en="Too late", text_en="That.")
    except Refused as refusal:
        assert "The deadline for motions has passed" in str(refusal.message)
    else:
        raise AssertionError("a motion after the deadline was taken")
    db.session.rollback()
    amendment = _motion().amendments[0]
    _pass("amendments_close_at")
    sign_in_as("rep@oxford.example.org").post(f"/programme/amendments/{amendment.id}/second")
    assert amendment.seconder_member_id is None and amendment.status == "submitted"  # it lapses when next looked at


def test_unseconded_motions_lapse_once_from_the_page_or_the_tick(app, sign_in_as):
    oxford = sign_in_as("rep@oxford.example.org")
    _move(oxford, _meeting(), "Nobody seconds this")
    motion = _motion("Nobody seconds this")
    _pass("motions_close_at")
    page = _text(oxford.get(f"/programme/meetings/{_meeting().id}"))
    assert motion.status == "lapsed" and "Lapsed: not seconded in time" in page
    oxford.get(f"/programme/meetings/{_meeting().id}")
    result = app.test_cli_runner().invoke(args=["portal", "programme", "tick"])
    assert result.exit_code == 0 and "0 motions and amendments lapsed" in result.output
    assert len(outbox("motion_lapsed", to="rep@oxford.example.org")) == 1
    assert _motion().status == "admissible"  # seconded in time: it stays
    _pass("amendments_close_at")
    result = app.test_cli_runner().invoke(args=["portal", "programme", "tick"])
    assert "1 motions and amendments lapsed" in result.output and _motion().amendments[0].status == "lapsed"
    assert len(outbox("amendment_lapsed", to="rep@torbay.example.org")) == 1


def test_amendments_come_from_other_members_and_make_the_change_they_name(sign_in_as):
    motion = _motion()
    url = f"/programme/motions/{motion.id}/amendments/new"
    own = sign_in_as("rep@preston.example.org").post(url, data={"kind": "replace", "amended_text_en": "That."})
    assert "Amendments come from other members than the motion's" in _text(own) and len(motion.amendments) == 1
    oxford = sign_in_as("rep@oxford.example.org")
    page = _text(oxford.get(url))
    assert "That this annual general meeting asks the network" in page  # the form starts from the motion's words
    page = _text(oxford.post(url, data={"kind": "insert", "amended_text_en": motion.text_en.replace("start-up grants", "grants")}))
    assert "An insertion only adds words" in page
    page = _text(oxford.post(url, data={"kind": "replace", "amended_text_en": motion.text_en}))
    assert "The text is the same as the motion's" in page
    assert len(motion.amendments) == 1
    response = oxford.post(url, data={"kind": "delete", "amended_text_en": motion.text_en.replace(" start-up", ""),
                                      "explanation": "Grants for growth too."})
    assert response.status_code == 302
    db.session.refresh(motion)
    ours = motion.amendments[1]
    assert (ours.kind, ours.member_id, ours.position, ours.status) == ("delete", member("Oxford City Council").id, 2, "submitted")
    assert len(outbox("motion_amended", to="rep@preston.example.org")) == 2
    page = _text(oxford.get(f"/programme/motions/{motion.id}"))
    assert '<del><span class="govuk-visually-hidden">[deleted: </span>start-up' in page
    own = sign_in_as("rep@oxford.example.org").post(f"/programme/amendments/{ours.id}/second", follow_redirects=True)
    assert "Your organisation moved this: it must be seconded by another member" in _text(own) and ours.status == "submitted"


def test_the_secretariat_rules_with_a_published_reason_and_the_mover_and_seconder_are_told(sign_in_as):
    amendment = _motion().amendments[0]
    sign_in_as("rep@oxford.example.org").post(f"/programme/amendments/{amendment.id}/second")
    assert (amendment.status, amendment.seconder_member_id) == ("seconded", member("Oxford City Council").id)
    assert len(outbox("amendment_seconded", to="rep@torbay.example.org")) == 1
    secretariat = sign_in_as("secretariat@example.org")
    page = _text(secretariat.post(f"/programme/amendments/{amendment.id}/ruling", data={"admissible": "no"}))
    assert "Give the reason, which members will see" in page and amendment.status == "seconded"
    secretariat.post(f"/programme/amendments/{amendment.id}/ruling", data={
        "admissible": "no", "reason_en": "It would commit the fund before members have agreed it.",
        "reason_cy": "Byddai'n ymrwymo'r gronfa cyn i'r aelodau ei chytuno."})
    assert amendment.status == "inadmissible" and amendment.ruled_at is not None
    for email in ("rep@torbay.example.org", "rep@oxford.example.org"):
        assert len(outbox("amendment_ruled", to=email)) == 1, email
    assert "It would commit the fund before members have agreed it." in _text(
        sign_in_as("rep@stevenage.example.org").get(f"/programme/motions/{_motion().id}"))
    assert "Byddai'n ymrwymo'r gronfa" in _text(sign_in_as("cynrychiolydd@cardiff.example.org").get(
        f"/programme/motions/{_motion().id}"))
    assert _audited("programme.amendment_ruled") == 1


def test_the_votes_are_made_in_one_step_amendments_first_then_the_motion_as_amended(sign_in_as):
    from portal.programme.rules import motions

    motion = _motion()
    torbays = motion.amendments[0]
    secretariat = person("secretariat@example.org")
    motions.second_amendment(torbays, by=person("rep@oxford.example.org"))
    oxfords = motions.propose_amendment(motion, by=person("rep@oxford.example.org"), kind="delete",
                                        amended_text_en=motion.text_en.replace(" start-up", ""))
    motions.second_amendment(oxfords, by=person("cynrychiolydd@cardiff.example.org"))
    for amendment in (torbays, oxfords):
        motions.rule(amendment, True, by=secretariat, reason_en="In order.")
    db.session.commit()
    office = sign_in_as("secretariat@example.org")
    tomorrow, later = utcnow().date() + timedelta(days=1), utcnow().date() + timedelta(days=8)
    window = {"opens_on": [str(tomorrow.day), str(tomorrow.month), str(tomorrow.year)], "opens_time": "09:00",
              "closes_on": [str(later.day), str(later.month), str(later.year)], "closes_time": "17:00"}
    early = _text(office.post(f"/programme/meetings/{_meeting().id}/votes", data=window))
    assert "once the deadline for amendments has passed" in early and torbays.decision_id is None
    _pass("amendments_close_at")
    assert office.post(f"/programme/meetings/{_meeting().id}/votes", data=window).status_code == 302
    assert torbays.decision_id and oxfords.decision_id and motion.decision_id is None
    decision = torbays.decision
    assert decision.status == "scheduled" and decision.questions[0].method == "motion"
    assert decision.questions[0].text_en == "That the amendment be made"
    assert "rural and coastal areas" in decision.explanation_en
    waiting = _text(office.post(f"/programme/meetings/{_meeting().id}/votes", data=window))
    assert "Nothing is ready to be put to the vote" in waiting and motion.decision_id is None
    assert "its vote" in _text(office.get(f"/programme/meetings/{_meeting().id}"))

    for amendment, answer in ((torbays, "for"), (oxfords, "against")):
        decision = amendment.decision
        decision.quorum_kind = "none"
        lifecycle.open_voting(decision, decision.opens_at + timedelta(seconds=1))
        db.session.commit()
        question = decision.questions[0]
        for email, name in (("rep@oxford.example.org", "Oxford City Council"), ("rep@preston.example.org", "Preston City Council")):
            response = sign_in_as(email).post(f"/decisions/{decision.id}/ballot/{member(name).id}", data={f"q{question.id}": answer})
            assert "portal-receipt" in _text(response), email
        decision.closes_at = utcnow() - timedelta(seconds=1)
        lifecycle.close_voting(decision)
        lifecycle.publish(decision, by=secretariat)
        db.session.commit()

    assert office.post(f"/programme/meetings/{_meeting().id}/votes", data=window).status_code == 302
    put = motion.decision
    assert put.questions[0].text_en == "That the motion as amended be carried"
    assert "with at least a third of the fund for rural and coastal areas" in put.explanation_en
    assert "start-up grants" in put.explanation_en  # Oxford's deletion was not made
    assert "gydag o leiaf draean o'r gronfa" in put.explanation_cy
    page = _text(sign_in_as("rep@stevenage.example.org").get(f"/programme/motions/{motion.id}"))
    assert "The motion as amended" in page
    assert _audited("programme.meeting_votes_made") == 2


def test_a_motion_without_amendments_is_put_as_it_stands(sign_in_as):
    from portal.programme.rules import motions

    secretariat = person("secretariat@example.org")
    motion = motions.submit_motion(_meeting(), by=person("rep@oxford.example.org"), title_en="Open data",
                                   text_en="That the network publishes its data openly.")
    motions.second_motion(motion, by=person("rep@stevenage.example.org"))
    motions.rule(motion, True, by=secretariat, reason_en="In order.")
    preston = _motion()
    motions.rule(preston, False, by=secretariat, reason_en="Not for this meeting.")
    db.session.commit()
    _pass("amendments_close_at")
    from portal.programme.rules import agenda

    made = agenda.make_decisions(_meeting(), by=secretariat, opens_at=utcnow() + timedelta(days=1),
                                 closes_at=utcnow() + timedelta(days=2))
    assert [decision.id for decision in made] == [motion.decision_id]
    assert motion.decision.questions[0].text_en == "That the motion be carried" and preston.decision_id is None
    try:
        motions.rule(motion, False, by=secretariat, reason_en="Changed our mind.")
    except motions.Refused as refusal:
        assert "can no longer change" in str(refusal.message)
    else:
        raise AssertionError("the ruling changed after the vote was made")


def test_the_word_difference_and_the_motion_as_amended():
    from portal.programme.rules.wording import as_amended, changes_only, difference

    motion = "That the network funds a study.\n\nThat it reports by March."
    longer = "That the network funds a short study.\n\nThat it reports by March."
    later = "That the network funds a study.\n\nThat it reports by June 2027."
    assert difference(motion, later)[-3:] == [("delete", "March "), ("insert", "June 2027"), ("equal", ".")]
    assert as_amended(motion, [longer, later]) == "That the network funds a short study.\n\nThat it reports by June 2027."
    assert as_amended(motion, []) == motion
    # Two changing the same words: the later one's words stand.
    assert as_amended(motion, [later, motion.replace("March", "April")]) == motion.replace("March", "April")
    assert changes_only(motion, longer, "insert") and not changes_only(motion, later, "insert")
    assert changes_only(motion, motion.replace(" a study", " study"), "delete") and not changes_only(motion, motion, "replace")
