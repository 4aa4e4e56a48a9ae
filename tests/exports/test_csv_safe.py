"""CSV cells cannot start a spreadsheet formula."""

from __future__ import annotations

import csv
import io

import pytest

from exports.csv import FORMULA_STARTS, csv_bytes, csv_text, formula_safe, safe_cell


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1234", "'+1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Amina", "Amina"),
        (12, 12),
        (-3, -3),
        (0.5, 0.5),
        (None, ""),
        (True, "true"),
    ],
)
def test_safe_cell(value: object, expected: object) -> None:
    assert safe_cell(value) == expected


def test_csv_text_round_trips_quotes_and_commas() -> None:
    text = csv_text(["name", "organisation"], [['A "B", C', "=cmd|' /C calc'!A0"]])
    assert list(csv.reader(io.StringIO(text))) == [["name", "organisation"], ['A "B", C', "'=cmd|' /C calc'!A0"]]


def test_csv_bytes_start_with_a_byte_order_mark() -> None:
    assert csv_bytes(["a"], [[1]]).startswith("\ufeffa\r\n".encode())


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_formula_safe_quotes_every_formula_start(start: str) -> None:
    assert formula_safe(f"{start}1+1") == f"'{start}1+1"


def test_formula_safe_leaves_plain_text_alone() -> None:
    assert formula_safe("Amina 1+1=2") == "Amina 1+1=2"
