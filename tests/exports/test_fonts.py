"""Fonts: embedded TrueType only, fallbacks for what the main family lacks, a clear error when none exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from exports import cjk, fontfiles, fonts
from exports.fontfiles import FALLBACKS, FaceSource, find_face
from exports.fonts import ChineseFontMissing, Fallback, FontSet, FontsMissing, font_chars, font_set


@pytest.fixture
def fresh_fonts() -> Iterator[None]:
    """Font look-ups start afresh, and whatever the test changed is forgotten after it."""
    fonts.clear_caches()
    yield
    fonts.clear_caches()


def test_font_set_registers_truetype_faces_from_files() -> None:
    found = font_set("en")
    assert all(Path(path).suffix.lower() == ".ttf" for path in found.files.values())
    assert len({found.regular, found.bold, found.italic, found.bold_italic}) == 4


def test_main_font_draws_latin_and_cyrillic() -> None:
    assert font_set("en").covers("Bamako Côte d'Ivoire Ольга Петренко")


def test_arabic_documents_are_set_in_a_font_with_arabic_latin_and_digits() -> None:
    assert font_set("ar").covers("محمد W-eg-cairo-tot 2026 ﻻ")
    assert font_set("ar").regular != font_set("en").regular


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


def test_runs_split_text_by_the_font_that_has_each_character() -> None:
    found = font_set("en")
    runs = found.runs("Name: محمد Ольга", bold=True)
    assert runs[0] == (found.bold, "Name: ")
    assert all(ord(char) in font_chars(face) for face, run in runs for char in run)
    assert "".join(run for _, run in runs) == "Name: محمد Ольга"


def test_runs_drop_format_characters_and_mark_what_no_font_has() -> None:
    found = font_set("en")
    text = "".join(run for _, run in found.runs("a\u200fb\u200dc\U00011005"))
    assert text == "abc?"


def test_printable_keeps_what_some_font_draws() -> None:
    assert font_set("ru").printable("Ольга\u200e Nguyễn") == "Ольга Nguyễn"


def test_chinese_text_is_split_into_chinese_and_latin_runs() -> None:
    found = font_set("zh")
    runs = found.runs("2026年2月2日 FAK-1")
    assert [run for _, run in runs] == ["2026", "年", "2", "月", "2", "日 ", "FAK-1"]
    assert runs[0][0] == found.regular
    assert runs[1][0] != found.regular
    assert all(ord(char) in font_chars(face) for face, run in runs for char in run)


def test_find_face_prefers_an_existing_override(tmp_path: Path) -> None:
    override = tmp_path / "mine.ttf"
    override.write_bytes(b"not read here")
    assert find_face(FaceSource(None, None, "Nothing"), override) == override


def test_find_face_none_when_nothing_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontfiles, "fc_match", lambda pattern: None)
    assert find_face(FaceSource("no_such_package_here", "x.ttf", "x", ("/no/such/file.ttf",))) is None


@pytest.mark.usefixtures("fresh_fonts")
def test_font_set_without_any_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fontfiles, "find_face", lambda source, override=None: None)
    with pytest.raises(FontsMissing, match="fontpkg-pt-sans"):
        font_set("en")


def _without_chinese_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fontfiles.find_face

    def find_face(source: FaceSource, override: Path | None = None) -> Path | None:
        return override if source.pattern == ":lang=zh" else real(source, override)

    monkeypatch.setattr(fontfiles, "find_face", find_face)
    fonts.clear_caches()


@pytest.mark.usefixtures("fresh_fonts")
def test_chinese_document_without_a_chinese_font_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _without_chinese_fonts(monkeypatch)
    with pytest.raises(ChineseFontMissing, match="install the Python package pylopdf-fonts-zh-cn") as raised:
        font_set("zh")
    assert raised.value.exit_code == 2
    assert "[fonts] chinese" in str(raised.value)


@pytest.mark.usefixtures("fresh_fonts")
def test_chinese_name_in_another_document_without_a_chinese_font_fails_rather_than_print_boxes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _without_chinese_fonts(monkeypatch)
    english = font_set("en")
    assert english.runs("Amina") == [(english.regular, "Amina")]
    with pytest.raises(ChineseFontMissing):
        english.runs("王小明")


def _renamed(data: bytes, name: str) -> bytes:
    """A font under another PostScript name: reportlab keeps one font per name, so a copy would not be used."""
    import io

    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data))
    font["name"].setName(name, 6, 3, 1, 0x409)
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _chinese_from_settings(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[Fallback, object]:
    """The Chinese fallback font, and reportlab's font object for it, with `path` named in the settings."""
    _without_chinese_fonts(monkeypatch)
    fonts.use_font_file("cjk", path)
    try:
        chinese = next(f for f in font_set("zh").fallbacks if f.script == "cjk")
        return chinese, pdfmetrics.getFont(chinese.name)
    finally:
        fonts._overrides.pop("cjk", None)


@pytest.mark.usefixtures("fresh_fonts")
def test_a_truetype_chinese_font_named_in_the_settings_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = find_face(FALLBACKS["cjk"])
    assert source is not None
    mine = tmp_path / "mine.ttf"
    mine.write_bytes(_renamed(cjk.outline_font(source, 0, map(ord, "中文培训")), "MineTrueType-Regular"))
    chinese, font = _chinese_from_settings(monkeypatch, mine)
    assert (ord("中") in chinese.chars, ord("国") in chinese.chars) == (True, False)
    assert not isinstance(font, cjk.ConvertedFont)


@pytest.mark.usefixtures("fresh_fonts")
def test_an_opentype_chinese_font_named_in_the_settings_is_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    source = find_face(FALLBACKS["cjk"])
    assert source is not None
    mine = tmp_path / "mine.otf"
    mine.write_bytes(_renamed(source.read_bytes(), "MineOpenType-Regular"))
    chinese, font = _chinese_from_settings(monkeypatch, mine)
    assert ord("国") in chinese.chars
    assert isinstance(font, cjk.ConvertedFont)
    assert font.source == mine


def test_a_missing_settings_font_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FontsMissing, match="does not exist"):
        fonts.use_font_file("cjk", tmp_path / "nothing.ttf")


def test_collection_size_reads_the_ttc_header(tmp_path: Path) -> None:
    collection = tmp_path / "fonts.ttc"
    collection.write_bytes(b"ttcf\x00\x01\x00\x00\x00\x00\x00\x03")
    single = tmp_path / "font.ttf"
    single.write_bytes(b"\x00\x01\x00\x00")
    assert (fontfiles.collection_size(collection), fontfiles.collection_size(single)) == (3, 1)


@pytest.mark.usefixtures("fresh_fonts")
def test_a_damaged_collection_named_in_the_settings_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    damaged = tmp_path / "broken.ttc"
    damaged.write_bytes(b"ttcf\x00\x01\x00\x00\x00\x00\x00\x01" + b"\x00" * 20)
    _without_chinese_fonts(monkeypatch)
    fonts.use_font_file("cjk", damaged)
    try:
        with pytest.raises(FontsMissing, match=r"broken\.ttc"):
            font_set("zh")
    finally:
        fonts._overrides.pop("cjk", None)
