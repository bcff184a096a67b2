import pytest

from portal.auth.passwords import common_passwords, problems


@pytest.mark.parametrize(
    "password, message",
    [
        ("short", "10 characters or more"),
        ("password123", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
        ("aaaaaaaaaaaa", "too easy to guess"),
        ("x" * 300, "256 characters or fewer"),
        ("rep.oxford-2026!", "must not contain your name or email"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(password, message):
    found = [str(p) for p in problems(password, email="rep.oxford@example.org")]
    assert found and message in found[0]


@pytest.mark.parametrize("password", ["correct horse battery staple", "kettle-marmalade-otter", "Ŵyn bach y mynydd"])
def test_long_uncommon_passwords_need_no_symbols_or_capitals(password):
    assert problems(password, email="rep@oxford.example.org") == []


def test_the_bundled_list_of_common_passwords_is_loaded():
    assert len(common_passwords()) > 19000
    assert "iloveyou" in common_passwords()
