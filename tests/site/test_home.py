"""The signed-in home page ("Your work"): what waits for each person, from every area, in
one query; the counts beside the navigation; and the decisions list's voted / not yet."""

import html
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from portal import demo
from portal.db import utcnow
from portal.extensions import db
from tests.conftest import person, sign_in
from tests.test_routes import QueryCounter

HOME_BUDGET = 12


def expected_homes():
    """{account: [item titles]} as the demo's docstring writes them."""
    text = demo.__doc__.split("checks every account's page against it):", 1)[1]
    homes, accounts = {}, []
    for line in text.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            accounts = [account.strip().split(" ")[0] for account in line.split(",")]
            for account in accounts:
                homes[account] = []
        elif not line.strip().startswith("("):
            for account in accounts:
                homes[account].append(line.strip())
    return homes


def _text(fragment):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", fragment))).strip()


def listed(page):
    """The titles of the items the home page lists, in order."""
    found = re.search(r'<ul class="govuk-list portal-waiting".*?</ul>', page, re.S)
    if not found:
        return []
    return [_text(link) for link in re.findall(r'<li class="portal-waiting__item[^"]*">\s*<a [^>]*>(.*?)</a>', found.group(0), re.S)]


def navigation(page):
    return _text(re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', page, re.S).group(0))


@pytest.mark.parametrize("account", sorted(expected_homes()))
def test_each_demo_account_home_shows_exactly_what_the_demo_leaves_waiting(app, account):
    page = sign_in(app.test_client(), account).get("/").get_data(as_text=True)
    assert listed(page) == expected_homes()[account]
    if not expected_homes()[account]:
        assert "Nothing is waiting for you" in page


def test_the_representative_sees_each_ballot_voted_or_not_and_counts_beside_the_navigation(app):
    client = sign_in(app.test_client(), "rep@oxford.example.org")
    page = client.get("/").get_data(as_text=True)
    assert page.count("not yet") == 2 and "Voting closes" in page
    assert "Decisions 2" in navigation(page) and "Work programme 1" in navigation(page) and "Notifications 12" in navigation(page)
    assert "Menu (16)" in page  # the phone's menu button says there is work waiting
    listing = client.get("/decisions/").get_data(as_text=True)
    assert "Oxford City Council: not yet" in _text(listing) and "Torbay Council: not yet" in _text(listing)


def test_a_cast_ballot_reads_voted_and_leaves_the_count(app):
    client = sign_in(app.test_client(), "cynrychiolydd@cardiff.example.org")
    page = client.get("/").get_data(as_text=True)
    assert "wedi pleidleisio" in page
    assert "Penderfyniadau" in navigation(page) and "Penderfyniadau 1" not in navigation(page)
    assert "Cardiff Council: wedi pleidleisio" in _text(client.get("/decisions/").get_data(as_text=True))


def test_nobody_sees_another_roles_work(app):
    page = sign_in(app.test_client(), "officer@stevenage.example.org").get("/").get_data(as_text=True)
    for secret in ("Invoices overdue", "Decide the application", "Flagged posts", "Requests to erase", "Vote for"):
        assert secret not in page


def test_signed_out_home_sends_would_be_members_to_the_join_page(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/join"' in page or "apply on the Join page" in page
    assert re.search(r'<a class="govuk-link" href="[^"]*join[^"]*">apply on the Join page</a>', page)


def _heaviest():
    """The admin made also the secretariat's colleague, a moderator, and Oxford's member admin
    and voting representative: every area has something to ask."""
    from portal.auth.models import PersonRole
    from portal.membership.models import Member, Representative

    admin = person("admin@example.org")
    oxford = db.session.scalar(select(Member).where(Member.name == "Oxford City Council"))
    admin.member_id, admin.is_member_admin = oxford.id, True
    for role in ("secretariat", "moderator", "reviewer"):
        if role not in admin.role_names:
            db.session.add(PersonRole(person_id=admin.id, role=role))
    db.session.add(Representative(member_id=oxford.id, person_id=admin.id, role="deputy"))
    db.session.commit()
    return admin


def _more_of_everything(admin):
    """Another group with tasks and risks owned by ``admin``, and more flags and applications."""
    from portal.groups.models import Group, GroupMember, Risk, Task
    from portal.membership.models import Application, Tier
    from portal.membership.rules.dates import today

    day = today()
    tier_id = db.session.scalar(select(Tier.id).limit(1))
    for number in range(5):
        group = Group(name=f"Extra group {number}", kind="working", private=True)
        db.session.add(group)
        db.session.flush()
        db.session.add(GroupMember(group_id=group.id, person_id=admin.id, role="member"))
        for task in range(4):
            db.session.add(Task(group_id=group.id, title=f"Extra task {number}.{task}", starts_on=day - timedelta(days=30),
                                ends_on=day + timedelta(days=task), owner_person_id=admin.id))
        db.session.add(Risk(group_id=group.id, title=f"Extra risk {number}", likelihood=3, impact=3, owner_person_id=admin.id,
                            review_on=day - timedelta(days=1)))
        db.session.add(Application(name=f"Extra applicant {number}", normalised_name=f"extra applicant {number}", kind="council", requested_tier_id=tier_id,
                                   contact_name="Someone", contact_email=f"extra{number}@example.org", submitted_at=utcnow()))
    db.session.commit()


def test_the_home_page_makes_at_most_twelve_queries_however_many_roles_and_things_wait(app, rollback):
    admin = _heaviest()
    client = sign_in(app.test_client(), admin.email)
    client.get("/")
    with QueryCounter(rollback.connection) as before:
        first = client.get("/").get_data(as_text=True)
    _more_of_everything(admin)
    with QueryCounter(rollback.connection) as after:
        second = client.get("/").get_data(as_text=True)
    assert len(listed(second)) >= len(listed(first)) + 30
    assert "Vote for Oxford City Council" in first and "Invoices overdue" in first
    assert before.count <= HOME_BUDGET and after.count == before.count, after.statements
