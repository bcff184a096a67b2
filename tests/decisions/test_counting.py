"""The counting module on its own: exact arithmetic, the rules' ties, and real elections."""

from pathlib import Path

import pytest

from portal.decisions.counting import approval, cumulative, irv, motion, plurality, stv
from portal.decisions.counting import blt
from portal.decisions.counting.ranked import SCALE

# Kept in the repository, so a clean checkout counts them (see tests/data/stv/README.md).
SCOTLAND = Path(__file__).resolve().parents[1] / "data" / "stv" / "scotland"
ELECTIONS = sorted(SCOTLAND.glob("*.blt"))


def test_the_real_elections_are_all_there():
    # Without them the tests below would pass by counting nothing.
    assert len(ELECTIONS) == 39, SCOTLAND


def test_transfer_values_are_truncated_to_five_places():
    ballots = [(("A", "B"), 60), (("A", "C"), 30), (("B",), 10), (("C",), 20)]
    result = stv(ballots, ["A", "B", "C"], seats=2)
    assert result.quota == 41  # 120 // 3 + 1
    first, surplus = result.stages[0], result.stages[1]
    assert first.totals == {"A": 90 * SCALE, "B": 10 * SCALE, "C": 20 * SCALE}
    assert first.elected == ["A"]
    # 49 surplus / 90 votes = 0.544444..., truncated to 0.54444 a paper
    assert surplus.transfer_value == 54_444
    assert surplus.transfers == {"B": 60 * 54_444, "C": 30 * 54_444}
    assert surplus.loss == 49 * SCALE - 90 * 54_444  # 0.00040 lost to the fifth place
    assert surplus.totals == {"A": 41 * SCALE, "B": 4_266_640, "C": 3_633_320}
    assert result.elected == ["A", "B"]


def test_a_surplus_of_papers_with_different_values_is_weighted():
    # C is elected on transfers from A (value 0.5) and on first preferences (value 1).
    ballots = [(("A", "C", "D"), 40), (("C", "B"), 17), (("B",), 20), (("D",), 3)]
    result = stv(ballots, ["A", "B", "C", "D"], seats=2)
    assert result.quota == 27
    assert result.elected[:1] == ["A"]
    stage = result.stages[1]
    assert stage.candidate == "A" and stage.transfer_value == (13 * SCALE * SCALE) // (40 * SCALE)


def test_conservation_at_every_stage_of_every_real_election():
    for path in ELECTIONS:
        election = blt.read(path.read_bytes())
        numbers = list(range(1, len(election.candidates) + 1))
        result = stv(election.ballots, numbers, election.seats, seed=path.name)
        assert len(result.elected) == election.seats, path.name
        gone = 0
        for stage in result.stages:
            gone += stage.non_transferable + stage.loss
            assert sum(stage.totals.values()) + gone == result.valid * SCALE, (path.name, stage.number)


@pytest.mark.parametrize("path", ELECTIONS, ids=[path.stem for path in ELECTIONS])
def test_every_real_election_elects_the_same_as_an_independent_count(path):
    from stvpoll.scottish_stv import calculate_scottish_stv

    election = blt.read(path.read_bytes())
    numbers = list(range(1, len(election.candidates) + 1))
    ours = stv(election.ballots, numbers, election.seats, seed=path.name)
    theirs = calculate_scottish_stv(
        numbers, [(list(p), c) for p, c in election.ballots if p], election.seats, random_shuffle=False
    )
    assert sorted(ours.elected) == sorted(int(c) for c in theirs.elected_as_tuple())


def test_an_exclusion_tie_looks_back_to_the_most_recent_stage_where_they_differed():
    # B and C tie at stage 2, but C was lower at stage 1: C goes.
    ballots = [(("A",), 10), (("B",), 4), (("C",), 3), (("D", "C"), 1), (("E", "B"), 2), (("E", "C"), 2)]
    result = stv(ballots, ["A", "B", "C", "D", "E"], seats=1)
    excluded = [stage for stage in result.stages if stage.action == "exclusion"]
    assert excluded[0].candidate == "D"
    tie = next(stage for stage in excluded if stage.tie)
    assert tie.tie["settled_by"] == "earlier stage"


def test_an_exclusion_tie_no_earlier_stage_breaks_is_settled_by_the_seeded_lot():
    # No one reaches the quota (5); D goes at stage 2, and B and C are level at every stage
    # before the third, so only the lot can say which goes. Each holds the other's second
    # preferences: whichever the lot excludes hands the other the seat.
    ballots = [(("A",), 3), (("B", "C"), 2), (("C", "B"), 2), (("D",), 1)]
    winners = set()
    for seed in (f"board-{n}" for n in range(12)):
        result = stv(ballots, ["A", "B", "C", "D"], seats=1, seed=seed)
        tie = result.stages[2]
        assert tie.action == "exclusion" and tie.tie == {"between": ["B", "C"], "settled_by": "lot"}
        assert result.elected == [({"B", "C"} - {tie.candidate}).pop()]
        again = stv(ballots, ["A", "B", "C", "D"], seats=1, seed=seed)
        assert again.elected == result.elected  # a recount with the same seed draws the same lot
        winners.update(result.elected)
    # The seed decides, not the order the candidates are listed in.
    assert winners == {"B", "C"}


def test_the_last_places_go_to_the_continuing_candidates_without_more_transfers():
    result = stv([(("A",), 10), (("B",), 3), (("C",), 2)], ["A", "B", "C"], seats=2)
    assert result.elected == ["A", "B"]
    assert result.stages[-1].action in ("elect_remaining", "exclusion", "surplus")


