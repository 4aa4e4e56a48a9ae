"""Right-to-left lines for reportlab: Arabic letters joined, characters put in display order.

reportlab draws the characters of a string left to right with no shaping, and its own right-to-left path is
not usable (`/work/shared/notes/LIBRARIES.md`). So each *line* is prepared here, after the logical text was
wrapped into lines: `arabic_reshaper` joins Arabic letters into their presentation forms (lam-alef
ligatures, harakat kept), python-bidi's UAX #9 (the Rust `unicode-bidi`) resolves the embedding level of
every character, and the line is reordered for display (rule L2), brackets at right-to-left levels mirrored
(rule L4, which python-bidi leaves out). Text extractors read such a line back in reading order, as
presentation forms that NFKC turns back into letters.

A line may be made of styled spans (a bold label, then a value): the reordering works on the whole line and
each character keeps its span's tag, so `display` returns visual runs of (text, tag), left to right.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Hashable, Sequence
from typing import TypeVar

from arabic_reshaper import ArabicReshaper
from bidi import get_display
from bidi.mirror import MIRRORED

Tag = TypeVar("Tag", bound=Hashable)

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Hebrew, Arabic, Syriac, Thaana, N'Ko ... letters and presentation forms: characters that need bidi."""
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
_LEVELS = re.compile(r"Level\(\s*(\d+),?\s*\)")
_RESET = frozenset({"WS", "FSI", "LRI", "RLI", "PDI", "BN", "LRE", "RLE", "LRO", "RLO", "PDF"})
"""Classes that take the paragraph level at the end of a line (rule L1) ..."""
_SEPARATORS = frozenset({"S", "B"})
"""... and before a segment or paragraph separator, which takes it itself."""


def has_rtl(text: str) -> bool:
    """Whether the text holds right-to-left letters (and so needs shaping and reordering)."""
    return _RTL.search(text) is not None


@functools.lru_cache(maxsize=65536)
def shape(text: str) -> str:
    """Arabic letters in their joined forms (initial, medial, final, ligatures); other text unchanged."""
    return _reshaper().reshape(text) if _ARABIC.search(text) else text


@functools.cache
def _reshaper() -> ArabicReshaper:
    """The reshaper, made on first need (it reads its settings and builds ligature patterns)."""
    return ArabicReshaper(configuration={"delete_harakat": False, "support_ligatures": True})


def visual(text: str, rtl: bool) -> str:
    """One line of logical text as it is drawn left to right: shaped, reordered, brackets mirrored."""
    return "".join(run for run, _ in display(((text, 0),), rtl))


@functools.lru_cache(maxsize=16384)
def display(spans: Sequence[tuple[str, Tag]], rtl: bool) -> tuple[tuple[str, Tag], ...]:
    """The styled spans of one logical line as visual runs (text, tag), from left to right.

    `rtl` is the paragraph direction: True in an Arabic document, where a line of Latin text still sits
    at the right; False elsewhere, where only the Arabic words of a line (a name) are reversed. Spans
    should end at word boundaries: letters are joined within a span.
    """
    shaped = [(shape(text), tag) for text, tag in spans if text]
    line = "".join(text for text, _ in shaped)
    if not line:
        return ()
    if not rtl and not has_rtl(line):
        return _merge([(char, tag) for text, tag in shaped for char in text])
    tags = [tag for text, tag in shaped for _ in text]
    levels = embedding_levels(line, rtl)
    expected = get_display(line, base_dir="R" if rtl else "L")
    order = visual_order(line, levels, rtl) if levels else []
    if not order or "".join(line[i] for i in order) != expected:
        # python-bidi changed how it reports levels: trust its string, in the first span's style
        return ((str(expected), shaped[0][1]),)
    chars = [(MIRRORED.get(line[i], line[i]) if levels[i] % 2 else line[i], tags[i]) for i in order]
    return _merge(chars)


def embedding_levels(line: str, rtl: bool) -> list[int]:
    """The resolved embedding level of each character (even: left to right), as python-bidi finds them.

    python-bidi 0.6 reports levels only in its debug output, one per UTF-8 byte; an empty list when that
    output cannot be read (the caller then falls back to python-bidi's display string).
    """
    debug = str(get_display(line, base_dir="R" if rtl else "L", debug=True))
    _, found, rest = debug.partition("\n    levels: [\n")
    if not found:
        return []
    per_byte = [int(level) for level in _LEVELS.findall(rest.partition("\n    ],")[0])]
    levels: list[int] = []
    offset = 0
    for char in line:
        if offset >= len(per_byte):
            return []
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return levels if offset == len(per_byte) else []


def visual_order(line: str, levels: Sequence[int], rtl: bool) -> list[int]:
    """Logical indexes in display order: rules L1 (whitespace at the end takes the paragraph level) and L2."""
    base = 1 if rtl else 0
    final = list(levels)
    trailing = True
    for index in range(len(line) - 1, -1, -1):
        kind = unicodedata.bidirectional(line[index])
        if kind in _SEPARATORS:
            final[index], trailing = base, True
        elif trailing and kind in _RESET:
            final[index] = base
        else:
            trailing = False
    order = list(range(len(line)))
    highest = max(final, default=0)
    lowest_odd = min((level for level in final if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        start = None
        for position in range(len(order) + 1):
            inside = position < len(order) and final[order[position]] >= level
            if inside and start is None:
                start = position
            elif not inside and start is not None:
                order[start:position] = order[start:position][::-1]
                start = None
    return order


def _merge(chars: Sequence[tuple[str, Tag]]) -> tuple[tuple[str, Tag], ...]:
    """Neighbouring characters of the same tag joined into runs."""
    runs: list[tuple[str, Tag]] = []
    for char, tag in chars:
        if runs and runs[-1][1] == tag:
            runs[-1] = (runs[-1][0] + char, tag)
        else:
            runs.append((char, tag))
    return tuple(runs)
