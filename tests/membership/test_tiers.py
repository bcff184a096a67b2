from portal.membership.forms import parse_bands

from .helpers import member, tier


def test_bands_are_read_from_lines():
    assert parse_bands("100000 1500\n250,000 £2,500.50\n* 3500") == [
        (0, 100_000, 150_000),
        (100_001, 250_000, 250_050),
        (250_001, None, 350_000),
    ]
    for bad in ("", "100000", "* 1500\n100000 2000", "200000 10\n100000 20\n* 30", "abc 12\n* 4"):
        assert parse_bands(bad) is None, bad


def test_secretariat_edits_a_tiers_bands_and_the_fee_follows(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    full = tier("Full")
    data = {
        "name_en": "Full", "name_cy": "Llawn", "eligible_kinds": ["council", "combined_authority"],
        "carries_vote": "y", "may_lead_labs": "y", "fee_rule": "band", "bands": "200000 1000\n* 4000",
    }
    assert secretariat.post(f"/secretariat/tiers/{full.id}", data=data).status_code == 302
    assert tier("Full").fee_for(member("Oxford City Council")) == 100_000
    assert tier("Full").fee_for(member("Cardiff Council")) == 400_000


def test_a_tier_with_broken_bands_is_refused(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    full = tier("Full")
    data = {"name_en": "Full", "name_cy": "Llawn", "eligible_kinds": ["council"], "fee_rule": "band", "bands": "lots 12"}
    page = secretariat.post(f"/secretariat/tiers/{full.id}", data=data).get_data(as_text=True)
    assert "Write each band as a population and a fee" in page
    assert len(tier("Full").bands) == 3


def test_two_tiers_cannot_share_a_name(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    data = {"name_en": "Full", "name_cy": "Arall", "eligible_kinds": ["council"], "fee_rule": "flat", "flat_fee": "10"}
    assert "Another tier has this name" in secretariat.post("/secretariat/tiers/new", data=data).get_data(as_text=True)


def test_a_new_tier_is_created_with_a_flat_fee(sign_in_as):
    secretariat = sign_in_as("secretariat@example.org")
    data = {"name_en": "Supporter", "name_cy": "Cefnogwr", "eligible_kinds": ["individual"], "fee_rule": "flat", "flat_fee": "25"}
    assert secretariat.post("/secretariat/tiers/new", data=data).status_code == 302
    assert tier("Supporter").flat_fee_pence == 2500 and not tier("Supporter").carries_vote
