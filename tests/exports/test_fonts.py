"""Fonts: embedded TrueType only, fallbacks for what the main family lacks, a clear error when none exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from exports import fonts
from exports.fonts import FaceSource, Fallback, FontSet, FontsMissing, find_face, font_set


def test_font_set_registers_truetype_faces_from_files() -> None:
    found = font_set("en")
    assert all(Path(path).suffix.lower() == ".ttf" for path in found.files.values())
    assert len({found.regular, found.bold, found.italic, found.bold_italic}) == 4


def test_main_font_draws_latin_and_cyrillic() -> None:
    assert font_set("en").covers("Bamako Côte d'Ivoire Ольга Петренко")


SMALL = FontSet("r", "b", "i", "bi", frozenset(map(ord, "abc .\u00a0")), lang="en")
"""A main family that draws only a few characters, to test the fallback logic without real fonts."""


def test_main_font_has_no_fallback_for_its_own_letters() -> None:
    assert font_set("en").face_for("é") is None


def test_a_character_the_main_font_lacks_goes_to_the_fallback_that_has_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "fallback_fonts", lambda lang, covered: (Fallback("fb", frozenset({ord("ễ")})),))
    assert (SMALL.face_for("ễ"), SMALL.face_for("a"), SMALL.face_for("z")) == ("fb", None, None)


@pytest.mark.parametrize(("text", "expected"), [("a\u202fb", "a\u00a0b"), ("a\u2009b", "a\u00a0b"), ("abc", "abc")])
def test_spaced_turns_narrow_spaces_into_one_the_font_has(text: str, expected: str) -> None:
    assert SMALL.spaced(text) == expected


def test_drawable_replaces_missing_spaces_and_keeps_the_rest() -> None:
    assert SMALL.drawable("a\u202fb\u3000c z") == "a\u00a0b c z"


def test_find_face_prefers_an_existing_override(tmp_path: Path) -> None:
    override = tmp_path / "mine.ttf"
    override.write_bytes(b"not read here")
    assert find_face(FaceSource(None, None, "Nothing"), override) == override


def test_find_face_none_when_nothing_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "fc_match", lambda pattern: None)
    assert find_face(FaceSource("no_such_package_here", "x.ttf", "x", ("/no/such/file.ttf",))) is None


def test_font_set_without_any_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "find_face", lambda source, override=None: None)
    font_set.cache_clear()
    try:
        with pytest.raises(FontsMissing, match="fontpkg-pt-sans"):
            font_set("en")
    finally:
        monkeypatch.undo()
        font_set.cache_clear()
