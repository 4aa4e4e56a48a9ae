"""Spreadsheets (CSV and XLSX) as loader Documents: a list of rows keyed by header, with row numbers.

Coordinators keep trainers, requests and rosters in spreadsheets. A table becomes the same `Document` as a
YAML file, so validation reports problems the same way: file, row (as the line), column, value, expected.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
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


def load_table(path: Path | str, *, header: Sequence[str] = (), legacy_encodings: Sequence[str] = ()) -> Document:
    """Rows of a CSV or XLSX file as dicts keyed by the header row; empty cells are left out.

    By default the header is the first row. With `header` (column names a table must have), the header is
    the first of the top rows naming all of them (or, failing that, the most of them), so the title rows
    spreadsheets often carry above it are skipped; row numbers stay those the spreadsheet shows. With
    `legacy_encodings` (code pages such as cp1252, most likely first), a CSV file that is not UTF-8 is
    decoded in the encoding charset-normalizer detects, as Excel saves it on many computers.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        lines = _read_csv(path, header, legacy_encodings)
    elif suffix == ".xlsx":
        lines = _read_xlsx(path)
    else:
        raise InvalidInput([Problem(str(path), None, "", path.suffix, "a .csv or .xlsx file")])
    if not lines:
        raise InvalidInput([Problem(str(path), 1, "", None, "a header row naming the columns")])
    top = _header_index(path, lines, header)
    names = [_heading(cell) if cell is not None else "" for cell in lines[top]]
    _check_header(path, names, top + 1)
    records = [
        {name: value for name, value in zip(names, row, strict=False) if name and not _blank(value)}
        for row in lines[top + 1 :]
    ]
    return Document(
        str(path),
        records,
        locate=functools.partial(_row_line, header_row=top + 1),
        field_name=_column,
        columns=[name for name in names if name],
    )


MAX_TITLE_ROWS = 10
"""How many rows above the header (titles, a date, blank lines) a table may have when its columns are known."""
DELIMITERS = (",", ";", "\t")
"""CSV separators: comma, semicolon (Excel where the decimal mark is a comma), tab (Excel's "Unicode text")."""


def _header_index(path: Path, lines: list[list[Any]], header: Sequence[str]) -> int:
    """The index of the header row: the first row naming all of `header`, else the one naming the most."""
    if not header:
        return 0
    found = _named_counts(lines[: MAX_TITLE_ROWS + 1], header)
    best = max(found, default=0)
    if best == 0:
        expected = (
            f"a header row naming the columns {', '.join(header)} "
            f"(none of the first {min(len(lines), MAX_TITLE_ROWS + 1)} rows names any of them)"
        )
        raise InvalidInput([Problem(str(path), None, "", None, expected)])
    return found.index(best)


def _named_counts(lines: list[list[Any]], header: Sequence[str]) -> list[int]:
    """For each row, how many of the names in `header` it holds as cells."""
    wanted = set(header)
    return [len(wanted & {_heading(cell) for cell in row if cell is not None}) for row in lines]


def _read_csv(path: Path, header: Sequence[str], legacy_encodings: Sequence[str]) -> list[list[str]]:
    text = _csv_text(path, legacy_encodings) if legacy_encodings else read_text(path)
    delimiter = _delimiter(text, header)
    try:
        # Only the delimiter is guessed, never the quoting: spreadsheets write a quote inside a quoted cell
        # doubled (""), which csv.Sniffer turns off when the sample has no quotes.
        lines = _bounded(path, csv.reader(io.StringIO(text), csv.excel, delimiter=delimiter), "")
    except csv.Error as error:
        raise InvalidInput([Problem(str(path), None, "", None, f"valid CSV ({error})")]) from None
    return [[cell.strip() for cell in line] for line in lines]


def _delimiter(text: str, header: Sequence[str]) -> str:
    """The separator that splits the header line into the most columns (the known column names first).

    With known column names, the separator that puts the most of them in one of the top rows wins (title
    rows above the header hold no separators, or the wrong ones); ties, and tables of unknown columns, go to
    the separator that cuts the first non-blank line into the most cells, a comma when none does.
    """
    sample = text[:65536]
    scores: list[tuple[int, int, int, str]] = []
    for rank, delimiter in enumerate(DELIMITERS):
        try:
            rows = list(itertools.islice(csv.reader(io.StringIO(sample), csv.excel, delimiter=delimiter), 50))
        except csv.Error:
            continue
        top = rows[: MAX_TITLE_ROWS + 1]
        named = max(_named_counts(top, header), default=0) if header else 0
        first = next((row for row in top if any(cell.strip() for cell in row)), [])
        scores.append((named, len(first), -rank, delimiter))
    return max(scores)[3] if scores else ","


def _csv_text(path: Path, likely: Sequence[str]) -> str:
    """The text of a CSV file in UTF-8 or, failing that, in the legacy encoding charset-normalizer finds."""
    try:
        return read_text(path)
    except InvalidInput as refusal:
        try:
            raw = path.read_bytes() if path.stat().st_size <= MAX_FILE_BYTES else b""
        except OSError:
            raise refusal from None
        if not raw:
            raise
        return _decoded(path, raw, likely)


CHAOS_MARGIN = 0.1
"""How much more "chaos" (charset-normalizer's measure of odd text) a likely code page may show than the best."""


def _decoded(path: Path, raw: bytes, likely: Sequence[str]) -> str:
    """`raw` decoded: a byte-order mark settles it, else the first likely code page that reads about as well.

    charset-normalizer's best guess is arbitrary among the code pages in which a short Western file reads
    equally well (cp1250, cp775, cp1252 ...); the likely ones, from the workshop's language, break the tie.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        expected = "text in UTF-8 or a legacy encoding such as Windows-1252 (no encoding fits this file)"
        raise InvalidInput([Problem(str(path), None, "", None, expected)])
    if not best.bom:
        for encoding in likely:
            match = from_bytes(raw, cp_isolation=[encoding]).best()
            if match is not None and match.chaos <= best.chaos + CHAOS_MARGIN:
                best = match
                break
    return str(best).removeprefix("\ufeff")


def _read_xlsx(path: Path) -> list[list[Any]]:
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
    return rows


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


def _check_header(path: Path, header: list[str], line: int) -> None:
    seen: set[str] = set()
    for index, name in enumerate(header):
        if name and name in seen:
            raise InvalidInput([Problem(str(path), line, name, None, f"each column once (column {index + 1})")])
        seen.add(name)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _row_line(loc: Loc, header_row: int = 1) -> int | None:
    """Row number as a spreadsheet shows it: the header is row `header_row`, the first record the next one."""
    for part in loc:
        if isinstance(part, int):
            return part + header_row + 1
    return None


def header_line(document: Document) -> int:
    """The row number of a table's header (1 unless title rows stand above it)."""
    first = document.locate((0,))
    return first - 1 if first is not None else 1


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
