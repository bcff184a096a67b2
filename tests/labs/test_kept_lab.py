"""A lab's public page is drawn once for each version of the lab and kept: every change that
the page shows must still reach every reader at once, in their language."""

import html
import re

from sqlalchemy import select

from portal.extensions import db
from portal.labs.models import CaseStudy, Lab, LabPhase, Resource
from portal.membership.models import Member

from ..test_routes import QueryCounter
from .helpers import lab, partnership

SEED = "Growing an Inclusive"


def _page(client, target):
    response = client.get(f"/labs/{target.id}")
    assert response.status_code == 200
    return html.unescape(response.get_data(as_text=True))


def _without_nonce(page):
    return page.replace(page.split('nonce="', 1)[1].split('"', 1)[0], "")


def test_a_lab_page_is_drawn_once_until_the_lab_changes(client, rollback):
    target = lab(SEED)
    first = _page(client, target)
    with QueryCounter(rollback.connection) as again:
        second = _page(client, target)
    drawn_again = [s for s in again.statements if re.search(r"\bFROM (lab_phase|progress_update|case_study|resource)\b", s)]
    assert again.count and not drawn_again, "the kept page was drawn again"
    assert _without_nonce(second) == _without_nonce(first)

    target.summary = "A lab about the economy that belongs to everyone."
    db.session.commit()
    assert "A lab about the economy that belongs to everyone." in _page(client, target)


def test_phases_partners_updates_outputs_and_case_studies_show_at_once(client, sign_in_as):
    target = lab(SEED)
    _page(client, target)
    db.session.add(LabPhase(lab_id=target.id, position=99, name="Share the findings", deliverables="A national event"))
    db.session.commit()
    assert "Share the findings" in _page(client, target)

    partnership(target, "Torbay Council").role = "pilot site"
    db.session.commit()
    assert "Torbay Council (pilot site)" in _page(client, target)
    partnership(target, "Torbay Council").status = "declined"
    db.session.commit()
    assert "Torbay Council" not in _summary(_page(client, target))

    lead = sign_in_as("rep@oxford.example.org")
    response = lead.post(f"/labs/{target.id}/updates/new", data={"body": "The second pilot has begun in Preston."})
    assert response.status_code == 302
    assert "The second pilot has begun in Preston." in _page(client, target)

    db.session.add(CaseStudy(lab_id=target.id, place="Plymouth", title="Community energy in Plymouth"))
    db.session.commit()
    assert "Plymouth: Community energy in Plymouth" in _page(client, target)

    output = Resource(lab_id=target.id, title="A guide to anchor procurement")
    db.session.add(output)
    db.session.commit()
    assert "A guide to anchor procurement" in _page(client, target)
    # Moved to another lab: gone from this one's page at once, and on the other's.
    other = db.session.scalar(select(Lab).where(Lab.id != target.id, Lab.status.in_(("approved", "active", "completed"))))
    _page(client, other)
    output.lab_id = other.id
    db.session.commit()
    assert "A guide to anchor procurement" not in _page(client, target)
    assert "A guide to anchor procurement" in _page(client, other)

    case = db.session.scalar(select(CaseStudy).where(CaseStudy.title == "Community energy in Plymouth"))
    db.session.delete(case)
    db.session.commit()
    assert "Community energy in Plymouth" not in _page(client, target)


def _summary(page):
    """The lab's summary list (who leads it, its partners, when it runs): in the kept part."""
    return page.split('<dl class="govuk-summary-list', 1)[1].split("</dl>", 1)[0]


def test_renaming_an_organisation_reaches_every_kept_lab_page(client):
    target = lab(SEED)
    assert "Oxford City Council" in _summary(_page(client, target))
    oxford = db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))
    oxford.name = "Oxford City Council (Co-operative Development)"
    db.session.commit()
    assert "Oxford City Council (Co-operative Development)" in _summary(_page(client, target))


def test_each_language_gets_its_own_copy(client):
    target = lab(SEED)
    assert "Values it serves" in _page(client, target)
    welsh = client.get(f"/labs/{target.id}", headers={"Accept-Language": "cy"}).get_data(as_text=True)
    assert "Values it serves" not in welsh and 'lang="cy"' in welsh
    assert "Values it serves" in _page(client, target)


def test_a_rolled_back_change_never_meets_a_later_one(client, rollback):
    target = lab(SEED)
    stamp = target.page_stamp
    with rollback.savepoint():
        target.summary = "A summary that was undone."
        db.session.flush()
        assert "A summary that was undone." in _page(client, target)
    assert db.session.get(Lab, target.id).page_stamp == stamp
    assert "A summary that was undone." not in _page(client, target)
    target.summary = "The summary that stayed."
    db.session.commit()
    page = _page(client, target)
    assert "The summary that stayed." in page and "A summary that was undone." not in page


def test_the_steering_groups_link_is_for_its_people_and_the_secretariat(sign_in_as):
    from portal.groups.models import Group, GroupMember
    from portal.groups.rules.access import is_in_group

    from ..conftest import person

    target = lab(SEED)
    group = db.session.scalar(select(Group).where(Group.lab_id == target.id))
    inside = db.session.scalar(select(GroupMember).where(GroupMember.group_id == group.id)).person
    outside = next(someone for someone in map(person, ("rep@preston.example.org", "rep@oldham.example.org", "rep@wmca.example.org"))
                   if not is_in_group(someone, group))
    assert not outside.is_secretariat
    link = "The steering group: plan, risks and meetings"
    assert link in _page(sign_in_as(inside.email), target)
    assert link not in _page(sign_in_as(outside.email), target)
    assert link in _page(sign_in_as("secretariat@example.org"), target)
