"""Bench data: the counts its plan asks for, rows as consistent as the portal's own rules leave
them, and one load per database."""

import json

import pytest
from sqlalchemy import func, select, update

from portal import audit
from portal.benchdata.context import DemoMissing
from portal.benchdata.load import AlreadyLoaded, load
from portal.benchdata.plan import plan_for
from portal.benchdata.plan import AT_SCALE_ONE, BIG_TIMELINE, LONG_THREAD, MIN_BURST
from portal.decisions.models import Ballot, Decision
from portal.decisions.rules import lifecycle
from portal.extensions import db
from portal.forum.models import Category, Post, Thread
from portal.membership.models import Invoice, Member
from portal.membership.rules.dates import membership_year
from portal.membership.rules.status import refresh_all

from .conftest import SCALE

COUNTED = {"members": "member", "people": "person", "labs": "lab", "tasks": "task", "threads": "forum_thread",
           "posts": "forum_post", "decisions": "decision"}


def test_the_plan_is_linear_in_the_scale_from_the_brief_s_numbers():
    one, two = plan_for(1), plan_for(2)
    assert {name: getattr(one, name) for name in AT_SCALE_ONE} == AT_SCALE_ONE
    assert all(getattr(two, name) == 2 * count for name, count in AT_SCALE_ONE.items())
    assert plan_for(0.1).posts == 10_000 and plan_for(0.1).members == 100


def test_a_tiny_scale_still_holds_what_the_harness_reads():
    tiny = plan_for(0.0001)
    assert tiny.members >= MIN_BURST and tiny.tasks >= BIG_TIMELINE and tiny.posts >= LONG_THREAD
    assert min(tiny.labs, tiny.threads, tiny.decisions, tiny.ballots) >= 1


@pytest.mark.parametrize("scale", [0, -1, "1"])
def test_a_scale_that_is_not_a_positive_number_is_refused(scale):
    with pytest.raises(ValueError):
        plan_for(scale)


def test_the_rows_written_are_the_plan_s_counts(manifest):
    plan, counts = manifest["plan"], manifest["counts"]
    assert {name: counts[table] for name, table in COUNTED.items()} == {name: plan[name] for name in COUNTED}
    assert 0 < counts["ballot"] <= plan["ballots"]  # one per member on each roll, at most
    assert manifest["sizes"]["thread_posts"] == LONG_THREAD and manifest["sizes"]["timeline_tasks"] == BIG_TIMELINE


def test_a_second_load_is_refused(manifest):
    with pytest.raises(AlreadyLoaded):
        load(SCALE)


def test_the_command_writes_its_manifest_and_refuses_to_run_twice(app, tmp_path):
    path = tmp_path / "manifest.json"
    first = app.test_cli_runner().invoke(args=["portal", "bench-data", "--scale", str(SCALE), "--manifest", str(path)])
    assert first.exit_code == 0, first.output
    written = json.loads(path.read_text())
    assert written["counts"]["member"] == plan_for(SCALE).members and written["password"]
    again = app.test_cli_runner().invoke(args=["portal", "bench-data", "--scale", str(SCALE), "--manifest", str(path)])
    assert again.exit_code == 1
    assert "already holds bench data" in again.output


def test_a_database_without_the_demo_network_is_refused():
    db.session.execute(update(Category).where(Category.name == "Yn Gymraeg").values(name="Cymraeg"))
    with pytest.raises(DemoMissing, match="Yn Gymraeg"):
        load(SCALE)


def test_the_audit_chain_still_holds(manifest):
    result = audit.verify()
    assert result.holds, result
    assert result.entries > manifest["counts"]["ballot"]  # every ballot cast is in it


def test_statuses_are_what_the_portal_s_rule_derives(manifest):
    assert refresh_all() == 0
    members = manifest["plan"]["members"]
    assert db.session.scalar(select(func.count(Member.id)).where(Member.status == "active")) > members // 2
    numbers = db.session.scalars(select(Invoice.sequence).where(Invoice.year == membership_year()).order_by(Invoice.sequence)).all()
    assert numbers == list(range(1, len(numbers) + 1))  # gap-free, demo and bench together


def test_threads_are_numbered_and_counted_as_posting_leaves_them(manifest):
    rows = db.session.execute(
        select(Thread.post_count, Thread.last_post_at, func.count(Post.id), func.max(Post.number), func.max(Post.created_at))
        .join(Post, Post.thread_id == Thread.id).group_by(Thread.id)
    ).all()
    assert all(count == posts == highest and last == latest for count, last, posts, highest, latest in rows)


def test_results_are_the_portal_s_own_count(manifest):
    for decision in db.session.scalars(select(Decision).where(Decision.status.in_(("closed", "published")))):
        assert decision.results == lifecycle.compute_results(decision), decision.title_en


def test_the_burst_vote_holds_every_bench_member_and_nobody_has_voted(manifest):
    burst = manifest["burst"]
    assert len(burst["voters"]) == manifest["plan"]["members"] >= MIN_BURST
    decision = db.session.get(Decision, burst["decision_id"])
    assert decision.status == "open" and len(decision.questions) == 1
    assert db.session.scalar(select(func.count(Ballot.id)).where(Ballot.decision_id == decision.id)) == 0
