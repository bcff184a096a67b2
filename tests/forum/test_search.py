"""Full-text search: the same answers on SQLite (FTS5) and PostgreSQL (GIN), whatever is typed."""

import pytest

from portal.auth.models import Anonymous
from portal.forum.rules import search

from ..conftest import person
from .helpers import category, thread


def _titles(who, query):
    found = search.search(who, query, 1, per_page=100)
    return sorted({(post.thread.title, post.number) for post in found.items})


@pytest.mark.parametrize("query, expected", [
    ("organiser", [("Co-operative placemaking: what has worked for you?", 1)]),
    ("ORGANISER consultation", [("Co-operative placemaking: what has worked for you?", 1)]),
    ("organiser café", []),  # every word must be in the same post
    ("café", [("Co-operative placemaking: what has worked for you?", 2)]),
    ("cafe", []),  # accents are kept, on both databases
    ("placemaking", [("Co-operative placemaking: what has worked for you?", 1)]),  # the title finds the first post
    ("officer time", [("Growing an Inclusive Cooperative Economy", 2)]),
    ("gofal cymdeithasol", []),  # members only: not for a visitor
])
def test_a_visitor_finds_public_posts_by_every_word(query, expected):
    found = _titles(Anonymous(), query)
    assert [(title[:len(e[0])], number) for (title, number), e in zip(found, expected)] == expected and len(found) == len(expected)


def test_a_member_finds_welsh_posts_and_words_with_accents():
    member = person("rep@oxford.example.org")
    assert _titles(member, "rhwystrau") == [("Gofal cymdeithasol cydweithredol: profiadau", 1)]
    assert _titles(member, "gwmnïau")  # as written, after "gan" (soft mutation) == [("Gofal cymdeithasol cydweithredol: profiadau", 1)]


@pytest.mark.parametrize("query", ['"', "*", "organiser OR café", "NEAR(a b)", "'; DROP TABLE forum_post; --", "a & b | !c",
                                   "col:umn", "-", "(((", "\\", "💡 idea", "x" * 500, "_", "%"])
def test_no_query_breaks_the_search(sign_in_as, query):
    response = sign_in_as("rep@oxford.example.org").get("/forum/search", query_string={"q": query})
    assert response.status_code == 200


def test_hidden_and_removed_posts_are_not_found(sign_in_as):
    advert = thread("Social value weightings")
    member = person("rep@oxford.example.org")
    assert _titles(member, "day rates") == [(advert.title, 3)]
    moderator = sign_in_as("moderator@example.org")
    from .helpers import posts

    moderator.post(f"/forum/moderation/posts/{posts(advert)[2].id}/hide")
    assert _titles(member, "day rates") == []


def test_search_pages_of_results(sign_in_as):
    learning = category("Sharing learning")
    oxford = sign_in_as("rep@oxford.example.org")
    oxford.post(f"/forum/categories/{learning.id}/new", data={"title": "Pagination", "body": "zebra 0"})
    pagination = thread("Pagination")
    for n in range(1, 25):
        oxford.post(f"/forum/threads/{pagination.id}/reply", data={"body": f"zebra {n}"})
    first = oxford.get("/forum/search?q=zebra").get_data(as_text=True)
    assert "25 posts found" in first and "page=2" in first
    second = oxford.get("/forum/search?q=zebra&page=2").get_data(as_text=True)
    assert second.count("<mark>zebra</mark>") == 5
