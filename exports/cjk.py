"""Chinese from PyPI: an OpenType/CFF font made into TrueType that reportlab can embed, cached.

The Chinese font comes from the Python package `pylopdf-fonts-zh-cn` (Noto Sans SC, OFL-1.1), so a fresh
virtual environment prints Chinese with nothing installed from the system. It ships PostScript (CFF)
outlines, and reportlab embeds TrueType outlines only. Converting all 31,000 glyphs takes ~20 s and makes
a 10 MB file, so the work is split:

- metrics: a copy of the font with every character and width but empty glyphs (0.1 s, 200 kB, cached).
  reportlab lays out text with it, so widths and line breaks are the real font's.
- outlines: when reportlab embeds the font in a document (`TTFont.addObjects`), it knows exactly which
  characters the document drew (its per-document subsets). Only those glyphs are subset with fontTools and
  redrawn as TrueType quadratic outlines (about 0.8 s of CPU for the 1,000 characters of a 44-page pack),
  then cached, keyed by the source font's hash, the characters and `CONVERTER_VERSION`; a second run of
  the same document converts nothing.

This hooks into reportlab where it embeds a font (`TTFont.addObjects`, its per-document `state.subsets`,
`TTFontFace.makeSubset`; stable from reportlab 3 to 5): tests/exports/test_cjk.py reads the embedded glyphs
back, so a reportlab that changes them fails there rather than printing blank characters.

The cache folder is `$XDG_CACHE_HOME/tiptrain/fonts` (`~/.cache/tiptrain/fonts`); entries are written
atomically, an entry that does not parse is rebuilt, and when the folder cannot be written the fonts are
made in memory. fontTools is imported only here, when a document needs Chinese.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import tempfile
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace, TTFontFile

if TYPE_CHECKING:
    from fontTools.ttLib import TTFont as OpenTypeFont

T = TypeVar("T")
CONVERTER_VERSION = 2
"""Part of every cache key: raise it when the conversion changes, so old entries are not used."""
MAX_ENTRIES = 200
"""Cached fonts kept (the least recently used go first): one per distinct document text, and the metrics."""
MAX_ERROR = 1.0
"""Largest distance, in font units (1000 per em), between a cubic curve and its quadratic redrawing."""
_EMBEDDING: ContextVar[TTFontFile | None] = ContextVar("tiptrain_cjk_embedding", default=None)
"""The TrueType outlines of the document being embedded, for `_OutlineFace.makeSubset`."""


def cache_dir() -> Path:
    """Where converted fonts are kept: the user's cache folder (XDG), under tiptrain/fonts."""
    root = os.environ.get("XDG_CACHE_HOME")
    if not root:
        try:
            root = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder (a service account): the fonts are kept for this boot only
            root = tempfile.gettempdir()
    return Path(root) / "tiptrain" / "fonts"


def has_cff_outlines(path: Path, index: int = 0) -> bool:
    """Whether a font file (or font `index` of a collection) draws with PostScript outlines (needs converting)."""
    from fontTools.ttLib import TTFont as OpenTypeFont

    try:
        with path.open("rb") as handle:  # opened here, so that a file fontTools refuses is closed too
            font = OpenTypeFont(handle, fontNumber=index, lazy=True)
            return "CFF " in font or "CFF2" in font
    except Exception:  # not a font fontTools reads: reportlab then says why it cannot use it either
        return False


