"""Tables with known columns: the header found below title rows, the separator taken from the header line."""

from __future__ import annotations

from pathlib import Path

import pytest

from curriculum.errors import InvalidInput, Problem
from curriculum.tables import header_line, load_table

COLUMNS = ("name", "size")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_load_table_header_found_below_title_rows_with_their_own_separators(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "Workshop, Dakar, 2026\n\nname;size;notes\nAmina;3;a, b\n")

    document = load_table(path, header=COLUMNS)

    assert (document.data, header_line(document), document.locate((0, "size"))) == (
        [{"name": "Amina", "size": "3", "notes": "a, b"}],
        3,
        4,
    )


def test_load_table_header_with_most_of_the_columns_when_none_has_all(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "List of people\nname,notes\nAmina,x\n")

    assert load_table(path, header=COLUMNS).data == [{"name": "Amina", "notes": "x"}]


def test_load_table_without_any_known_column_names_what_it_looked_for(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "Nom;Taille\nAmina;3\n")

    with pytest.raises(InvalidInput) as raised:
        load_table(path, header=COLUMNS)

    expected = "a header row naming the columns name, size (none of the first 2 rows names any of them)"
    assert raised.value.problems == [Problem(str(path), None, "", None, expected)]


def test_load_table_without_known_columns_keeps_the_first_row_as_header(tmp_path: Path) -> None:
    path = write(tmp_path / "people.csv", "Title\nname,size\nAmina,3\n")

    assert load_table(path).data == [{"title": "name"}, {"title": "Amina"}]


def test_load_table_legacy_encoding_only_when_asked(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("name;size\nHélène;3\n".encode("cp1252"))

    with pytest.raises(InvalidInput):
        load_table(path)
    assert load_table(path, legacy_encodings=["cp1252"]).data == [{"name": "Hélène", "size": "3"}]
