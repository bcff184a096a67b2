"""A person's notifications and choices in "download my data", gone with erasure, and read
ones purged in time."""

import json

from sqlalchemy import func, select

from portal.extensions import db
from portal.notifications import digest
from portal.notifications.kinds import DIGEST
from portal.notifications.models import DeliveryChoice, DigestSent, Notification
from portal.notifications.rules import set_choices
from portal.privacy import rules as privacy

from ..conftest import person
from .helpers import mention_oxford, text

OXFORD = "rep@oxford.example.org"


def test_download_my_data_lists_notifications_and_choices_to_the_person_only(sign_in_as):
    set_choices(person(OXFORD), {"forum": DIGEST})
    db.session.commit()
    mention_oxford(sign_in_as)
    oxford = sign_in_as(OXFORD)
    data = json.loads(oxford.get("/account/my-data.json").get_data(as_text=True))
    assert any("mentioned you in “Land trusts”" in item["subject"] and item["delivery"] == "digest" for item in data["notifications"])
    assert {"category": "forum", "choice": "digest"} in data["notification_choices"]
    page = text(oxford, "/account/my-data")
    assert "Your notifications" in page and "Waiting for the daily email" in page and "In one email a day" in page


def test_erasure_deletes_notifications_choices_and_digests(sign_in_as):
    oxford = person(OXFORD)
    set_choices(oxford, {"forum": DIGEST})
    db.session.add(DigestSent(person_id=oxford.id, sent_on=digest.today()))
    db.session.commit()
    mention_oxford(sign_in_as)
    assert db.session.scalar(select(func.count()).select_from(Notification).where(Notification.person_id == oxford.id))
    privacy.erase(oxford, by=person("secretariat@example.org"))
    db.session.flush()
    for model in (Notification, DeliveryChoice, DigestSent):
        assert db.session.scalar(select(func.count()).select_from(model).where(model.person_id == oxford.id)) == 0