@functools.cache
def _digest(path: Path, size: int, modified: int) -> str:
    """SHA-256 of a font file; `size` and `modified` are there so a replaced file is hashed again."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def source_key(path: Path, index: int) -> str:
    """What identifies a source font in cache keys: its content's hash and the font's index in a collection."""
    status = path.stat()
    return f"{_digest(path, status.st_size, status.st_mtime_ns)}:{index}:v{CONVERTER_VERSION}"


def _parsed(
    data: bytes | io.BytesIO, chars: Iterable[int] = (), face: type[TTFontFile] = TTFontFile
) -> TTFontFile | None:
    """`data` as reportlab reads it, when it is a TrueType font that maps every one of `chars`; else None."""
    try:
        parsed = face(data if isinstance(data, io.BytesIO) else io.BytesIO(data))
    except Exception:  # a damaged file can fail anywhere in reportlab's parser (struct.error, KeyError ...)
        return None
    return parsed if all(code in parsed.charToGlyph for code in chars) else None


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a cache entry through a temporary file and a rename: a killed run never leaves half a font."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Remove the least recently used entries beyond `keep`, so the cache does not grow without end."""
    entries = sorted(folder.glob("*.ttf"), key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
    for entry in entries[keep:]:
        with contextlib.suppress(OSError):
            entry.unlink()


def cached(key: str, build: Callable[[], bytes], read: Callable[[bytes], T | None]) -> tuple[bytes, T]:
    """The font cached under `key` and `read` from it; built and stored when missing or unreadable.

    An entry that `read` refuses (None: damaged, or not the font wanted) is rebuilt.
    """
    path = cache_dir() / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.ttf"
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        found = read(data)
        if found is not None:
            os.utime(path)
            return data, found
    data = build()
    found = read(data)
    if found is None:
        raise TTFError(f"the TrueType font converted for {key} cannot be read")
    with contextlib.suppress(OSError):
        _write_atomic(path, data)
        _prune(path.parent)
    return data, found


def _metrics(source: Path, index: int) -> tuple[bytes, _OutlineFace]:
    def read(data: bytes) -> _OutlineFace | None:
        face = _parsed(_named(data, source), face=_OutlineFace)
        return face if isinstance(face, _OutlineFace) else None

    return cached(f"metrics:{source_key(source, index)}", lambda: _convert(source, index, None), read)


def metrics_font(source: Path, index: int = 0) -> bytes:
    """The source font as TrueType with every character and width but empty glyphs (cached)."""
    return _metrics(source, index)[0]


def _outlines(source: Path, index: int, chars: Iterable[int]) -> tuple[bytes, TTFontFile]:
    wanted = sorted(set(chars))
    key = f"outlines:{source_key(source, index)}:{','.join(map(str, wanted))}"
    return cached(key, lambda: _convert(source, index, wanted), lambda data: _parsed(data, wanted))


def outline_font(source: Path, index: int, chars: Iterable[int]) -> bytes:
    """The source font subset to `chars`, all of which it has, with TrueType outlines (cached by character set)."""
    return _outlines(source, index, chars)[0]


def _convert(source: Path, index: int, chars: list[int] | None) -> bytes:
    """TrueType bytes of the source font: subset to `chars` with real outlines, or (None) all with empty glyphs."""
    from fontTools.ttLib import TTFont as OpenTypeFont

    with OpenTypeFont(source, fontNumber=index, recalcBBoxes=chars is not None, recalcTimestamp=False) as font:
        if chars is None:
            _to_truetype(font, set())
        else:  # redraw only the glyphs kept (CFF subsetting costs more than drawing), then subset
            cmap = font.getBestCmap()
            _to_truetype(font, {".notdef", *(cmap[code] for code in chars if code in cmap)})
            _subset(font, chars)
        buffer = io.BytesIO()
        font.save(buffer)
    return buffer.getvalue()


def _subset(font: OpenTypeFont, chars: list[int]) -> None:
    """Keep only the glyphs of `chars` (and .notdef); no layout features, as reportlab applies none."""
    from fontTools.subset import Options, Subsetter

    options = Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)


def _to_truetype(font: OpenTypeFont, drawn: set[str]) -> None:
    """Replace the CFF table by glyf/loca: quadratic redrawings of the `drawn` glyphs, the others empty."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    order = font.getGlyphOrder()
    cubic = font.getGlyphSet()
    glyphs: dict[str, Any] = {}
    for name in order:
        if name not in drawn:
            glyphs[name] = Glyph()
            continue
        pen = TTGlyphPen(None)
        cubic[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyphs[name] = pen.glyph()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "CFF2", "VORG", "DSIG") + (() if drawn else ("GSUB", "GPOS", "BASE", "vhea", "vmtx")):
        if tag in font:
            del font[tag]
    _truetype_tables(font)


def _truetype_tables(font: OpenTypeFont) -> None:
    """The tables TrueType outlines require: maxp version 1.0, post without CFF glyph names, the sfnt tag."""
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxTwilightPoints",
        "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements", "maxComponentDepth",
    ):  # fmt: skip
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    font["post"].formatType = 3.0  # reportlab writes format 3 into every subset it embeds anyway
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


class _OutlineFace(TTFontFace):
    """The metrics font's face; the glyphs it embeds come from the document's converted outlines."""

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        outlines = _EMBEDDING.get()
        if outlines is None:
            raise TTFError(f"{self.filename}: no outlines prepared for this document")
        return bytes(outlines.makeSubset(subset))


class ConvertedFont(TTFont):
    """A reportlab font for a CFF source: real metrics for layout, outlines converted when it is embedded."""

    def __init__(self, name: str, source: Path, index: int = 0) -> None:
        metrics, face = _metrics(source, index)
        super().__init__(name, _named(metrics, source))  # reportlab reads the font once more here
        self.face = face
        self.source = source
        self.index = index

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        """Convert the glyphs of the characters this document drew, then let reportlab embed them."""
        state = self.state.get(doc)
        drawn = {code for subset in state.subsets for code in subset} if state else set()
        _, outlines = _outlines(self.source, self.index, drawn & self.face.charToGlyph.keys())
        token = _EMBEDDING.set(outlines)
        try:
            super().addObjects(doc)
        finally:
            _EMBEDDING.reset(token)


def _named(data: bytes, source: Path) -> io.BytesIO:
    """Font bytes as a file reportlab reads, named after the source (reportlab shows it in its errors)."""
    buffer = io.BytesIO(data)
    buffer.name = f"{source} (TrueType outlines)"
    return buffer
