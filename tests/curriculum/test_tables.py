"""Spreadsheets as loader documents: rows keyed by header, row numbers as lines, problems naming columns."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import validate_each
from curriculum.tables import load_table, parse_day, split_list


class Row(BaseModel):
    """A small model to validate table rows with."""

    model_config = ConfigDict(extra="forbid")

    name: str
    size: int
    day: date | None = None


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[Any]], extra_sheet: bool = False) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if extra_sheet:
        book.create_sheet("second").append(["ignored"])
    book.save(path)
    return path


def problems_of(call: Callable[[], object]) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.problems


# --- CSV ------------------------------------------------------------------------------------------------


def test_load_table_csv_rows_keyed_by_lowercase_header_with_blank_cells_left_out(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", " Name ,SIZE,day\n Amina , 3 ,\nPedro,,2027-01-05\n")

    assert load_table(path).data == [{"name": "Amina", "size": "3"}, {"name": "Pedro", "day": "2027-01-05"}]


@pytest.mark.parametrize("delimiter", [";", "\t", ","])
def test_load_table_csv_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path, "people.csv", f"name{delimiter}size\nAmina{delimiter}3\n")

    assert load_table(path).data == [{"name": "Amina", "size": "3"}]


def test_load_table_csv_quoted_cell_keeps_its_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", 'name,languages\nAmina,"fr, en"\n')

    assert load_table(path).data == [{"name": "Amina", "languages": "fr, en"}]


def test_load_table_csv_row_numbers_are_lines_and_columns_are_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "name,size,day\nAmina,3,\nPedro,big,2027-02-30\n,4,\n")

    valid, problems = validate_each(_under(load_table(path), "rows"), "rows", Row)

    assert valid == [(0, Row(name="Amina", size=3))]
    assert problems == [
        Problem(str(path), 3, "size", "'big'", "a valid integer, unable to parse string as an integer"),
        Problem(str(path), 3, "day", "'2027-02-30'", "an existing day (February 2027 has no day 30: it has 28 days)"),
        Problem(str(path), 4, "name", None, "a value (this field is required)"),
    ]


def test_load_table_csv_unknown_column_is_named_with_its_row(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "name,size,colour\nAmina,3,red\n")

    assert validate_each(_under(load_table(path), "rows"), "rows", Row)[1] == [
        Problem(str(path), 2, "colour", None, "no such field (unknown key)")
    ]


def test_load_table_csv_duplicate_column_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "name,size,Name\nAmina,3,Olga\n")

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), 1, "name", None, "each column once (column 3)")]


def test_load_table_csv_empty_file_needs_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "")

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), 1, "", None, "a header row naming the columns")]


def test_load_table_csv_header_only_has_no_rows(tmp_path: Path) -> None:
    assert load_table(write(tmp_path, "people.csv", "name,size\n")).data == []


def test_load_table_csv_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "people.csv", "name,size\nJos\xe9,3\n".encode("latin-1"))

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), 2, "", None, "text encoded as UTF-8")]


def test_load_table_csv_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), None, "", None, "a file that exists")]


def test_load_table_unknown_suffix_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "people.ods", "")

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), None, "", ".ods", "a .csv or .xlsx file")]


# --- XLSX -----------------------------------------------------------------------------------------------


def test_load_table_xlsx_cells_become_dates_ints_and_stripped_text(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Name", "Size", "Day", None],
        ["  Amina ", 3.0, datetime(2027, 1, 5, 0, 0), None],  # noqa: DTZ001 (XLSX cells have no zone)
        ["Pedro", 2.5, date(2027, 2, 1), None],
        [None, None, None, None],
    ]
    path = write_xlsx(tmp_path / "people.xlsx", rows)

    assert load_table(path).data == [
        {"name": "Amina", "size": 3, "day": date(2027, 1, 5)},
        {"name": "Pedro", "size": 2.5, "day": date(2027, 2, 1)},
        {},
    ]


def test_load_table_xlsx_reads_only_the_first_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", [["name", "size"], ["Amina", 3]], extra_sheet=True)

    assert load_table(path).data == [{"name": "Amina", "size": 3}]


def test_load_table_xlsx_problems_name_row_and_column(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", [["name", "size"], ["Amina", 3], ["Pedro", "big"]])

    assert validate_each(_under(load_table(path), "rows"), "rows", Row)[1] == [
        Problem(str(path), 3, "size", "'big'", "a valid integer, unable to parse string as an integer")
    ]


def test_load_table_xlsx_empty_sheet_needs_a_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "people.xlsx", [])

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), 1, "", None, "a header row naming the columns")]


def test_load_table_xlsx_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"

    assert problems_of(lambda: load_table(path)) == [Problem(str(path), None, "", None, "a file that exists")]


def test_load_table_xlsx_that_is_not_a_zip_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "people.xlsx", "name,size\n")

    assert problems_of(lambda: load_table(path)) == [
        Problem(str(path), None, "", None, "a readable XLSX workbook (File is not a zip file)")
    ]


def test_load_table_xlsx_with_damaged_sheet_is_rejected(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["name", "size"], ["Amina", 3]])
    path = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            damaged = name == "xl/worksheets/sheet1.xml"
            target.writestr(name, b"<worksheet" if damaged else source.read(name))

    assert [p.expected.startswith("a readable XLSX workbook") for p in problems_of(lambda: load_table(path))] == [True]


def test_load_table_xlsx_without_stylesheet_loads_without_warning(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "good.xlsx", [["name", "size"], ["Amina", 3]])
    path = tmp_path / "plain.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            content = source.read(name)
            target.writestr(name, b"<x/>" if name == "xl/styles.xml" else content)

    assert load_table(path).data == [{"name": "Amina", "size": 3}]


# --- cell helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "values"),
    [("fr; en", ["fr", "en"]), ("fr, en", ["fr", "en"]), ("fr;;en ,", ["fr", "en"]), (7, ["7"]), (["a"], ["a"])],
)
def test_split_list_accepts_semicolons_and_commas(cell: object, values: list[str]) -> None:
    assert split_list(cell) == values


@pytest.mark.parametrize(
    ("cell", "value"),
    [(date(2027, 1, 5), date(2027, 1, 5)), ("2027-01-05", date(2027, 1, 5)), ("next week", "next week"), (5, 5)],
)
def test_parse_day_makes_iso_text_a_date_and_returns_the_rest(cell: object, value: object) -> None:
    assert parse_day(cell) == value


def _under(document: Any, key: str) -> Any:
    """The table's rows under `key`, as validate_each expects them."""
    document.data = {key: document.data}
    return document
