"""Embedded TrueType fonts for every document, registered with reportlab once per process.

Never the base-14 fonts: they are not embedded, and a viewer without them prints boxes. The main family is
PT Sans (OFL, from the PyPI package `fontpkg-pt-sans`): four static faces, Latin and Cyrillic. Characters it
lacks (Vietnamese or other rare Latin letters, U+202F in French numbers) fall back to Noto Sans
(`fontpkg-noto-sans`, a variable font whose default instance is the regular face), Arabic letters to Amiri
(`fontpkg-amiri`), Chinese to a TrueType CJK font found on the system or named in `tiptrain.toml`.

Each face is looked for in the Python package first, then through fontconfig (`fc-match`), then in the
usual DejaVu folder; only `.ttf` files are taken, because reportlab embeds TrueType outlines only.
"""

from __future__ import annotations

import functools
import hashlib
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from curriculum.errors import TiptrainError

STYLES = ("regular", "bold", "italic", "bold_italic")
_NARROW_SPACES = frozenset("\u202f\u2007\u2009\u200a\u2060")
"""Spaces that must not break a line; where the font lacks them they become a no-break space."""


class FontsMissing(TiptrainError):
    """No TrueType font could be found for a document: install the font packages or fonts-dejavu-core."""


@dataclass(frozen=True)
class FaceSource:
    """Where one face may be found: a file in a Python package, a fontconfig pattern, system paths."""

    package: str | None
    file: str | None
    pattern: str
    system: tuple[str, ...] = ()
    probe: str = "a"
    """A character the face must have to be taken (fontconfig answers with *some* font for any pattern)."""


