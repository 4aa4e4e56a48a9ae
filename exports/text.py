"""User text made safe for documents: the one escaping helper for reportlab markup, and plain text.

Every name, organisation, city or title that comes from a user passes through `plain` (one line, no control
characters) and, when it goes into a reportlab Paragraph, through `markup` (escaped, and with runs that the
document's main font cannot draw handed to a fallback font). Labels hold no markup, so a whole labelled
sentence with user values formatted into it goes through `markup` as one string.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.sax.saxutils import escape

_BREAKS = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
"""Characters that end a line or a paragraph; in one-line text they become a space."""
_DROPPED = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]+")
"""Control characters, unpaired surrogates and non-characters: nothing a document should carry."""
_SPACES = re.compile(r"[ \u00a0]{2,}")
_WORK = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]|[ \u00a0]{2}|^\s|\s$")
"""Anything `plain` would change; most text has none of it and is returned as it is."""


def plain(text: object) -> str:
    """One line of text: line breaks and tabs become a space, control characters go, runs of spaces shrink.

    Bidirectional marks and joiners (format characters) stay, because Arabic and other scripts need them.
    """
    value = "" if text is None else str(text)
    if _WORK.search(value) is None:
        return value
    value = _DROPPED.sub("", _BREAKS.sub(" ", value))
    return _SPACES.sub(" ", value).strip()


def plain_inline(text: object) -> str:
    """Like `plain`, but a space at either end stays (one): for a piece of a line next to another piece."""
    value = "" if text is None else str(text)
    core = plain(value)
    lead = " " if value[:1].isspace() else ""
    trail = " " if value[-1:].isspace() and core else ""
    return lead + core + trail


def plain_lines(text: object) -> str:
    """Like `plain`, but keeps line breaks (as '\\n'): for composed multi-line texts such as descriptions."""
    value = "" if text is None else str(text)
    lines = re.split(r"\r\n|[\n\r\x85\u2028\u2029]", value)
    return "\n".join(plain(line) for line in lines)


FontPicker = Callable[[str], str | None]
"""Given a character, the name of a fallback font that draws it, or None when the main font does."""


def markup(text: object, fonts: FontPicker | None = None) -> str:
    """`text` as reportlab paragraph markup that prints exactly what was given.

    The text is made `plain`, then `&`, `<` and `>` are escaped, so `A<B & Co` prints as such instead of
    raising or losing `<B & Co`. With `fonts`, runs of characters the main font lacks are wrapped in
    `<font face="...">` of a font that has them (a Vietnamese or Chinese name in an English document).
    """
    value = plain(text)
    if fonts is None:
        return escape(value)
    parts: list[str] = []
    for face, run in _runs(value, fonts):
        piece = escape(run)
        parts.append(piece if face is None else f'<font face="{face}">{piece}</font>')
    return "".join(parts)


def _runs(value: str, fonts: FontPicker) -> list[tuple[str | None, str]]:
    """Split text into maximal runs drawn by the same font (None: the main one). Spaces join any run."""
    runs: list[tuple[str | None, str]] = []
    current: str | None = None
    buffer: list[str] = []
    for char in value:
        face = current if char == " " else fonts(char)
        if face != current and buffer:
            runs.append((current, "".join(buffer)))
            buffer = []
        current = face
        buffer.append(char)
    if buffer:
        runs.append((current, "".join(buffer)))
    return runs


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word where possible and marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"
