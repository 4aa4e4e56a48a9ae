"""The fonts served to the browser (tiptrain.web.fonts): stylesheet, font files, caching, unicode-range.

Each test runs with its own empty font cache folder (XDG_CACHE_HOME), so the subsets are really made; only
the small faces (the switcher's names) are fetched, the large subsets take seconds to make.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from starlette.testclient import TestClient

from tiptrain.web import fonts

FACE = re.compile(r"@font-face \{(.*?)\}", re.S)
URL = re.compile(r'url\("([^"]+)"\)')


@pytest.fixture(autouse=True)
def empty_font_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    fonts._subset_cached.cache_clear()
    yield folder / "tiptrain" / "fonts"
    fonts._subset_cached.cache_clear()


def faces_of(css: str) -> dict[str, dict[str, str]]:
    """`@font-face` rules by the file name in their URL: descriptor -> value."""
    found = {}
    for body in FACE.findall(css):
        rule = dict(line.strip().rstrip(";").split(": ", 1) for line in body.strip().splitlines())
        found[URL.search(rule["src"]).group(1).rsplit("/", 1)[1]] = rule  # type: ignore[union-attr]
    return found


def url_of(css: str, file: str) -> str:
    return URL.search(faces_of(css)[file]["src"]).group(1)  # type: ignore[union-attr]


def codes(unicode_range: str) -> set[int]:
    """Every code point of a unicode-range value."""
    found: set[int] = set()
    for part in unicode_range.split(", "):
        first, _, last = part.removeprefix("U+").partition("-")
        found.update(range(int(first, 16), int(last or first, 16) + 1))
    return found


def test_fonts_css_declares_every_face_with_its_range_and_revalidates(client: TestClient) -> None:
    answer = client.get("/fonts/fonts.css")
    again = client.get("/fonts/fonts.css", headers={"If-None-Match": answer.headers["etag"]})

    rules = faces_of(answer.text)
    assert (answer.status_code, answer.headers["content-type"], answer.headers["cache-control"]) == (
        200,
        "text/css; charset=utf-8",
        "no-cache",
    )
    assert (again.status_code, again.content) == (304, b"")
    assert sorted(rules) == [
        "arabic-bold.woff2", "arabic-name.woff2", "arabic.woff2", "chinese-full.otf", "chinese-name.woff2",
        "chinese.woff2",
    ]  # fmt: skip
    assert rules["chinese-name.woff2"]["unicode-range"] == "U+4E2D, U+6587"
    assert rules["arabic.woff2"]["unicode-range"] == "U+600-6FF, U+750-77F, U+8A0-8FF, U+FB50-FDFF, U+FE70-FEFF"
    assert rules["arabic-bold.woff2"]["font-weight"] == "700"
    assert rules["chinese.woff2"]["src"].startswith('local("Noto Sans SC"), url("/fonts/')  # installed: no download


def test_fonts_css_orders_chinese_faces_so_the_smallest_is_checked_first(client: TestClient) -> None:
    css = client.get("/fonts/fonts.css").text

    chinese = [file for file, rule in faces_of(css).items() if rule["font-family"] == '"tiptrain Chinese"']

    assert chinese == ["chinese-full.otf", "chinese.woff2", "chinese-name.woff2"]  # the last defined wins


def test_chinese_face_covers_every_chinese_character_of_the_labels(client: TestClient) -> None:
    labels = json.loads(Path("exports/locales/zh.json").read_text("utf-8"))
    wanted = {ord(char) for char in json.dumps(labels, ensure_ascii=False) if "\u4e00" <= char <= "\u9fff"}

    served = codes(faces_of(client.get("/fonts/fonts.css").text)["chinese.woff2"]["unicode-range"])

    assert wanted - served == set()
    assert len(served) < 3000  # a subset, not the 31,000 characters of the font


def test_fonts_body_stack_puts_served_families_before_system_ui(client: TestClient) -> None:
    css = client.get("/fonts/fonts.css").text

    stack = re.search(r"body \{\s*font-family: (.*?);", css, re.S)

    assert stack is not None
    assert " ".join(stack.group(1).split()) == (
        '"Noto Sans", "Segoe UI", "Noto Sans Arabic", "tiptrain Arabic", "Noto Sans SC", "tiptrain Chinese", '
        "system-ui, sans-serif"
    )


def test_switcher_face_is_a_small_immutable_woff2_with_the_characters(
    client: TestClient, empty_font_cache: Path
) -> None:
    url = url_of(client.get("/fonts/fonts.css").text, "chinese-name.woff2")

    answer = client.get(url)

    font = TTFont(io.BytesIO(answer.content))
    assert (answer.status_code, answer.headers["content-type"]) == (200, "font/woff2")
    assert answer.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert (font.flavor, {0x4E2D, 0x6587} <= set(font.getBestCmap())) == ("woff2", True)
    assert len(answer.content) < 10_000
    assert len(list(empty_font_cache.iterdir())) == 1  # kept on disk for the next process


def test_arabic_name_face_keeps_the_joining_forms(client: TestClient) -> None:
    url = url_of(client.get("/fonts/fonts.css").text, "arabic-name.woff2")

    font = TTFont(io.BytesIO(client.get(url).content))

    features = (
        {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord} if "GSUB" in font else set()
    )
    assert set(font.getBestCmap()) == {ord(char) for char in fonts.SWITCHER_AR}
    assert {"init", "medi", "fina"} <= features  # the letters join as in the full font


def test_font_file_is_read_from_the_disk_cache_once_made(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    url = url_of(client.get("/fonts/fonts.css").text, "chinese-name.woff2")
    first = client.get(url).content
    fonts._subset_cached.cache_clear()

    def no_building(item: fonts.Served) -> bytes:
        raise AssertionError("made again")

    monkeypatch.setattr(fonts, "_subset", no_building)

    assert client.get(url).content == first


@pytest.mark.parametrize("path", ["/fonts/0000000000000000/chinese-name.woff2", "/fonts/{version}/passwd"])
def test_font_with_a_wrong_version_or_name_is_not_found(client: TestClient, path: str) -> None:
    version = url_of(client.get("/fonts/fonts.css").text, "chinese-name.woff2").split("/")[2]

    answer = client.get(path.format(version=version))

    assert answer.status_code == 404


def test_full_chinese_face_is_the_packaged_opentype_file(client: TestClient) -> None:
    url = url_of(client.get("/fonts/fonts.css").text, "chinese-full.otf")

    answer = client.get(url)

    assert (answer.status_code, answer.headers["content-type"], answer.content[:4]) == (200, "font/otf", b"OTTO")


def test_pages_link_the_fonts_stylesheet(client: TestClient) -> None:
    page = client.get("/login").text

    assert page.count('<link rel="stylesheet" href="/fonts/fonts.css">') == 1