_DEJAVU = "/usr/share/fonts/truetype/dejavu/"
_MAIN: dict[str, FaceSource] = {
    "regular": FaceSource(
        "fontpkg_pt_sans", "PT_Sans-Web-Regular.ttf", "PT Sans:style=Regular", (_DEJAVU + "DejaVuSans.ttf",)
    ),
    "bold": FaceSource(
        "fontpkg_pt_sans", "PT_Sans-Web-Bold.ttf", "PT Sans:style=Bold", (_DEJAVU + "DejaVuSans-Bold.ttf",)
    ),
    "italic": FaceSource(
        "fontpkg_pt_sans", "PT_Sans-Web-Italic.ttf", "PT Sans:style=Italic", (_DEJAVU + "DejaVuSans-Oblique.ttf",)
    ),
    "bold_italic": FaceSource(
        "fontpkg_pt_sans",
        "PT_Sans-Web-BoldItalic.ttf",
        "PT Sans:style=Bold Italic",
        (_DEJAVU + "DejaVuSans-BoldOblique.ttf",),
    ),
}
_FALLBACKS: dict[str, FaceSource] = {
    "latin": FaceSource("fontpkg_noto_sans", "NotoSans[wdth,wght].ttf", "Noto Sans", (_DEJAVU + "DejaVuSans.ttf",)),
    "arabic": FaceSource("fontpkg_amiri", "Amiri-Regular.ttf", "Amiri", (_DEJAVU + "DejaVuSans.ttf",), "\u0645"),
    "cjk": FaceSource(None, None, ":lang=zh", ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",), "\u4e2d"),
    "symbols": FaceSource(None, None, "DejaVu Sans", (_DEJAVU + "DejaVuSans.ttf",)),
}
_overrides: dict[str, Path] = {}


@dataclass(frozen=True)
class Fallback:
    """A registered fallback font and the characters it draws."""

    name: str
    chars: frozenset[int]


@dataclass(frozen=True)
class FontSet:
    """The fonts of a document: the main family's four faces, and fallbacks for what it lacks."""

    regular: str
    bold: str
    italic: str
    bold_italic: str
    covered: frozenset[int]
    lang: str = "en"
    files: dict[str, str] = field(default_factory=dict, compare=False)
    """Registered name -> the file it came from, for diagnostics."""

    @property
    def fallbacks(self) -> tuple[Fallback, ...]:
        """Fonts for what the main family lacks, loaded on first need (most documents never need them)."""
        return fallback_fonts(self.lang, self.covered)

    def face_for(self, char: str) -> str | None:
        """The fallback font for a character the main family lacks; None when the main family has it."""
        code = ord(char)
        if code in self.covered or code < 0x20:
            return None
        for fallback in self.fallbacks:
            if code in fallback.chars:
                return fallback.name
        return None

    def spaced(self, text: str) -> str:
        """`text` with CLDR's narrow and thin spaces (in dates, numbers) made ones the main family has.

        Such text then never needs a fallback font.
        """
        if not any(char in _NARROW_SPACES for char in text):
            return text
        nbsp = "\u00a0" if 0xA0 in self.covered else " "
        return "".join(
            (nbsp if ord(char) not in self.covered else char) if char in _NARROW_SPACES else char for char in text
        )

    def drawable(self, text: str) -> str:
        """`text` for places that draw in the main font alone (chart labels, canvas strings).

        Spaces the font lacks, such as the narrow no-break space CLDR puts in Russian and French dates,
        become ones it has.
        """
        if all(ord(char) in self.covered for char in text):
            return text
        nbsp = "\u00a0" if 0xA0 in self.covered else " "
        return "".join(
            char if ord(char) in self.covered else (nbsp if char in _NARROW_SPACES else " " if char.isspace() else char)
            for char in text
        )

    def covers(self, text: str) -> bool:
        """Whether the main family alone draws every character of `text`."""
        return all(ord(char) in self.covered for char in text if char != " ")


def use_font_file(script: str, path: str | Path) -> None:
    """Use this TrueType file for a script ('cjk', 'arabic', 'latin', or a main style) from now on."""
    _overrides[script] = Path(path)
    font_set.cache_clear()
    fallback_fonts.cache_clear()


def fc_match(pattern: str) -> Path | None:
    """The file fontconfig picks for a pattern, when fontconfig is installed and picks a .ttf file."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    try:
        found = subprocess.run(
            [command, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(found) if found.lower().endswith(".ttf") and Path(found).is_file() else None


def find_face(source: FaceSource, override: Path | None = None) -> Path | None:
    """The first existing file for a face: the override, the package file, fontconfig, system paths."""
    if override is not None and override.is_file():
        return override
    if source.package and source.file:
        try:
            packaged = resources.files(source.package).joinpath("files", source.file)
            if packaged.is_file():
                return Path(str(packaged))
        except ModuleNotFoundError:
            pass
    for path in (Path(p) for p in source.system):
        if path.is_file():
            return path
    return fc_match(source.pattern)


def _name(base: str, key: str) -> str:
    """The reportlab name of a face: a file set by `use_font_file` gets its own, as names register once."""
    override = _overrides.get(key)
    if override is None:
        return base
    return f"{base}-{hashlib.sha256(str(override).encode()).hexdigest()[:8]}"


def _register(name: str, path: Path) -> TTFont:
    """Register a TrueType file under `name` once; later calls return the registered font."""
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        return font
    try:
        font = TTFont(name, str(path))
    except (TTFError, OSError) as error:
        raise FontsMissing(f"cannot use font file {path}: {error}") from error
    pdfmetrics.registerFont(font)
    return font


def _chars(font: TTFont) -> frozenset[int]:
    return frozenset(font.face.charToGlyph)


@functools.cache
def font_set(lang: str = "en") -> FontSet:
    """Register (once) and return the fonts for documents in `lang`.

    The main family is the same for every language for now; Arabic documents will take Amiri as their
    main family. FontsMissing when not even a regular face can be found.
    """
    faces: dict[str, Path] = {}
    for style in STYLES:
        path = find_face(_MAIN[style], _overrides.get(style))
        if path is not None:
            faces[style] = path
    if "regular" not in faces:
        raise FontsMissing(
            "no TrueType font for documents: install the Python package fontpkg-pt-sans "
            "(or the Debian package fonts-dejavu-core)"
        )
    names = {style: _name(f"tiptrain-{style.replace('_', '-')}", style) for style in STYLES}
    fonts = {style: _register(names[style], faces.get(style, faces["regular"])) for style in STYLES}
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    covered = _chars(fonts["regular"])
    files = {names[style]: str(faces.get(style, faces["regular"])) for style in STYLES}
    return FontSet(names["regular"], names["bold"], names["italic"], names["bold_italic"], covered, lang, files)


@functools.cache
def fallback_fonts(lang: str, covered: frozenset[int]) -> tuple[Fallback, ...]:
    """Register (once) the fallback fonts in order of preference.

    Each keeps only the characters that no earlier font has.
    """
    return tuple(_fallbacks(lang, covered))


def _fallbacks(lang: str, covered: frozenset[int]) -> Iterable[Fallback]:
    del lang  # the same order serves every language until right-to-left and CJK main families arrive
    seen = set(covered)
    for script, source in _FALLBACKS.items():
        path = find_face(source, _overrides.get(script))
        if path is None:
            continue
        name = _name(f"tiptrain-fallback-{script}", script)
        font = _register(name, path)
        if ord(source.probe) not in font.face.charToGlyph:
            continue
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)
        extra = frozenset(code for code in _chars(font) if code not in seen and code >= 0x20)
        if extra:
            seen |= extra
            yield Fallback(name, extra)
