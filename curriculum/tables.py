"""Spreadsheets (CSV and XLSX) as loader Documents: a list of rows keyed by header, with row numbers.

Coordinators keep trainers, requests and rosters in spreadsheets. A table becomes the same `Document` as a
YAML file, so validation reports problems the same way: file, row (as the line), column, value, expected.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
import zlib
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import MAX_FILE_BYTES, MAX_TEXT_CHARS, Document, Loc, read_text, shown, too_long

TABLE_SUFFIXES = (".csv", ".xlsx")
MAX_TABLE_ROWS = 100_000
"""Refuse tables with more rows than this (a roster has dozens, a request sheet hundreds)."""
MAX_TABLE_COLUMNS = 100
"""Refuse tables with values in more columns than this; empty columns beyond it are ignored."""
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
"""Refuse workbooks whose parts unpack to more bytes than this (a "zip bomb" is a few kilobytes on disk)."""


def load_table(path: Path | str) -> Document:
    """Rows of a CSV or XLSX file as dicts keyed by the header row; empty cells are left out."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        header, rows = _read_csv(path)
    elif suffix == ".xlsx":
        header, rows = _read_xlsx(path)
    else:
        raise InvalidInput([Problem(str(path), None, "", path.suffix, "a .csv or .xlsx file")])
    _check_header(path, header)
    records = [
        {name: value for name, value in zip(header, row, strict=False) if name and not _blank(value)}
        for row in rows
    ]
    return Document(str(path), records, locate=_row_line, field_name=_column)


def _read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    text = read_text(path)
    try:
        delimiter = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    try:
        # Only the delimiter is guessed: the sniffer, seeing no quotes in a header, would also turn off the
        # doubled quotes ("") with which spreadsheets write a quote inside a quoted cell.
        lines = _bounded(path, csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter), "")
    except csv.Error as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"valid CSV ({error})")]) from None
    if not lines:
        raise InvalidInput([Problem(str(path), 1, "", None, "a header row naming the columns")])
    return [_heading(h) for h in lines[0]], [[cell.strip() for cell in line] for line in lines[1:]]


def _read_xlsx(path: Path) -> tuple[list[str], list[list[Any]]]:
    from openpyxl import load_workbook

    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InvalidInput([Problem(str(path), None, "", None, "a file that exists")]) from None
    except OSError as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"a readable file ({error.strerror})")]) from None
    if size > MAX_FILE_BYTES:
        raise InvalidInput([Problem(str(path), None, "", None, f"a file under {MAX_FILE_BYTES} bytes")])
    try:
        _check_unpacked(path)
        rows = _xlsx_rows(path, load_workbook)
    except _DAMAGED_XLSX as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"a readable XLSX workbook ({error})")]) from None
    if not rows:
        raise InvalidInput([Problem(str(path), 1, "", None, "a header row naming the columns")])
    header = [_heading(h) if h is not None else "" for h in rows[0]]
    return header, rows[1:]


_DAMAGED_XLSX = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,  # damaged, encrypted zip
    SyntaxError,  # xml.etree.ElementTree.ParseError: damaged XML part
    KeyError, IndexError, ValueError, TypeError, AttributeError,  # parts missing or of the wrong shape
    OSError,
)  # fmt: skip
"""What openpyxl raises for a damaged workbook (found by fuzzing), while opening it or reading its rows."""


def _xlsx_rows(path: Path, load_workbook: Any) -> list[list[Any]]:
    """The cell values of the first sheet. The sheet is parsed lazily, so damage can show while reading rows."""
    # We open the file ourselves: openpyxl leaves it open when a damaged workbook fails to load.
    with warnings.catch_warnings(), path.open("rb") as handle:
        # openpyxl warns about parts it does not use (styles, data validation, extensions); reading values
        # is unaffected, and the warnings would only be noise on the user's terminal.
        warnings.simplefilter("ignore", UserWarning)
        book = load_workbook(handle, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # max_col bounds the padding openpyxl adds up to a far cell (or a false sheet size) in every row
            width = min(sheet.max_column or MAX_TABLE_COLUMNS + 1, MAX_TABLE_COLUMNS + 1)
            cells = sheet.iter_rows(values_only=True, max_col=width)
            return _bounded(path, ([_cell(value) for value in row] for row in cells), None)
        finally:
            book.close()


def _check_unpacked(path: Path) -> None:
    """Refuse a workbook that unpacks to more than MAX_XLSX_UNPACKED bytes (zipfile holds parts to their size)."""
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    if unpacked > MAX_XLSX_UNPACKED:
        expected = f"a workbook that unpacks to at most {MAX_XLSX_UNPACKED} bytes"
        raise InvalidInput([Problem(str(path), None, "", f"{unpacked} bytes", expected)])


def _bounded(path: Path, rows: Iterable[list[Any]], blank: Any) -> list[list[Any]]:
    """The rows, with trailing blank cells cut; InvalidInput past the limits of rows, columns or text."""
    kept: list[list[Any]] = []
    for number, row in enumerate(rows, start=1):
        while row and row[-1] == blank:
            row.pop()
        if len(row) > MAX_TABLE_COLUMNS:
            expected = f"at most {MAX_TABLE_COLUMNS} columns with values"
            raise InvalidInput([Problem(str(path), number, "", None, expected)])
        if number > MAX_TABLE_ROWS + 1:
            expected = f"at most {MAX_TABLE_ROWS} rows under the header"
            raise InvalidInput([Problem(str(path), number, "", None, expected)])
        _check_texts(path, number, row, kept[0] if kept else row)
        kept.append(row)
    return kept


def _check_texts(path: Path, number: int, row: list[Any], header: list[Any]) -> None:
    """Refuse a cell holding more than MAX_TEXT_CHARS characters, naming its row and column."""
    for index, cell in enumerate(row):
        if isinstance(cell, str) and len(cell) > MAX_TEXT_CHARS:
            name = _heading(header[index]) if index < len(header) and header is not row else ""
            column = name or f"column {index + 1}"
            raise InvalidInput([Problem(str(path), number, column, None, too_long(cell))])


def _cell(value: Any) -> Any:
    """XLSX cells as the loader expects: dates as dates, whole floats as ints, text stripped."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _heading(cell: Any) -> str:
    """A column name as the loader uses it: lower case, escaped when it holds invisible characters.

    A heading with a terminal escape sequence would otherwise reach the user's screen in an error message.
    """
    return shown(str(cell).strip().lower())


def _check_header(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name and name in seen:
            raise InvalidInput([Problem(str(path), 1, name, None, f"each column once (column {index + 1})")])
        seen.add(name)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _row_line(loc: Loc) -> int | None:
    """Row number as a spreadsheet shows it: the header is row 1, the first record row 2."""
    for part in loc:
        if isinstance(part, int):
            return part + 2
    return None


def _column(loc: Loc) -> str:
    """The column a field came from (`window.earliest` for nested ones)."""
    first_int = next((i for i, part in enumerate(loc) if isinstance(part, int)), -1)
    names = [str(part) for part in loc[first_int + 1 :] if isinstance(part, str)]
    return ".".join(names) if names else "row"


def split_list(value: Any) -> list[str]:
    """A cell holding several values: 'fr; en' or 'fr, en' -> ['fr', 'en']."""
    if isinstance(value, list):
        return value
    text = str(value).replace(";", ",")
    return [part.strip() for part in text.split(",") if part.strip()]


def parse_day(value: Any) -> Any:
    """A cell that should hold a date: dates pass, ISO text becomes a date, anything else is returned."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return value
