import html
import io
import zipfile

from sqlalchemy import func, select

from portal.extensions import db
from portal.labs.models import Lab, Partnership, Resource
from portal.labs.rules import proposals, toolkit

from ..conftest import outbox, person
from .helpers import lab, open_round, partnership

PROPOSAL = {
    "title": "Co-operative high streets",
    "summary": "Help traders and residents take over empty shops together as community co-operatives.",
    "values": ["enterprise", "community_leadership"],
    "requested": "10,000",
    "starts_on": ["1", "4", "2027"],
    "ends_on": ["31", "3", "2028"],
    "phases": "Research: case studies\nPilot: two high streets",
    "budget": "Workshops | 2,500\nEvaluation | 1500.50",
}


def _propose(client, **changes):
    return client.post(f"/rounds/{open_round().id}/propose", data={**PROPOSAL, **changes})


def test_a_full_member_drafts_a_proposal_with_phases_and_budget(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    assert _propose(oxford).status_code == 302
    made = lab("Co-operative high streets")
    assert made.status == "draft" and made.requested_pence == 1_000_000
    assert [p.name for p in made.phases] == ["Research", "Pilot"]
    assert [(b.description, b.amount_pence) for b in made.budget] == [("Workshops", 250_000), ("Evaluation", 150_050)]


def test_an_associate_member_cannot_lead(sign_in_as):
    assert sign_in_as("rep@stevenage.example.org").get(f"/rounds/{open_round().id}/propose").status_code == 403


def test_bad_proposals_are_explained_and_nothing_is_written(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    before = db.session.scalar(select(func.count()).select_from(Lab))
    page = _propose(oxford, requested="20,000", ends_on=["1", "1", "2027"], budget="Lunch | lots").get_data(as_text=True)
    assert "The lab must end after it starts" in page
    assert "Write each budget line as what it is for" in page
    page = html.unescape(_propose(oxford, requested="20,000").get_data(as_text=True))
    assert "more than the round's largest award" in page
    for amount in ("NaN", "Infinity", "-5", "1e3"):  # Decimal reads the first two; none is an amount
        response = _propose(oxford, budget=f"Venue hire | {amount}")
        assert response.status_code == 200 and "Write each budget line as what it is for" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Lab)) == before


