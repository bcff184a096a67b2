"""The service navigation: each person sees the sections their rules allow, the current one
marked, in their language; the HTML kept for one list of sections never reaches another."""

import re

from sqlalchemy import select

from portal.extensions import db
from portal.membership.models.members import Member

from ..conftest import sign_in


def sections(page):
    """(label, current) for each section in a page's navigation."""
    navigation = page.get_data(as_text=True).split('class="govuk-service-navigation__list"')[1].split("</ul>")[0]
    items = re.findall(r'<li class="govuk-service-navigation__item([^"]*)">.*?<a [^>]*>\s*(?:<strong[^>]*>)?\s*([^<]+?)\s*<', navigation, re.S)
    return [(label, "--active" in classes) for classes, label in items]


def bare(label):
    """A section's label without the count of work waiting there ("Decisions 2")."""
    return re.sub(r" \d+$", "", label)


def test_each_person_sees_the_sections_their_rules_allow(app):
    secretariat = sign_in(app.test_client(), "secretariat@example.org")
    member = sign_in(app.test_client(), "rep@oxford.example.org")
    anonymous = app.test_client()
    # The secretariat first, so that its list of sections is drawn and kept before the others ask.
    staff = [bare(label) for label, _ in sections(secretariat.get("/forum/"))]
    assert {"Secretariat", "People", "Audit log", "Sign out"} <= set(staff)
    theirs = [bare(label) for label, _ in sections(member.get("/forum/"))]
    assert "Your organisation" in theirs and not {"Secretariat", "People", "Audit log"} & set(theirs)
    public = [label for label, _ in sections(anonymous.get("/forum/"))]
    assert public[-2:] == ["Join", "Sign in"] and "Your account" not in public


def test_the_current_section_is_marked_and_follows_the_page(app):
    member = sign_in(app.test_client(), "rep@oxford.example.org")
    assert [label for label, current in sections(member.get("/forum/")) if current] == ["Forum"]
    assert [label for label, current in sections(member.get("/decisions/")) if current] == ["Decisions 2"]
    assert [label for label, current in sections(member.get("/")) if current] == ["Home"]


def test_the_navigation_is_in_the_readers_language(app):
    member = sign_in(app.test_client(), "rep@oxford.example.org")
    assert "Forum" in [label for label, _ in sections(member.get("/"))]
    member.get("/language/cy")
    welsh = [label for label, _ in sections(member.get("/"))]
    assert "Fforwm" in welsh and "Forum" not in welsh


def organisation_link(page):
    navigation = page.get_data(as_text=True).split('class="govuk-service-navigation__list"')[1].split("</ul>")[0]
    return re.search(r'href="([^"]+)"[^>]*>\s*Your organisation', navigation).group(1)


def test_each_representative_is_sent_to_their_own_organisation(app):
    oxford = sign_in(app.test_client(), "rep@oxford.example.org")
    torbay = sign_in(app.test_client(), "rep@torbay.example.org")
    # The same sections, so the same kept copy, drawn for Oxford first.
    ours = organisation_link(oxford.get("/forum/"))
    theirs = organisation_link(torbay.get("/forum/"))
    names = {ours: None, theirs: None}
    for member in db.session.scalars(select(Member).where(Member.name.in_(("Oxford City Council", "Torbay Council")))):
        names[f"/members/{member.id}/account"] = member.name
    assert ours != theirs
    assert (names.get(ours), names.get(theirs)) == ("Oxford City Council", "Torbay Council")
