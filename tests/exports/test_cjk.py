"""Chinese with nothing from the system: Noto Sans SC from PyPI, converted to TrueType per document, cached."""

from __future__ import annotations

import dataclasses
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from exportkit import bundled_catalogue, embedded_outlines, needs_pdftotext, pdf_fonts, pdftotext, sample_document

from exports import cjk, fontfiles, fonts
from exports.fontfiles import FALLBACKS, FaceSource
from exports.fonts import font_set
from exports.labels import label

SOURCE = fontfiles.find_face(FALLBACKS["cjk"])
WORDS = "贩运人口培训手册中国"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty font cache of the test's own; the folder the converted fonts go to."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "tiptrain" / "fonts"


@pytest.fixture
def no_system_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A machine whose fontconfig knows no font folder and with no font in the usual system folders."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    real = fontfiles.find_face

    def packages_only(source: FaceSource, override: Path | None = None) -> Path | None:
        return real(dataclasses.replace(source, system=(), pattern=":nothing"), override)

    monkeypatch.setattr(fontfiles, "find_face", packages_only)
    fonts.clear_caches()
    yield
    monkeypatch.undo()
    fonts.clear_caches()


def _chinese_pack() -> tuple[bytes, tuple[tuple[str, str], ...]]:
    """A Chinese participant pack made afresh (not the cached sample), and what it drew in which font."""
    return sample_document.__wrapped__("pack", "zh")  # type: ignore[attr-defined, no-any-return]


def _chinese_font() -> str:
    return next(f.name for f in font_set("zh").fallbacks if f.script == "cjk")


def test_source_font_is_the_python_package_one() -> None:
    assert SOURCE is not None
    assert (SOURCE.name, SOURCE.parent.name) == ("NotoSansSC-Regular.otf", "pylopdf_fonts_zh_cn")


@pytest.mark.usefixtures("no_system_fonts", "cache")
def test_chinese_pack_without_system_fonts_embeds_every_drawn_character() -> None:
    data, drawn = _chinese_pack()
    chinese = {char for face, text in drawn if face == _chinese_font() for char in text if not char.isspace()}
    assert len(chinese) > 100
    assert sorted(chinese - embedded_outlines(data)["NotoSansSC-Regular"]) == []
    assert pdf_fonts(data) and all(pdf_fonts(data).values())


@needs_pdftotext
@pytest.mark.usefixtures("no_system_fonts", "cache")
def test_chinese_pack_without_system_fonts_reads_back_with_pdftotext() -> None:
    data, _ = _chinese_pack()
    text = pdftotext(data, page=1)
    title = bundled_catalogue().programme("first-responders-1d").title["zh"]
    assert [line for line in text.splitlines() if line.strip()][:2] == [label("pack.kicker", "zh"), title]


@pytest.mark.usefixtures("no_system_fonts")
def test_second_run_of_a_document_converts_nothing(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    converted: list[object] = []
    real = cjk._convert

    def counting(source: Path, index: int, chars: list[int] | None) -> bytes:
        converted.append(chars)
        return real(source, index, chars)

    monkeypatch.setattr(cjk, "_convert", counting)
    first, _ = _chinese_pack()
    after_first = sum(chars is not None for chars in converted)
    second, _ = _chinese_pack()
    assert (after_first, sum(chars is not None for chars in converted)) == (1, 1)
    assert second == first
    assert len(list(cache.glob("*.ttf"))) >= 1


def test_metrics_font_is_converted_once_then_read_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert SOURCE is not None
    calls: list[object] = []
    real = cjk._convert
    monkeypatch.setattr(cjk, "_convert", lambda *args: calls.append(args) or real(*args))
    first = cjk.metrics_font(SOURCE)
    assert cjk.metrics_font(SOURCE) == first
    assert len(calls) == 1
    assert [path.read_bytes() for path in cache.glob("*.ttf")] == [first]


def test_metrics_font_has_every_character_and_width_of_the_source(cache: Path) -> None:
    from fontTools.ttLib import TTFont

    assert SOURCE is not None
    source = TTFont(SOURCE)
    metrics = TTFont(io.BytesIO(cjk.metrics_font(SOURCE)))
    for font in (source, metrics):
        glyphs = {code: font.getGlyphID(name) for code, name in font.getBestCmap().items()}
        widths = {code: font["hmtx"][name][0] for code, name in font.getBestCmap().items()}
        if font is source:
            wanted = (glyphs, widths)
    assert (glyphs, widths) == wanted
    assert ("glyf" in metrics, "CFF " in metrics, metrics.sfntVersion) == (True, False, "\x00\x01\x00\x00")


def test_converted_glyphs_have_the_source_outlines(cache: Path) -> None:
    """Same bounds and the same inked area (within 1 %) as the PostScript original: not garbled, not empty."""
    from fontTools.pens.areaPen import AreaPen
    from fontTools.pens.boundsPen import BoundsPen
    from fontTools.ttLib import TTFont

    assert SOURCE is not None
    source = TTFont(SOURCE)
    converted = TTFont(io.BytesIO(cjk.outline_font(SOURCE, 0, map(ord, WORDS))))
    assert "glyf" in converted and "CFF " not in converted
    for char in WORDS:
        shapes = []
        for font in (source, converted):
            glyphs = font.getGlyphSet()
            name = font.getBestCmap()[ord(char)]
            bounds, area = BoundsPen(glyphs), AreaPen(glyphs)
            glyphs[name].draw(bounds)
            glyphs[name].draw(area)
            shapes.append((bounds.bounds, abs(area.value), glyphs[name].width))
        (source_box, source_area, source_width), (box, area, width) = shapes
        assert width == source_width
        assert all(abs(a - b) <= 2 for a, b in zip(box, source_box, strict=True)), char
        assert abs(area - source_area) <= source_area / 100, char


def test_a_corrupt_cache_entry_is_rebuilt(cache: Path) -> None:
    assert SOURCE is not None
    first = cjk.outline_font(SOURCE, 0, map(ord, WORDS))
    (entry,) = cache.glob("*.ttf")
    entry.write_bytes(first[: len(first) // 3])
    assert cjk.outline_font(SOURCE, 0, map(ord, WORDS)) == first
    assert entry.read_bytes() == first


def test_an_unwritable_cache_still_gives_the_font(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert SOURCE is not None
    data = cjk.outline_font(SOURCE, 0, map(ord, WORDS))
    assert cjk._parsed(data, map(ord, WORDS)) is not None


def test_cache_keeps_only_the_most_recently_used_entries(tmp_path: Path) -> None:
    for age, name in enumerate(("new", "middle", "old")):
        entry = tmp_path / f"{name}.ttf"
        entry.write_bytes(b"x")
        os.utime(entry, ns=(1_000_000_000 * (10 - age), 1_000_000_000 * (10 - age)))
    cjk._prune(tmp_path, keep=2)
    assert sorted(path.name for path in tmp_path.glob("*.ttf")) == ["middle.ttf", "new.ttf"]


def test_cache_entries_depend_on_the_characters(cache: Path) -> None:
    assert SOURCE is not None
    cjk.outline_font(SOURCE, 0, map(ord, "中国"))
    cjk.outline_font(SOURCE, 0, map(ord, "中文"))
    assert len(list(cache.glob("*.ttf"))) == 2
