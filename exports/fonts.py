"""Embedded TrueType fonts for every document, registered with reportlab once per process.

Never the base-14 fonts: they are not embedded, and a viewer without them prints boxes. Documents are set
in PT Sans (OFL, PyPI `fontpkg-pt-sans`: four static faces, Latin and Cyrillic), Arabic documents in Amiri
(`fontpkg-amiri`: a naskh with matching Latin and digits). Characters the main family lacks fall back, in
order, to PT Sans or Noto Sans (rare Latin letters), Amiri (Arabic), a Chinese TrueType font and DejaVu Sans
(symbols). Chinese comes from `[fonts] chinese` in tiptrain.toml or else from the Python package
`pylopdf-fonts-zh-cn` (Noto Sans SC, OFL-1.1), a dependency, so Chinese prints on a machine with no
system fonts. Its PostScript outlines are converted to TrueType for the characters each document draws
(`exports.cjk`); a `[fonts] chinese` file with PostScript outlines is converted the same way. Chinese text
is split into runs and each run drawn in a font that has it (`FontSet.runs`): PT Sans draws the Latin
letters and digits around Chinese, so every document keeps one Latin face.

Main faces are looked for in the Python package first, then in the usual system folders, then through
fontconfig (`exports.fontfiles`). The Chinese font is not looked for on the system: the package is always
installed with tiptrain, and one font everywhere gives the same pages on every machine. Without it (a
broken install) a Chinese document, or any text with Chinese characters, fails with `ChineseFontMissing`
saying what to install, instead of printing boxes.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from curriculum.errors import TiptrainError
from exports import fontfiles
from exports.cjk import ConvertedFont, has_cff_outlines
from exports.fontfiles import FALLBACKS, FAMILIES, collection_size

STYLES = ("regular", "bold", "italic", "bold_italic")
_NARROW_SPACES = frozenset("\u202f\u2007\u2009\u200a")
"""Spaces that must not break a line; where the font lacks them they become a no-break space."""
MISSING = "?"
"""Printed for a character no font has (an emoji, a rare script): visible, unlike a box that looks like text."""
CHINESE_HELP = (
    "install the Python package pylopdf-fonts-zh-cn (a dependency of tiptrain: pip install tiptrain again), "
    "or set [fonts] chinese = PATH (a .ttf, .otf or .ttc file) in tiptrain.toml"
)


class FontsMissing(TiptrainError):
    """No TrueType font could be found for a document: install the font packages named in the message."""

    exit_code = 2


class ChineseFontMissing(FontsMissing):
    """Chinese text to print and no Chinese font: neither the Python package nor one in tiptrain.toml."""


_MAIN_FAMILY = {"ar": "naskh"}
"""The main family of a language's documents; PT Sans for every other language."""
_FALLBACK_ORDER = {"ar": ("sans", "latin", "cjk", "symbols")}
"""Fallbacks in order of preference; "sans" is the PT Sans family (Cyrillic in an Arabic document)."""
_DEFAULT_ORDER = ("latin", "arabic", "cjk", "symbols")
_overrides: dict[str, Path] = {}
_CMAPS: dict[str, frozenset[int]] = {}
"""Registered font name -> the characters its cmap maps: what `runs` checks every character against."""


