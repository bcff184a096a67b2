"""Each person's choice, per category, of how messages reach them: at once, in one email a
day, or on the portal only; what a person must get cannot be switched off."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.notifications import digest
from portal.notifications.kinds import CATEGORIES, DIGEST_KIND, PORTAL
from portal.notifications.models import DeliveryChoice
from portal.notifications.rules import MustGet, set_choices

from ..conftest import DEMO_PASSWORD, outbox, person
from .helpers import mention_oxford, notifications_of, text

OXFORD = "rep@oxford.example.org"
EVERY_CATEGORY_AT_ONCE = {category: "now" for category in CATEGORIES}


@pytest.mark.parametrize("choice, emailed, delivery, in_digest", [
    ("now", 1, "email", 0), ("digest", 0, "digest", 1), ("portal", 0, "portal", 0),
])
def test_the_choice_for_forum_messages_decides_what_the_outbox_sends(sign_in_as, choice, emailed, delivery, in_digest):
    oxford = sign_in_as(OXFORD)
    assert oxford.post("/notifications/choices", data={**EVERY_CATEGORY_AT_ONCE, "forum": choice}).status_code == 302
    before, told = len(outbox("forum_mention", to=OXFORD)), len(notifications_of(person(OXFORD)))
    mention_oxford(sign_in_as)
    assert len(outbox("forum_mention", to=OXFORD)) == before + emailed
    held = notifications_of(person(OXFORD))[told:]
    assert [(item.kind, item.delivery) for item in held] == [("forum_mention", delivery)]
    digest.send(digest.today())
    sent = outbox(DIGEST_KIND, to=OXFORD)
    assert len(sent) == in_digest and all("mentioned you in “Land trusts”" in message.body for message in sent)
    assert "Land trusts" in text(oxford, "/notifications/")  # on the portal whatever the choice


def test_choices_are_shown_as_saved_and_at_once_until_chosen(sign_in_as):
    oxford = sign_in_as(OXFORD)
    page = text(oxford, "/notifications/choices")
    assert page.count('value="now" checked') == len(CATEGORIES)
    oxford.post("/notifications/choices", data={**EVERY_CATEGORY_AT_ONCE, "groups": "digest"})
    assert 'id="groups-2" name="groups" type="radio" value="digest" checked' in text(oxford, "/notifications/choices")


def test_a_choice_not_offered_is_refused_next_to_its_question(sign_in_as):
    refused = sign_in_as(OXFORD).post("/notifications/choices", data={**EVERY_CATEGORY_AT_ONCE, "ballots": "carrier pigeon"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and 'href="#ballots"' in page and "Choose how these messages reach you" in page
    assert db.session.scalars(select(DeliveryChoice).where(DeliveryChoice.person_id == person(OXFORD).id)).all() == []


def test_what_a_person_must_get_cannot_be_switched_off_and_the_page_says_why(sign_in_as):
    oxford = sign_in_as(OXFORD)
    page = text(oxford, "/notifications/choices")
    assert "Messages that always come by email" in page and "they may mean someone else is using your account" in page
    refused = oxford.post("/notifications/choices", data={**EVERY_CATEGORY_AT_ONCE, "security": "portal"}).get_data(as_text=True)
    assert "These emails cannot be switched off" in refused and 'href="#security"' in refused
    assert db.session.scalars(select(DeliveryChoice).where(DeliveryChoice.person_id == person(OXFORD).id)).all() == []
    with pytest.raises(MustGet):
        set_choices(person(OXFORD), {"security": PORTAL})


def test_the_outbox_sends_what_a_person_must_get_whatever_they_chose(sign_in_as):
    oxford = sign_in_as(OXFORD)
    oxford.post("/notifications/choices", data={category: "portal" for category in CATEGORIES})
    # Even a choice that reached the database some other way is not asked.
    db.session.add(DeliveryChoice(person_id=person(OXFORD).id, category="security", choice="portal"))
    db.session.commit()
    oxford.post("/account/password", data={"current_password": DEMO_PASSWORD, "password": "a much longer new password"})
    assert len(outbox("password_changed", to=OXFORD)) == 1
    assert [item.delivery for item in notifications_of(person(OXFORD), "password_changed")] == ["email"]
