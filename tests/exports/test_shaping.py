"""Right-to-left lines: Arabic letters joined, display order by UAX #9, brackets mirrored, styles kept."""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.shaping import display, embedding_levels, has_rtl, shape, visual, visual_order


def reading(line: str) -> str:
    """A visual right-to-left line read back from right to left, letters unjoined (what a reader sees)."""
    return unicodedata.normalize("NFKC", line[::-1])


def test_arabic_letters_are_joined_into_presentation_forms() -> None:
    shaped = shape("مصر")
    assert all("\ufe70" <= char <= "\ufeff" for char in shaped)
    assert unicodedata.normalize("NFKC", shaped) == "مصر"


def test_lam_alef_becomes_one_ligature_and_harakat_stay() -> None:
    assert shape("لا") == "\ufefb"
    assert "\u064b" in shape("فعلًا")


def test_text_without_arabic_is_left_alone() -> None:
    assert (shape("Ольга 王"), visual("Pedro Álvarez", rtl=False)) == ("Ольга 王", "Pedro Álvarez")


def test_a_pure_arabic_line_reads_from_the_right() -> None:
    assert reading(visual("كشف الحضور", rtl=True)) == "كشف الحضور"


def test_latin_code_and_numbers_keep_their_order_inside_arabic() -> None:
    line = visual("رقم الشهادة W-eg-cairo-tot-001", rtl=True)
    assert line.startswith("W-eg-cairo-tot-001 ")
    assert unicodedata.normalize("NFKC", line[len("W-eg-cairo-tot-001 ") :])[::-1] == "رقم الشهادة"


def test_date_in_arabic_keeps_the_year_whole() -> None:
    line = visual("2 فبراير 2026", rtl=True)
    assert line.startswith("2026 ") and line.endswith(" 2")


def test_brackets_at_right_to_left_levels_are_mirrored() -> None:
    line = visual("الدورة (W-eg-cairo-tot) في مصر", rtl=True)
    assert "(W-eg-cairo-tot)" in line
    assert visual("(مصر)", rtl=True) == "(" + shape("مصر")[::-1] + ")"


def test_arabic_name_in_a_left_to_right_line_is_reversed_only_itself() -> None:
    line = visual("Trainers: محمد علي, Amina", rtl=False)
    assert line.startswith("Trainers: ") and line.endswith(", Amina")
    assert reading(line[len("Trainers: ") : -len(", Amina")]) == "محمد علي"


def test_styled_spans_keep_their_style_through_reordering() -> None:
    runs = display((("التاريخ:", "bold"), (" 2–6 فبراير", "plain")), True)
    assert [tag for _, tag in runs] == ["plain", "bold"]
    assert reading(runs[1][0]) == "التاريخ:"


def test_has_rtl() -> None:
    assert (has_rtl("Cairo مصر"), has_rtl("Ольга 王 Nguyễn")) == (True, False)


@pytest.mark.parametrize("rtl", [True, False])
def test_levels_are_read_from_python_bidi(rtl: bool) -> None:
    levels = embedding_levels("مصر 2026 Cairo", rtl)
    assert len(levels) == len("مصر 2026 Cairo")
    assert levels[0] % 2 == 1 and levels[-1] % 2 == 0


_PIECES = st.sampled_from(
    [
        "مصر",
        "القاهرة",
        "لا",
        " ",
        "  ",
        "(",
        ")",
        "[",
        "]",
        "2026",
        "1.5",
        "-",
        ",",
        "،",
        ":",
        "%",
        "W-eg",
        "Amina",
        "Ольга",
        "«",
        "»",
        "\u200f",
        "\u200e",
        "/",
        "+",
        "#",
        "王",
    ]
)


@settings(deadline=None, max_examples=300)
@given(pieces=st.lists(_PIECES, min_size=1, max_size=12), rtl=st.booleans())
def test_our_display_order_is_python_bidis_order(pieces: list[str], rtl: bool) -> None:
    """The reordering done here (to keep styles and mirror brackets) gives python-bidi's string exactly."""
    line = shape("".join(pieces))
    levels = embedding_levels(line, rtl)
    assert levels, "python-bidi's levels could not be read"
    order = visual_order(line, levels, rtl)
    assert "".join(line[i] for i in order) == get_display(line, base_dir="R" if rtl else "L")