def test_unknown_candidates_are_refused_and_empty_ballots_are_invalid():
    with pytest.raises(ValueError):
        stv([(("Z",), 1)], ["A"], seats=1)
    assert stv([((), 4), (("A",), 1)], ["A", "B"], seats=1).invalid == 4


def test_instant_runoff_needs_a_majority_of_the_papers_still_in():
    ballots = [(("A",), 8), (("B", "C"), 5), (("C", "B"), 4), (("D", "C"), 2)]
    result = irv(ballots, ["A", "B", "C", "D"])
    # A leads with 8 of 19 but has no majority: D goes (C 6), then B (C 11 against A 8).
    assert result.winner == "C"
    assert [r.excluded for r in result.rounds if r.excluded] == ["D", "B"]
    assert result.rounds[0].totals == {"A": 8, "B": 5, "C": 4, "D": 2}


@pytest.mark.parametrize(
    "answers, threshold, carried",
    [
        (["for"] * 5 + ["against"] * 4 + ["abstain"] * 10, "simple_majority", True),
        (["for"] * 4 + ["against"] * 4, "simple_majority", False),  # a tie is not carried
        (["for"] * 6 + ["against"] * 3, "two_thirds", True),
        (["for"] * 5 + ["against"] * 3, "two_thirds", False),
        (["for"] * 9 + ["against"] * 3, "three_quarters", True),
        (["for"] * 8 + ["against"] * 3, "three_quarters", False),
        (["abstain"] * 3, "two_thirds", False),
    ],
)
def test_motion_thresholds_ignore_abstentions(answers, threshold, carried):
    assert motion(answers, threshold).carried is carried


def test_single_choice_ties_are_settled_by_a_reproducible_lot():
    result = plurality(["x", "y"], ["x", "y", "z"], seed="board-2027")
    assert result.tie_broken_by_lot and result.tied == ["x", "y"]
    assert plurality(["x", "y"], ["x", "y", "z"], seed="board-2027").winner == result.winner


def test_approval_chooses_the_most_approved_and_refuses_too_many_choices():
    result = approval([["a", "b"], ["a"], ["c", "a"]], ["a", "b", "c"], winners=2, max_choices=2, seed="s")
    assert result.chosen[0] == "a" and result.tie_broken_by_lot and set(result.tied) == {"b", "c"}
    with pytest.raises(ValueError):
        approval([["a", "b", "c"]], ["a", "b", "c"], winners=1, max_choices=2)



def test_points_are_added_up_and_the_most_points_are_chosen():
    ballots = [{"a": 5, "b": 3, "c": 2}, {"b": 5, "c": 5}, {"a": 4}]
    result = cumulative(ballots, ["a", "b", "c"], winners=2, points=10, per_option=5, seed="s")
    assert result.counts == {"a": 9, "b": 8, "c": 7}
    assert result.chosen == ["a", "b"] and not result.tie_broken_by_lot


def test_a_points_tie_at_the_last_place_is_settled_by_a_reproducible_lot():
    ballots = [{"a": 4, "b": 3}, {"a": 1, "c": 3}]
    result = cumulative(ballots, ["a", "b", "c"], winners=2, points=10, per_option=5, seed="programme-2027")
    assert result.chosen[0] == "a" and result.tie_broken_by_lot and result.tied == ["b", "c"]
    again = cumulative(ballots, ["a", "b", "c"], winners=2, points=10, per_option=5, seed="programme-2027")
    assert again.chosen == result.chosen


@pytest.mark.parametrize("ballot", [
    {"a": 6},  # more than the most on one option
    {"a": 5, "b": 5, "c": 1},  # more than the points in all
    {"a": -1, "b": 3},  # below nought
    {"a": 1.5},  # not whole
    {"a": True},  # not a number
    {"z": 1},  # not an option
])
def test_a_points_ballot_outside_the_rules_is_refused(ballot):
    with pytest.raises(ValueError):
        cumulative([ballot], ["a", "b", "c"], winners=1, points=10, per_option=5)


def test_no_points_given_chooses_nothing():
    assert cumulative([], ["a", "b"], points=10).chosen == []

def test_blt_quirks_are_read():
    springburn = blt.read(next(p for p in ELECTIONS if p.stem == "glasgow_2007_springburn").read_bytes())
    assert springburn.candidates[0] == "Margaret Bean (Soc)" and springburn.title == "Springburn"
    northfield = blt.read(next(p for p in ELECTIONS if p.stem == "aberdeen_2012_ward4").read_bytes())
    assert "David EVANS (LD)" in northfield.candidates and northfield.title == "Ward 4 - Northfield"
    milngavie = blt.read(next(p for p in ELECTIONS if p.stem == "east_dunbartonshire_2022_ward1").read_bytes())
    assert all("\ufffd" not in name for name in milngavie.candidates)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("3 x\n", "candidates and seats"),
        ("2 1\n1 3 0\n0\nA\nB\nT\n", "no candidate 3"),
        ("2 1\n1 1 2\n0\nA\nB\nT\n", "count, preferences, then 0"),
        ("2 1\n1 1 0\n", "no closing 0"),
        ("2 1\n1 1 0\n0\nA\n", "expected 2 candidate names"),
    ],
)
def test_broken_blt_files_are_refused_with_the_line(text, message):
    with pytest.raises(blt.BLTError, match=message):
        blt.read(text)
