"""Fonts served to the browser: Arabic, Chinese and Latin/Cyrillic faces the package already ships (OFL-1.1).

Field offices and clean machines may lack a font for Arabic or Chinese, and the pages then show boxes. The
faces the PDFs use (Amiri, and Noto Sans SC from `pylopdf-fonts-zh-cn`) are served from the app, declared in
a generated stylesheet (`/fonts/fonts.css`) whose `@font-face` rules carry a `unicode-range`: a browser
downloads a face only when the page has characters of its range, and not at all when the font is installed
(`local()`). They come before `system-ui` in the font stack: Chromium on Linux lets `system-ui` claim every
character and draws boxes for those it lacks, so a family after it is never asked (seen in Chromium 14x).
Latin and Cyrillic are left to the system's fonts, which every machine has.

- Chinese: Noto Sans SC is 8 MB, so it comes in three faces of one family, checked last-defined first:
  the two characters of the language switcher's "中文" (2 kB, on every page), the characters of the labels
  and the bundled catalogue (Chinese pages), and the whole font for anything else (a user's text).
- Arabic: Amiri subset to the Arabic blocks, regular and bold. Arabic letters join, and a word split between
  two faces would not, so the switcher's "العربية" gets its own tiny family instead of a tiny face.
- Subsets are made with fontTools as WOFF2 (brotli), once: kept in the user's cache folder like
  `exports.cjk`'s fonts, and in memory for the process. Each URL holds a hash of what makes the file (the
  source font, the characters, fontTools' version), so it is served as immutable and changes with them.
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

from exports.cjk import cached, source_key
from exports.fontfiles import FALLBACKS, FAMILIES, FaceSource, find_face

BUILD_VERSION = 1
"""Part of every URL's hash: raise it when the way subsets are made changes."""
SWITCHER_ZH = "中文"
SWITCHER_AR = "العربية"
ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
CJK = (
    (0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3100, 0x312F), (0x31A0, 0x31BF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x2FA1F),
)  # fmt: skip
IMMUTABLE = "public, max-age=31536000, immutable"
MEDIA_TYPES = {"woff2": "font/woff2", "otf": "font/otf", "ttf": "font/ttf"}


@dataclass(frozen=True)
class Face:
    """One `@font-face`: a family and weight, where the font comes from and which characters it serves."""

    name: str
    family: str
    source: FaceSource
    ranges: tuple[tuple[int, int], ...] = ()
    text: str = ""
    """Characters to serve instead of `ranges` (the switcher's names)."""
    weight: int = 400
    local: tuple[str, ...] = ()
    """Names of the installed font, used instead of downloading (`local()`)."""
    whole: bool = False
    """Serve the source file itself, not a subset (the full Chinese font: subsetting 31,000 glyphs is slow)."""


