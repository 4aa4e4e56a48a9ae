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
from datetime import date, datetime
from pathlib import Path
from typing import Any

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import MAX_FILE_BYTES, Document, Loc, read_text

TABLE_SUFFIXES = (".csv", ".xlsx")


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
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel  # type: ignore[assignment]
    try:
        lines = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"valid CSV ({error})")]) from None
    if not lines:
        raise InvalidInput([Problem(str(path), 1, "", None, "a header row naming the columns")])
    return [h.strip().lower() for h in lines[0]], [[cell.strip() for cell in line] for line in lines[1:]]


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
        rows = _xlsx_rows(path, load_workbook)
    except _DAMAGED_XLSX as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"a readable XLSX workbook ({error})")]) from None
    if not rows:
        raise InvalidInput([Problem(str(path), 1, "", None, "a header row naming the columns")])
    header = [str(h).strip().lower() if h is not None else "" for h in rows[0]]
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
            return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            book.close()


def _cell(value: Any) -> Any:
    """XLSX cells as the loader expects: dates as dates, whole floats as ints, text stripped."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


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
