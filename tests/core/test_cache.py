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
