"""The one escaping helper and plain text: user text prints exactly as given and never acts as markup."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.text import markup, plain, plain_lines, shorten


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("A<B & Co", "A<B & Co"),
        ("  Bamako  ", "Bamako"),
        ("line\r\nbreak", "line break"),
        ("tab\there", "tab here"),
        ("bell\x07 and null\x00", "bell and null"),
        ("next\x85line", "next line"),
        ("separator\u2028here", "separator here"),
        ("lone \ud800 surrogate", "lone surrogate"),
        ("many     spaces", "many spaces"),
        ("Nguyễn Thị", "Nguyễn Thị"),
        ("\u200fمحمد", "\u200fمحمد"),
        (None, ""),
        (42, "42"),
    ],
)
def test_plain_one_line_without_controls(given_text: object, expected: str) -> None:
    assert plain(given_text) == expected


def test_plain_lines_keeps_line_breaks_only() -> None:
    assert plain_lines("a\r\nb\x00c\rd\n\te") == "a\nbc\nd\ne"


@pytest.mark.parametrize(
    ("given_text", "expected"),
    [
        ("A<B & Co", "A&lt;B &amp; Co"),
        ("Smith <Ltd>", "Smith &lt;Ltd&gt;"),
        ("R&D", "R&amp;D"),
        ("<b>bold</b>", "&lt;b&gt;bold&lt;/b&gt;"),
        ('<font face="x">', '&lt;font face="x"&gt;'),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_markup_escapes_markup_characters(given_text: str, expected: str) -> None:
    assert markup(given_text) == expected


def test_markup_wraps_characters_the_main_font_lacks() -> None:
    def picker(char: str) -> str | None:
        return "fallback" if char == "ễ" else None

    assert markup("Nguyễn <x>", picker) == 'Nguy<font face="fallback">ễ</font>n &lt;x&gt;'


def test_markup_keeps_spaces_inside_a_fallback_run() -> None:
    def picker(char: str) -> str | None:
        return "cjk" if "\u4e00" <= char <= "\u9fff" else None

    assert markup("王 小明 Li", picker) == '<font face="cjk">王 小明 </font>Li'


@settings(deadline=None)
@given(st.text())
def test_markup_output_parses_back_to_the_plain_text(text: str) -> None:
    from reportlab.platypus.paraparser import ParaParser

    from exports.pdf.styles import stylesheet

    parser = ParaParser()
    style = stylesheet("en").body  # cached after the first example
    result = parser.parse(markup(text), style)
    assert result is not None
    fragments = result[1]
    assert "".join(f.text for f in fragments) == plain(text)


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 10, "short"),
        ("Victim-service provider of the year", 20, "Victim-service…"),
        ("abcdefghijklmnop", 8, "abcdefg…"),
    ],
)
def test_shorten_cuts_at_a_word_with_an_ellipsis(text: str, limit: int, expected: str) -> None:
    assert shorten(text, limit) == expected
