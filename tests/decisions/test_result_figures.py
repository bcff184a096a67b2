"""An STV count's figures: shown to two places, cut rather than rounded, in the reader's
locale; kept to five in the downloads."""

import json
import re

import pytest

from portal.decisions.labels import votes_shown

from .elections import published_election


@pytest.mark.parametrize("figure, shown", [
    ("2.99999", "2.99"),  # never shown as reaching a quota of 3 it missed
    ("3.00000", "3.00"),
    ("1333.96488", "1,333.96"),
    ("123456789.12345", "123,456,789.12"),
    ("0.00000", "0.00"),
])
def test_a_figure_is_cut_to_two_places_in_either_language(app, figure, shown):
    for language in ("en", "cy"):
        with app.test_request_context(headers={"Accept-Language": language}):
            assert votes_shown(figure) == shown


def test_the_stages_show_two_places_and_the_downloads_five(app, client, rollback):
    decision = published_election(6, 0)
    page = client.get(f"/decisions/{decision.id}/results").get_data(as_text=True)
    stages = decision.results["questions"][0]["count"]["stages"]
    transferred = next(value for stage in stages[1:] for value in stage["transfers"].values() if not value.endswith("000"))
    whole, part = transferred.split(".")
    assert f"+{int(whole):,}.{part[:2]}<" in page and transferred not in page
    assert not re.search(r"\d\.\d{3,}", page.split("<h2 class=\"govuk-heading-m\">1.")[1].split("Check the count")[0])
    figures = json.loads(client.get(f"/decisions/{decision.id}/results.json").get_data(as_text=True))
    assert transferred in json.dumps(figures)
    assert all(re.fullmatch(r"\d+\.\d{5}", value) for stage in figures["questions"][0]["count"]["stages"] for value in stage["totals"].values())
    csv = client.get(f"/decisions/{decision.id}/results.csv").get_data(as_text=True)
    assert re.search(r",\d+\.\d{5},", csv)
