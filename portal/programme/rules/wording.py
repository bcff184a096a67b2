"""Amendments as words: the difference between a motion and an amendment's text, and the motion
as amended when several carry.

Every amendment is written as the whole motion as it would read if the amendment carried, against
the motion as submitted. The difference is word by word (Python's difflib on the words, the spaces
and line breaks kept with the word before them). When several amendments carry, each one's changes
to the submitted words are applied in voting order; where two change the same words, the later
one's words stand.
"""

import re
from difflib import SequenceMatcher

_WORD = re.compile(r"\S+\s*")


def words(text):
    """The text's words, each with the spaces or line breaks that follow it (the last, one space)."""
    return _WORD.findall((text or "").strip() + " ")


def _opcodes(before, after):
    return SequenceMatcher(None, [w.strip() for w in before], [w.strip() for w in after], autojunk=False).get_opcodes()


def difference(original, amended):
    """``[(kind, text)]`` with kind "equal", "delete" or "insert": what the amendment keeps, takes
    out and puts in, in reading order (a replacement is a deletion followed by an insertion)."""
    before, after = words(original), words(amended)
    parts = []
    for tag, i1, i2, j1, j2 in _opcodes(before, after):
        if tag == "equal":
            parts.append(("equal", "".join(after[j1:j2])))
            continue
        if tag in ("delete", "replace"):
            parts.append(("delete", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            parts.append(("insert", "".join(after[j1:j2])))
    return parts


def changes_only(original, amended, kind):
    """True when the amendment's text makes only the kind of change it claims: an insertion only
    adds words, a deletion only takes them out; a replacement may do both."""
    tags = {tag for tag, *_ in _opcodes(words(original), words(amended))} - {"equal"}
    if not tags:
        return False
    return {"insert": tags == {"insert"}, "delete": tags == {"delete"}}.get(kind, True)


def as_amended(original, amendments):
    """The motion with the carried amendments' texts ``amendments`` applied in order (see the
    module's docstring for the rule)."""
    before = words(original)
    kept = [[word] for word in before]  # what stands in place of each submitted word
    added = [[] for _ in range(len(before) + 1)]  # words put in before each submitted word (and at the end)
    for amended in amendments:
        after = words(amended)
        for tag, i1, i2, j1, j2 in _opcodes(before, after):
            if tag == "insert":
                added[i1] = after[j1:j2]
            elif tag in ("delete", "replace"):
                kept[i1] = after[j1:j2] if tag == "replace" else []
                for i in range(i1 + 1, i2):
                    kept[i] = []
    text = []
    for i in range(len(before)):
        text += added[i] + kept[i]
    text += added[-1]
    return "".join(text).strip()