def is_cjk(char: str) -> bool:
    """Whether a character is Chinese, Japanese or Korean script or punctuation (needs a CJK font)."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
    )


def invisible(char: str) -> bool:
    """Format characters (bidi marks, joiners, soft hyphen): they steer layout and are never drawn."""
    return unicodedata.category(char) == "Cf"


def font_chars(name: str) -> frozenset[int]:
    """The characters a registered font maps to glyphs."""
    return _CMAPS[name]


@dataclass(frozen=True)
class Fallback:
    """A registered fallback font, its face for bold text, and the characters it adds."""

    name: str
    chars: frozenset[int]
    bold: str = ""
    script: str = ""


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
    visible: frozenset[int] = field(default=frozenset(), compare=False)
    """The characters of `covered` that are drawn (not format characters): text of only these needs no work."""

    @property
    def fallbacks(self) -> tuple[Fallback, ...]:
        """Fonts for what the main family lacks, loaded on first need (most documents never need them)."""
        return fallback_fonts(self.lang, self.covered)

    def fallback_for(self, char: str) -> Fallback | None:
        """The first fallback that has `char`; ChineseFontMissing for a Chinese character none has."""
        code = ord(char)
        for fallback in self.fallbacks:
            if code in fallback.chars:
                return fallback
        if is_cjk(char) and not char.isspace():
            raise ChineseFontMissing(f"cannot print Chinese text ({char!r}): {CHINESE_HELP}")
        return None

    def face_for(self, char: str) -> str | None:
        """The fallback font for a character the main family lacks; None when the main family has it."""
        code = ord(char)
        if code in self.covered or code < 0x20:
            return None
        found = self.fallback_for(char)
        return found.name if found else None

    def printable(self, text: str) -> str:
        """`text` with what cannot be drawn handled: format characters dropped, unknown ones as `?`.

        ChineseFontMissing when it holds Chinese and no Chinese font is there.
        """
        if self.visible.issuperset(map(ord, text)):
            return text
        kept = []
        for char in text:
            if invisible(char):
                continue
            if ord(char) in self.covered or self.fallback_for(char) is not None:
                kept.append(char)
            else:
                kept.append(MISSING)
        return "".join(kept)

    def runs(self, text: str, bold: bool = False) -> list[tuple[str, str]]:
        """`text` split into (font name, run): every character of a run is in that font's cmap.

        The face is the bold or regular one of the main family where it has the character, else the first
        fallback that has it; a space stays in the run it is in when that font has it. Format characters
        are dropped, characters no font has become `?`.
        """
        main = self.bold if bold else self.regular
        chars = _CMAPS[main]
        runs: list[tuple[str, str]] = []
        current = main
        buffer: list[str] = []
        for char in text:
            code = ord(char)
            if code >= 0xAD and invisible(char):  # format characters start at the soft hyphen
                continue
            if code in chars:
                face = current if char in " \u00a0" and code in _CMAPS[current] else main
            elif code in self.covered:
                face = self.regular
            else:
                found = self.fallback_for(char)
                face = main if found is None else (found.bold or found.name) if bold else found.name
            if face != current and buffer:
                runs.append((current, "".join(buffer)))
                buffer = []
            current = face
            buffer.append(char if code in _CMAPS[face] else MISSING)
        if buffer:
            runs.append((current, "".join(buffer)))
        return runs

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Printed width of one line of text, each run measured in the font that draws it."""
        return sum(pdfmetrics.stringWidth(run, face, size) for face, run in self.runs(text, bold))

    def spaced(self, text: str) -> str:
        """`text` with CLDR's narrow and thin spaces (in dates, numbers) made ones the main family has.

        Such text then never needs a fallback font.
        """
        if _NARROW_SPACES.isdisjoint(text):
            return text
        nbsp = "\u00a0" if 0xA0 in self.covered else " "
        return "".join(
            (nbsp if ord(char) not in self.covered else char) if char in _NARROW_SPACES else char for char in text
        )

    def drawable(self, text: str) -> str:
        """`text` for places that draw in the main font alone: spaces it lacks become ones it has."""
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
    """Use this TrueType file for a script ('cjk', 'arabic', 'latin', or a main style) from now on.

    FontsMissing when the file does not exist.
    """
    chosen = Path(path)
    if not chosen.is_file():
        hint = f"; {CHINESE_HELP}" if script == "cjk" else ""
        raise FontsMissing(f"font file {chosen} does not exist{hint}")
    _overrides[script] = chosen
    clear_caches()


def clear_caches() -> None:
    """Forget which fonts were found, so the next document looks again (after a font was installed or set)."""
    font_set.cache_clear()
    fallback_fonts.cache_clear()
    _family.cache_clear()


def _name(base: str, key: str) -> str:
    """The reportlab name of a face: a file set by `use_font_file` gets its own, as names register once."""
    override = _overrides.get(key)
    if override is None:
        return base
    return f"{base}-{hashlib.sha256(str(override).encode()).hexdigest()[:8]}"


