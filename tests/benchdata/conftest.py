"""Bench data written at a tiny scale inside the test's transaction, rolled back after it."""

import pytest

from portal.benchdata.load import load

SCALE = 0.005  # 10 members, 50 people, 2 labs, 524 posts: the floors the harness needs, in a second or two


@pytest.fixture
def manifest(rollback):
    """The manifest of bench data loaded on top of the demo network (and undone after the test)."""
    return load(SCALE)
