from flask_babel import force_locale

from portal.core.cache import Kept


def test_kept_copies_are_drawn_once_and_the_least_recently_used_go_first():
    drawn = []

    def draw(text):
        def make():
            drawn.append(text)
            return text
        return make

    copies = Kept(size=10)
    assert copies.get("a", draw("aaaa")) == "aaaa"
    assert copies.get("b", draw("bbbb")) == "bbbb"
    assert copies.get("a", draw("changed")) == "aaaa"  # kept: not drawn again
    copies.get("c", draw("cccc"))  # 12 characters: the least recently used, "b", goes
    assert (len(copies), copies.held) == (2, 8)
    assert copies.get("b", draw("bbbb")) == "bbbb"
    assert drawn == ["aaaa", "bbbb", "cccc", "bbbb"]


def test_a_copy_bigger_than_the_whole_is_given_but_not_kept():
    copies = Kept(size=4)
    assert copies.get("big", lambda: ("12345", "6")) == ("12345", "6")
    assert (len(copies), copies.held) == (0, 0)


def test_a_kept_pager_links_to_its_own_list_in_its_readers_language(app):
    # The pager is drawn once and kept: a second list, filter, place or language must not get the first's links.
    draw = app.jinja_env.from_string(
        '{% from "macros.html" import pager %}'
        '{{ pager(namespace(pages=3, has_prev=true, prev_num=1, has_next=true, next_num=3), endpoint, "Pages", args) }}')

    def pager(endpoint, args, language="en"):
        with app.test_request_context("/"), force_locale(language):
            return draw.render(endpoint=endpoint, args=args)

    first = pager("forum.thread", {"thread_id": 1})
    assert 'href="/forum/threads/1?page=1"' in first and 'href="/forum/threads/1?page=3"' in first
    second = pager("forum.thread", {"thread_id": 2})
    assert 'href="/forum/threads/2?page=3"' in second and "/forum/threads/1" not in second
    assert "q=zebra" in pager("forum.search", {"q": "zebra"}) and "q=" not in pager("forum.search", {"q": ""})
    assert "Nesaf" in pager("forum.thread", {"thread_id": 1}, "cy") and "Nesaf" not in pager("forum.thread", {"thread_id": 1})
