"""Measuring and wrapping the words of pictures drawn on the server (core/drawing.py)."""

import pytest

from portal.core.drawing import text_width, wrap


def test_widths_are_arials_and_never_less():
    # Chromium draws "Sept" at 13 px in Arial (Liberation Sans) 26.7 px wide, and bold "2026" 28.9 px.
    assert 26.7 <= text_width("Sept", 13) <= 26.7 * 1.1
    assert 28.9 <= text_width("2026", 13, bold=True) <= 28.9 * 1.1
    assert text_width("Wedi'i gwneud", 12, bold=True) > text_width("Wedi'i gwneud", 12)


def test_welsh_letters_are_as_wide_as_theirs_and_unknown_ones_a_full_em():
    assert text_width("Siân Ŵyn", 10) == text_width("Sian Wyn", 10)
    assert text_width("会议", 10) >= 2 * 10


@pytest.mark.parametrize("text", [
    "Collate Case Studies, learning and place based approaches",
    "Casglu astudiaethau achos, dulliau dysgu ac ymarfer yn seiliedig ar le",
    "Gweithgorwyrcydweithredolcymunedolrhanbarthol",
    "£1,234,567,890.00 (100.0%)",
    "",
])
def test_wrapping_keeps_every_character_and_each_line_fits(text):
    lines = wrap(text, 120, 14)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(text_width(line, 14) <= 120 for line in lines)
    assert "…" not in "".join(lines)


def test_a_word_moves_to_the_next_line_whole_when_it_fits_there():
    assert wrap("Plan workshops with every partner", 110, 14) == ["Plan workshops", "with every", "partner"]