def _register(name: str, path: Path, index: int = 0) -> TTFont:
    """Register a TrueType file (or one font of a collection) under `name` once; later calls return it."""
    if name in pdfmetrics.getRegisteredFontNames():
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        return font
    try:
        font = ConvertedFont(name, path, index) if _postscript(path, index) else TTFont(name, str(path), index)
    except (TTFError, OSError) as error:
        raise FontsMissing(f"cannot use font file {path}: {error} (a TrueType or OpenType font is needed)") from error
    pdfmetrics.registerFont(font)
    _CMAPS[name] = frozenset(code for code, glyph in font.face.charToGlyph.items() if glyph)
    return font


@functools.cache
def _family(key: str) -> dict[str, str] | None:
    """Register (once) the four faces of a main family; style -> registered name. None without a regular face."""
    faces = {style: fontfiles.find_face(source, _overrides.get(style)) for style, source in FAMILIES[key].items()}
    if faces["regular"] is None:
        return None
    names: dict[str, str] = {}
    for style in STYLES:
        path = faces[style] or faces["regular"]
        assert path is not None
        names[style] = _name(f"tiptrain-{key}-{style.replace('_', '-')}", style)
        _register(names[style], path)
    pdfmetrics.registerFontFamily(
        names["regular"],
        normal=names["regular"],
        bold=names["bold"],
        italic=names["italic"],
        boldItalic=names["bold_italic"],
    )
    return names


@functools.cache
def font_set(lang: str = "en") -> FontSet:
    """Register (once) and return the fonts for documents in `lang`.

    FontsMissing when not even a regular face can be found; ChineseFontMissing for Chinese without a
    Chinese font.
    """
    family = _MAIN_FAMILY.get(lang, "sans")
    names = _family(family)
    if names is None:
        package = "fontpkg-amiri" if family == "naskh" else "fontpkg-pt-sans"
        raise FontsMissing(
            f"no TrueType font for documents: install the Python package {package} "
            "(or the Debian package fonts-dejavu-core)"
        )
    files = {name: getattr(pdfmetrics.getFont(name).face, "filename", "") for name in names.values()}
    found = FontSet(
        names["regular"],
        names["bold"],
        names["italic"],
        names["bold_italic"],
        _CMAPS[names["regular"]],
        lang,
        files,
        frozenset(code for code in _CMAPS[names["regular"]] if not invisible(chr(code))),
    )
    if lang == "zh" and not any(f.script == "cjk" for f in found.fallbacks):
        raise ChineseFontMissing(f"cannot write a Chinese document: {CHINESE_HELP}")
    return found


@functools.cache
def fallback_fonts(lang: str, covered: frozenset[int]) -> tuple[Fallback, ...]:
    """Register (once) the fallback fonts in order of preference.

    Each keeps only the characters that no earlier font has.
    """
    return tuple(_fallbacks(lang, covered))


def _fallbacks(lang: str, covered: frozenset[int]) -> Iterable[Fallback]:
    seen = set(covered)
    for script in _FALLBACK_ORDER.get(lang, _DEFAULT_ORDER):
        found = _fallback_font(script)
        if found is None:
            continue
        name, bold = found
        extra = frozenset(code for code in _CMAPS[name] if code not in seen and code >= 0x20)
        if extra:
            seen |= extra
            yield Fallback(name, extra, bold, script)


def _fallback_font(script: str) -> tuple[str, str] | None:
    """The registered (regular, bold) names of a fallback, or None when no file for it is found."""
    if script in FAMILIES:
        names = _family(script)
        return (names["regular"], names["bold"]) if names else None
    source = FALLBACKS[script]
    name = _name(f"tiptrain-fallback-{script}", script)
    path = fontfiles.find_face(source, _overrides.get(script))
    if path is None:
        return None
    for index in range(collection_size(path)):
        registered = name if index == 0 else f"{name}-{index}"
        try:
            _register(registered, path, index)
        except FontsMissing:
            if script in _overrides:
                raise
            continue
        if ord(source.probe) in _CMAPS[registered]:
            pdfmetrics.registerFontFamily(
                registered, normal=registered, bold=registered, italic=registered, boldItalic=registered
            )
            return registered, registered
    return None


def _postscript(path: Path, index: int) -> bool:
    """Whether a font file draws with PostScript (CFF) outlines, which reportlab cannot embed as they are."""
    with path.open("rb") as handle:
        tag = handle.read(4)
    return tag == b"OTTO" or (tag == b"ttcf" and has_cff_outlines(path, index))
