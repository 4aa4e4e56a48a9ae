"""Reading a PDF's layout back: where each word and each ruled line landed, and what collides.

A page prints cleanly when no two words overlap, no ruled line (a table's cell border, a rule under a
heading) runs through a word, and every word stays inside the page's printable area. pdfplumber gives the
boxes: a word's box spans its font size (from the font's descent up), so two lines of a paragraph set
with a leading above the font size never touch, while text that overflows a fixed-height table row does.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

SAFE_EDGE = 18.0
"""Printable area: text keeps this far (a quarter inch) from every edge of the paper; office printers
leave about 5 mm blank."""
SLACK = 0.6
"""Points two boxes may share before it counts as a collision (glyph side bearings, rounding)."""


@dataclass(frozen=True)
class Box:
    """A word on a page, in points from the page's top-left corner."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    def overlaps(self, other: Box) -> bool:
        return (
            min(self.x1, other.x1) - max(self.x0, other.x0) > SLACK
            and min(self.bottom, other.bottom) - max(self.top, other.top) > SLACK
        )

    def crossed_by(self, edge: dict[str, float]) -> bool:
        """Whether a horizontal or vertical ruled line passes through the inside of the box."""
        if edge["orientation"] == "h":
            along = min(self.x1, edge["x1"]) - max(self.x0, edge["x0"])
            return self.top + SLACK < edge["top"] < self.bottom - SLACK and along > SLACK
        along = min(self.bottom, edge["bottom"]) - max(self.top, edge["top"])
        return self.x0 + SLACK < edge["x0"] < self.x1 - SLACK and along > SLACK


def layout_problems(data: bytes) -> list[str]:
    """Every collision in a PDF, one line each: overlapping words, words crossed by a line, words off the page.

    An empty list means the document prints cleanly.
    """
    import pdfplumber

    problems: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = [
                Box(w["text"], w["x0"], w["top"], w["x1"], w["bottom"])
                for w in page.extract_words(keep_blank_chars=False, use_text_flow=False)
            ]
            problems += [f"page {number}: {problem}" for problem in _page_problems(words, page)]
    return problems


def _page_problems(words: list[Box], page: object) -> list[str]:
    width, height = page.width, page.height  # type: ignore[attr-defined]
    edges = [e for e in page.edges if _long(e)]  # type: ignore[attr-defined]
    problems = [
        f"{w.text!r} leaves the printable area"
        for w in words
        if w.x0 < SAFE_EDGE or w.top < SAFE_EDGE or w.x1 > width - SAFE_EDGE or w.bottom > height - SAFE_EDGE
    ]
    ordered = sorted(words, key=lambda w: w.top)
    for index, word in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.top >= word.bottom:
                break
            if word.overlaps(other):
                problems.append(f"{word.text!r} overlaps {other.text!r}")
    problems += [f"{w.text!r} is crossed by a line" for w in words if any(w.crossed_by(e) for e in edges)]
    return problems


def _long(edge: dict[str, float]) -> bool:
    """A ruled line or a side of a box, not a dot."""
    return max(edge["x1"] - edge["x0"], edge["bottom"] - edge["top"]) > 2
