"""Measuring and wrapping text for pictures drawn on the server, which must place every label
before any browser sees it. Widths are Arial's (and Liberation Sans', its metric twin, which
Linux puts in its place), the font the portal's pages and pictures ask for."""

import unicodedata

# Advance widths of the printable ASCII characters, space to tilde, in thousandths of an
# em, as Chromium measures them in Arial: regular, then bold.
_ASCII = 0x20
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556,
    556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611,
    611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)
_OTHERS = {"…": 1000, "–": 556, "—": 1000, "‘": 278, "’": 278, "“": 500, "”": 500, "£": 556, "€": 556, "\u00a0": 278}
# Anything not above (another script, a symbol) is taken as a full em: too wide is safe, too narrow is clipped.
_UNKNOWN = 1000
# Room for what measuring cannot know: rounding, hinting, a slightly different build of the font.
MARGIN = 1.06


def _char_width(char, widths):
    code = ord(char)
    if _ASCII <= code < _ASCII + len(widths):
        return widths[code - _ASCII]
    if char in _OTHERS:
        return _OTHERS[char]
    # An accented letter (Welsh ŵ, ŷ, â) is as wide as its letter in Arial.
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and _ASCII <= ord(base) < _ASCII + len(widths):
        return widths[ord(base) - _ASCII]
    return _UNKNOWN


def text_width(text, size, bold=False):
    """The width of ``text`` set at ``size`` units, never less than the browser will draw it."""
    widths = _BOLD if bold else _REGULAR
    return sum(_char_width(char, widths) for char in text) * size / 1000 * MARGIN


def wrap(text, width, size, bold=False):
    """``text`` in lines no wider than ``width``, broken between words, and inside a word only
    when the word alone is wider: every character is kept, none replaced by an ellipsis."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        if text_width(word, size, bold) <= width:
            line = word
            continue
        for char in word:
            if line and text_width(line + char, size, bold) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines
