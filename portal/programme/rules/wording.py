"""Amendments as words: the difference between a motion and an amendment's text, and the motion
as amended when several carry.

Every amendment is written as the whole motion as it would read if the amendment carried, against
the motion as submitted. The difference is word by word (Python's difflib on words and punctuation, the spaces
and line breaks kept with the word before them). When several amendments carry, each one's changes
to the submitted words are applied in voting order; where two change the same words, the later
one's words stand.
"""

import re
from difflib import SequenceMatcher

# A word (letters, digits, apostrophes and hyphens: "co-operative", "members'") or a run of
# punctuation, each with the spaces or line breaks that follow it: so that words put in before a
# full stop are an insertion, not a change to the word carrying it.
_TOKEN = re.compile(r"(?:[\w'’-]+|[^\w\s]+)\s*")
_OPENING = ("(", "[", "{", "“", "‘", '"')


def words(text):
    """The text's words and punctuation, each with the spaces or line breaks that follow it."""
    return _TOKEN.findall((text or "").strip())


def _opcodes(before, after):
    return SequenceMatcher(None, [w.strip() for w in before], [w.strip() for w in after], autojunk=False).get_opcodes()


def _spaced(tokens):
    """The tokens with a space after any that lost it by moving next to a word (one that ended a
    phrase before a full stop, followed now by words put in)."""
    spaced = []
    for token, following in zip(tokens, tokens[1:] + [""]):
        if token and not token[-1].isspace() and following[:1].isalnum() and not token.strip().endswith(_OPENING):
            token += " "
        spaced.append(token)
    return spaced


def difference(original, amended):
    """``[(kind, text)]`` with kind "equal", "delete" or "insert": what the amendment keeps, takes
    out and puts in, in reading order (a replacement is a deletion followed by an insertion)."""
    before, after = words(original), words(amended)
    marked = []
    for tag, i1, i2, j1, j2 in _opcodes(before, after):
        if tag == "equal":
            marked += [("equal", token) for token in after[j1:j2]]
            continue
        if tag in ("delete", "replace"):
            marked += [("delete", token) for token in before[i1:i2]]
        if tag in ("insert", "replace"):
            marked += [("insert", token) for token in after[j1:j2]]
    parts = []
    for kind, token in zip([kind for kind, _ in marked], _spaced([token for _, token in marked])):
        if parts and parts[-1][0] == kind:
            parts[-1] = (kind, parts[-1][1] + token)
        else:
            parts.append((kind, token))
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
    return "".join(_spaced(text)).strip()
