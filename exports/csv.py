"""CSV that is safe to open in a spreadsheet: cells that would start a formula are neutralised.

A cell beginning with `=`, `+`, `-`, `@` (or a tab or carriage return, which some spreadsheets skip before
reading a formula) gets a leading single quote, so `=HYPERLINK(...)` in a participant's name is shown as
text instead of being run (OWASP "CSV injection"). Numbers are written as numbers and are left alone.
"""

from __future__ import annotations

import csv as _csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula; the one list in tiptrain."""


def formula_safe(text: str) -> str:
    """The text with a leading single quote when a spreadsheet would run it as a formula.

    The one place this rule lives: `safe_cell` below and the period report's CSV (tiptrain.register.formats)
    both call it, so they cannot disagree about which cells are dangerous.
    """
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def safe_cell(value: object) -> str | int | float:
    """A cell value that a spreadsheet will not read as a formula; ints and floats pass unchanged."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    return formula_safe(str(value))


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The whole table as CSV text (RFC 4180 quoting, CRLF line ends), every cell made safe."""
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """CSV as UTF-8 with a byte-order mark, which spreadsheet programs need to read accents correctly."""
    return ("\ufeff" + csv_text(header, rows)).encode("utf-8")