def _ranges_of(chars: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Sorted code points folded into (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for code in sorted(set(chars)):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    return tuple(runs)


def _in(code: int, ranges: Iterable[tuple[int, int]]) -> bool:
    return any(first <= code <= last for first, last in ranges)


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@functools.cache
def label_chars() -> tuple[tuple[int, int], ...]:
    """The Chinese characters of the labels (exports/locales/zh.json) and of the bundled catalogue, as runs."""
    texts = list(_strings(json.loads(resources.files("exports").joinpath("locales", "zh.json").read_text("utf-8"))))
    for entry in resources.files("curriculum").joinpath("data").iterdir():
        if entry.name.endswith(".yaml"):
            texts.append(entry.read_text("utf-8"))
    return _ranges_of(ord(char) for text in texts for char in text if _in(ord(char), CJK))


def faces() -> tuple[Face, ...]:
    """Every served face, in the order of the stylesheet (within a family the last matching face wins)."""
    naskh, cjk, amiri, noto = FAMILIES["naskh"], FALLBACKS["cjk"], ("Amiri", "Amiri-Regular"), ("Noto Sans SC",)
    return (
        Face("arabic", "tiptrain Arabic", naskh["regular"], ARABIC, local=amiri),
        Face("arabic-bold", "tiptrain Arabic", naskh["bold"], ARABIC, weight=700, local=("Amiri Bold", "Amiri-Bold")),
        Face("arabic-name", "tiptrain Arabic name", naskh["regular"], text=SWITCHER_AR, local=amiri),
        Face("chinese-full", "tiptrain Chinese", cjk, CJK, whole=True, local=noto),
        Face("chinese", "tiptrain Chinese", cjk, label_chars(), local=noto),
        Face("chinese-name", "tiptrain Chinese", cjk, text=SWITCHER_ZH, local=noto),
    )


def _flavor() -> str:
    """WOFF2 when brotli is importable (a dependency), else plain TrueType/OpenType."""
    try:
        import brotli  # noqa: F401
    except ImportError:
        return "ttf"
    return "woff2"


@dataclass(frozen=True)
class Served:
    """A face as the stylesheet names it: its URL's version and file name."""

    face: Face
    path: Path
    version: str
    file: str

    @property
    def url(self) -> str:
        return f"/fonts/{self.version}/{self.file}"

    @property
    def codes(self) -> tuple[tuple[int, int], ...]:
        return _ranges_of(ord(char) for char in self.face.text) if self.face.text else self.face.ranges


@functools.cache
def served() -> dict[str, Served]:
    """The faces whose font file is installed, by file name (computed once per process)."""
    found: dict[str, Served] = {}
    for face in faces():
        path = find_face(face.source)
        if path is None:
            continue
        kind = path.suffix.lstrip(".").lower() if face.whole else _flavor()
        what = f"{source_key(path, 0)}|{face}|{kind}|{metadata.version('fonttools')}|{BUILD_VERSION}"
        version = hashlib.sha256(what.encode()).hexdigest()[:16]
        found[f"{face.name}.{kind}"] = Served(face, path, version, f"{face.name}.{kind}")
    return found


_building = threading.Lock()


def font_bytes(item: Served) -> bytes:
    """The face's subset: from memory, from the disk cache, or made now."""
    with _building:  # one subset at a time: two pages asking at once would make the same font twice
        return _subset_cached(item)


@functools.cache
def _subset_cached(item: Served) -> bytes:
    """A subset once made is kept in memory; `cached` keeps it on disk, and remakes an entry not a font."""

    def read(data: bytes) -> bytes | None:
        return data if data[:4] in (b"wOF2", b"\0\1\0\0", b"OTTO") else None

    return cached(f"web:{item.version}:{item.file}", lambda: _subset(item), read)[0]


def _subset(item: Served) -> bytes:
    """The subset (fontTools) of the source to the face's characters, layout features kept (Arabic joins)."""
    import io

    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    options = Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    with TTFont(item.path, recalcTimestamp=False) as font:
        cmap = font.getBestCmap()
        wanted = [code for first, last in item.codes for code in range(first, last + 1) if code in cmap]
        subsetter = Subsetter(options)
        subsetter.populate(unicodes=wanted)
        subsetter.subset(font)
        font.flavor = "woff2" if item.file.endswith(".woff2") else None
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


def _unicode_range(runs: Iterable[tuple[int, int]]) -> str:
    return ", ".join(f"U+{first:X}" if first == last else f"U+{first:X}-{last:X}" for first, last in runs)


FORMATS = {"woff2": "woff2", "otf": "opentype", "ttf": "truetype"}
STACK = (
    '"Noto Sans", "Segoe UI", "Noto Sans Arabic", {arabic}, "Noto Sans SC", "tiptrain Chinese", system-ui, sans-serif'
)
"""tiptrain.css's stack with the served families before system-ui (`{arabic}`: the family for Arabic)."""
RULES = f"""
/* The served families draw only the characters of their unicode-range; the rest falls through. */
body {{ font-family: {STACK.format(arabic='"tiptrain Arabic"')}; }}
.languages a[lang="ar"] {{ font-family: {STACK.format(arabic='"tiptrain Arabic name"')}; }}
"""


def stylesheet() -> str:
    """`@font-face` rules for every served face (versioned URLs, unicode-range), then the font stacks."""
    rules = ["/* tiptrain fonts (OFL-1.1): Amiri, Noto Sans SC; made by tiptrain/web/fonts.py */"]
    for item in served().values():
        kind = item.file.rsplit(".", 1)[1]
        sources = "".join(f'local("{name}"), ' for name in item.face.local)
        rules.append(
            "@font-face {\n"
            f'  font-family: "{item.face.family}";\n'
            f"  font-weight: {item.face.weight};\n"
            "  font-style: normal;\n"
            "  font-display: swap;\n"
            f'  src: {sources}url("{item.url}") format("{FORMATS[kind]}");\n'
            f"  unicode-range: {_unicode_range(item.codes)};\n"
            "}"
        )
    return "\n".join(rules) + "\n" + RULES