def test_the_proposal_form_shows_all_its_errors_at_once_with_the_largest_award(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    page = html.unescape(_propose(oxford, title="", requested="20,000", ends_on=["1", "1", "2027"], budget="Lunch | lots")
                         .get_data(as_text=True))
    for message in ("Enter a title", "more than the round's largest award", "The lab must end after it starts",
                    "Write each budget line as what it is for"):
        assert message in page, message
    assert _propose(oxford).status_code == 302
    made = lab("Co-operative high streets")
    edited = html.unescape(oxford.post(f"/proposals/{made.id}/edit", data={**PROPOSAL, "title": "", "requested": "20,000"})
                           .get_data(as_text=True))
    assert "Enter a title" in edited and "more than the round's largest award" in edited


ENERGY = {"title": "Energy co-operatives for tenants on council estates",
          "summary": "Solar panels on council homes, owned by tenants' community energy co-operatives."}


def test_similar_labs_are_shown_while_drafting_but_not_proposals_the_drafter_cannot_open(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    page = _propose(oxford, title="Measuring the social value of democratic business",
                    summary="Measures that let councils count the social value of co-operatives in procurement.",
                    requested="99,999").get_data(as_text=True)
    assert "Similar proposals and labs" in page and "Social value measures for democratic business" in page
    # Cardiff's proposal is under review, and Oxford is not one of its partners.
    page = _propose(oxford, **ENERGY, requested="99,999").get_data(as_text=True)
    assert "Community energy co-operatives on council estates" not in page and "Cardiff Council" not in page


def test_the_secretariat_and_a_partner_are_still_shown_a_similar_proposal_under_review():
    for email in ("secretariat@example.org", "rep@plymouth.example.org"):
        hinted = [row.title for row in proposals.similar(ENERGY["title"], ENERGY["summary"], viewer=person(email))]
        assert "Community energy co-operatives on council estates" in hinted, email


def test_partners_are_invited_answer_and_pledge(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    _propose(oxford)
    made = lab("Co-operative high streets")
    from ..membership.helpers import member

    page = oxford.post(f"/proposals/{made.id}/partners", data={"member_id": member("Kirklees Council").id}).get_data(as_text=True)
    assert "Choose a member of the network in good standing" in page  # lapsed
    oxford.post(f"/proposals/{made.id}/partners", data={"member_id": member("Torbay Council").id, "role": "Pilot"})
    invite = partnership(made, "Torbay Council")
    assert outbox("lab_partner_invited", "rep@torbay.example.org")
    torbay = sign_in_as("rep@torbay.example.org")
    torbay.post(f"/proposals/{made.id}/partners/{invite.id}", data={"answer": "accept", "match_funding": "2,000", "officer_days": "12"})
    db.session.refresh(invite)
    assert (invite.status, invite.match_funding_pence, invite.officer_days) == ("accepted", 200_000, 12)
    assert "£2,000.00" in oxford.get(f"/proposals/{made.id}").get_data(as_text=True)
    assert outbox("lab_partner_responded", "rep@oxford.example.org")


def test_a_partner_that_is_not_a_member_cannot_be_invited(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    _propose(oxford)
    made = lab("Co-operative high streets")
    page = oxford.post(f"/proposals/{made.id}/partners", data={"member_id": "999999"}).get_data(as_text=True)
    assert "Choose a member of the network in good standing" in page
    assert db.session.scalar(select(func.count()).select_from(Partnership).where(Partnership.lab_id == made.id)) == 0


def test_a_submitted_proposal_is_locked_for_the_lead(sign_in_as):
    oxford = sign_in_as("lead@oxford.example.org")
    _propose(oxford)
    made = lab("Co-operative high streets")
    oxford.post(f"/proposals/{made.id}/move/submit", data={})
    assert made.status == "submitted"
    assert oxford.get(f"/proposals/{made.id}/edit").status_code == 404


def test_reviewers_from_the_lead_or_a_partner_are_refused(sign_in_as):
    from portal.auth.models import Person

    target = lab("Community energy")
    plymouth_rep = db.session.scalar(select(Person).where(Person.email == "rep@plymouth.example.org"))
    plymouth_rep.set_roles(["reviewer"])
    db.session.flush()
    secretariat = sign_in_as("secretariat@example.org")
    page = secretariat.post(f"/proposals/{target.id}/reviewers", data={"reviewer_id": plymouth_rep.id}).get_data(as_text=True)
    assert "acts for the lead or a partner of this proposal and cannot review it" in page


def test_a_reviewer_scores_every_criterion_and_the_secretariat_sees_weighted_totals(sign_in_as):
    target = lab("Community energy")
    reviewer = sign_in_as("reviewer@example.org")
    criteria = target.round.criteria
    missing = reviewer.post(f"/proposals/{target.id}/review", data={f"c{criteria[0].id}": "5"}).get_data(as_text=True)
    assert "Give a score from 1 to 5" in missing
    scores = {f"c{c.id}": "4" for c in criteria}
    assert reviewer.post(f"/proposals/{target.id}/review", data={**scores, "comments": "Good"}).status_code == 302
    page = sign_in_as("secretariat@example.org").get(f"/rounds/{target.round_id}/scores").get_data(as_text=True)
    assert "Rhiannon Price: 40 (80%)" in page  # weights 3+2+3+2 = 10, 4 each = 40 of 50


def test_others_cannot_see_a_proposal_that_is_not_yet_a_lab(sign_in_as, client):
    target = lab("Community energy")
    assert sign_in_as("rep@oxford.example.org").get(f"/proposals/{target.id}").status_code == 403
    assert sign_in_as("rep@plymouth.example.org").get(f"/proposals/{target.id}").status_code == 200
    assert client.get(f"/labs/{target.id}").status_code == 404


def test_uploads_are_checked_by_their_content(app):
    pdf = b"%PDF-1.4\n% a tiny pdf\n"
    assert toolkit.check_upload("report.pdf", pdf) == "pdf"
    docx = io.BytesIO()
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    assert toolkit.check_upload("notes.docx", docx.getvalue()) == "docx"
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    assert toolkit.check_upload("notes.odt", odt.getvalue()) == "odt"
    for name, data, message in (
        ("report.pdf", docx.getvalue(), "name says .pdf but it is a .docx"),
        ("virus.pdf", b"MZ\x90\x00 not a pdf", "must be a PDF"),
        ("photo.docx", b"\x89PNG\r\n", "must be a PDF"),
        ("big.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024), "10 MB or smaller"),
    ):
        try:
            toolkit.check_upload(name, data)
        except toolkit.Refused as refused:
            assert message in str(refused.message), name
        else:
            raise AssertionError(f"{name} was accepted")


def test_a_lead_publishes_an_output_which_downloads_from_outside_the_web_root(sign_in_as, client, tmp_path, app):
    kept, app.config["UPLOAD_FOLDER"] = app.config.get("UPLOAD_FOLDER"), str(tmp_path)
    try:
        target = lab("Growing an Inclusive")
        oxford = sign_in_as("rep@oxford.example.org")
        response = oxford.post(
            f"/labs/{target.id}/outputs/new",
            data={"title": "Workshop slides", "description": "Slides from the final workshop.",
                  "file": (io.BytesIO(b"%PDF-1.4 slides"), "slides.pdf"), "values": ["innovation"]},
            content_type="multipart/form-data",
        )
        assert response.status_code == 302
        resource = db.session.scalar(select(Resource).where(Resource.title == "Workshop slides"))
        assert (tmp_path / resource.stored_name).read_bytes() == b"%PDF-1.4 slides"
        download = client.get(f"/toolkit/{resource.id}/file")
        assert download.data == b"%PDF-1.4 slides" and download.mimetype == "application/pdf"
        assert "attachment" in download.headers["Content-Disposition"]
        bad = oxford.post(
            f"/labs/{target.id}/outputs/new",
            data={"title": "Fake", "description": "x", "file": (io.BytesIO(b"<script>"), "fake.pdf")},
            content_type="multipart/form-data",
        ).get_data(as_text=True)
        assert "must be a PDF" in bad
    finally:
        app.config["UPLOAD_FOLDER"] = kept


def test_the_toolkit_searches_and_filters(client):
    page = client.get("/toolkit/?q=mapping").get_data(as_text=True)
    assert "Owned by Oxford Community Mapping" in page and "North West Mutual" not in page
    page = client.get("/toolkit/?value=social_value").get_data(as_text=True)
    assert "Community Wealth Building 2.0" in page and "North West Mutual" not in page


def test_the_public_lab_page_shows_partners_phases_case_studies_and_outputs(client):
    target = lab("Growing an Inclusive")
    page = client.get(f"/labs/{target.id}").get_data(as_text=True)
    for text in ("Oxford City Council", "Torbay Council", "The Development Co-operative", "Test/Learn Delivery",
                 "Mapping co-operatives for anchor procurement", "OIEP Seminars Report", "What the lab found"):
        assert text in page, text
    assert "Match funding" not in page  # pledges are for the members involved


def test_the_secretariat_puts_a_shortlist_to_the_members(sign_in_as):
    from portal.decisions.models import Decision

    secretariat = sign_in_as("secretariat@example.org")
    oxford = sign_in_as("lead@oxford.example.org")
    _propose(oxford)
    made = lab("Co-operative high streets")
    made.status = "under_review"
    db.session.flush()
    energy = lab("Community energy")
    page = secretariat.post(f"/rounds/{open_round().id}/shortlist", data={"lab_ids": [made.id, energy.id], "places": "2"}).get_data(as_text=True)
    assert "Shortlist more proposals than can be funded" in page
    response = secretariat.post(f"/rounds/{open_round().id}/shortlist", data={"lab_ids": [made.id, energy.id], "places": "1"})
    assert response.status_code == 302
    decision = db.session.get(Decision, open_round().decision_id)
    assert decision.status == "draft" and decision.questions[0].method == "approval"
    assert {o.label_en for o in decision.questions[0].options} == {
        "Co-operative high streets (Oxford City Council)", "Community energy co-operatives on council estates (Cardiff Council)"}
