"""Trainers and requests from YAML, CSV or XLSX files: validated, cross-checked, every problem at once.

YAML files hold a list under `trainers:` or `requests:`. Spreadsheets hold one trainer or request per row
under a header of flat columns (`TRAINER_COLUMNS`, `REQUEST_COLUMNS`); each row is turned into the nested
shape of the YAML file before validation, and problems name the row and the column as the user wrote it.

Table conventions (header names are case-insensitive; empty cells mean "not given"):
- list cells (`expertise`, `languages`, `audiences`, `regional`, `avoid`, `participant_languages`) separate
  values by `;` or `,`;
- `unavailable` holds date ranges `FROM..TO` (a single date is one day), separated by `;` or `,`:
  `2027-03-01..2027-03-19; 2027-05-10..2027-05-12`;
- requests give their window as two columns, `window_earliest` and `window_latest`;
- `interpretation` is yes/no, true/false or 1/0;
- values are kept as written (only surrounding spaces are stripped), so problems show them unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from curriculum.dates import DAY_EXPECTED, parse_span
from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document, Loc, load_yaml, short_repr, validate_each
from curriculum.models import Catalogue
from curriculum.tables import TABLE_SUFFIXES, load_table, split_list
from curriculum.timezones import zone_question
from scheduler.models import Request, Trainer

Model = TypeVar("Model", bound=BaseModel)
Items = list[tuple[int, Model]]
CellProblem = tuple[str, Any, str]
"""A problem found while converting a row: column, value, what was expected."""

YAML_SUFFIXES = (".yaml", ".yml")

TRAINER_COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "expertise",
    "languages",
    "home",
    "max_workshops",
    "travel_days",
    "unavailable",
    "trained_at",
    "email",
    "home_city",
)
REQUEST_COLUMNS: tuple[str, ...] = (
    "id",
    "country",
    "city",
    "tz",
    "programme",
    "language",
    "audiences",
    "participants",
    "window_earliest",
    "window_latest",
    "preferred_start",
    "priority",
    "regional",
    "partner",
    "avoid",
    "interpretation",
    "participant_languages",
)
LIST_COLUMNS = frozenset({"expertise", "languages", "audiences", "regional", "avoid", "participant_languages"})
TEXT_COLUMNS = frozenset(
    {"id", "name", "home", "trained_at", "email", "country", "city", "tz", "programme", "language", "partner"}
)
RANGES_EXPECTED = "date ranges as FROM..TO, days written YYYY-MM-DD, such as 2027-03-01..2027-03-19, separated by ';'"

_TABLE_WORDING: dict[str, tuple[str, str]] = {
    "'latest' on or after 'earliest'": ("window_latest", "a date on or after window_earliest"),
    "preferred_start inside the window": ("preferred_start", "a date from window_earliest to window_latest"),
}
"""Model messages that speak of nested fields, reworded for a table, with the column they concern."""


def load_trainers(path: Path | str) -> list[Trainer]:
    """The trainers of a YAML, CSV or XLSX file; InvalidInput lists every problem with file and line."""
    document, items, problems = _load(Path(path), "trainers", Trainer, TRAINER_COLUMNS, _trainer_item)
    problems += duplicate_ids(document, "trainers", items)
    _raise_if_any(problems)
    return [trainer for _, trainer in items]


def load_requests(path: Path | str, catalogue: Catalogue | None = None) -> list[Request]:
    """The requests of a YAML, CSV or XLSX file, checked against `catalogue` when one is given."""
    document, items, problems = _load(Path(path), "requests", Request, REQUEST_COLUMNS, _request_item)
    problems += duplicate_ids(document, "requests", items)
    if catalogue is not None:
        problems += unknown_programmes(document, items, catalogue)
    problems += missing_time_zones(document, items)
    _raise_if_any(problems)
    return [request for _, request in items]


def _raise_if_any(problems: list[Problem]) -> None:
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: p.line or 0))


def _load(
    path: Path,
    key: str,
    model: type[Model],
    columns: Sequence[str],
    convert: Callable[[dict[str, Any]], tuple[dict[str, Any], list[CellProblem]]],
) -> tuple[Document, Items[Model], list[Problem]]:
    """The document of the file, its valid items (index, model) and the problems of the rest."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        document = load_yaml(path)
        items, problems = validate_each(document, key, model)
        return document, items, problems
    if suffix in TABLE_SUFFIXES:
        table, problems = table_document(path, key, columns, convert)
        items, more = validate_each(table, key, model)
        return table, items, problems + more
    expected = "a .yaml, .yml, .csv or .xlsx file"
    raise InvalidInput([Problem(str(path), None, "", path.suffix or None, expected)])


# --- tables ---------------------------------------------------------------------------------------------


@dataclass
class TableDocument(Document):
    """Rows of a table turned into nested items under `key`; problems name the row, the column and the cell.

    `cells` keeps each row as read (column -> cell), so a problem about a nested value (a window, a range)
    shows what the user typed in the column rather than the converted structure.
    """

    cells: list[dict[str, Any]] = field(default_factory=list)

    def problem(self, loc: Loc, expected: str, value: Any = None, show_value: bool = True) -> Problem:
        column = table_column(loc)
        column, expected = _TABLE_WORDING.get(expected, (column, expected))
        row = _row_index(loc)
        cell = self.cells[row].get(column) if row is not None and row < len(self.cells) else None
        if cell is not None and (not show_value or isinstance(value, dict | list)):
            value, show_value = cell, True
        shown = short_repr(value) if show_value else None
        return Problem(self.path, self.locate(loc), column, shown, expected)


def _row_index(loc: Loc) -> int | None:
    return next((part for part in loc if isinstance(part, int)), None)


def _row_line(loc: Loc) -> int | None:
    """Row number as a spreadsheet shows it: the header is row 1, the first record row 2."""
    row = _row_index(loc)
    return None if row is None else row + 2


def table_column(loc: Loc) -> str:
    """The column a nested field path came from: (requests, 3, window, earliest) -> window_earliest."""
    row = next((i for i, part in enumerate(loc) if isinstance(part, int)), len(loc))
    names = [part for part in loc[row + 1 :] if isinstance(part, str)]
    if not names:
        return ""
    if names[0] == "window" and len(names) > 1:
        return f"window_{names[1]}"
    return names[0]


def table_document(
    path: Path,
    key: str,
    columns: Sequence[str],
    convert: Callable[[dict[str, Any]], tuple[dict[str, Any], list[CellProblem]]],
) -> tuple[TableDocument, list[Problem]]:
    """A table file as a document of nested items under `key`, with the problems of its cells and header."""
    records: list[dict[str, Any]] = load_table(path).data
    problems = unknown_columns(str(path), records, columns)
    cells = [{name: value for name, value in record.items() if name in columns} for record in records]
    converted = [convert(row) for row in cells]
    document = TableDocument(str(path), {key: [item for item, _ in converted]}, locate=_row_line, cells=cells)
    for index, (_, found) in enumerate(converted):
        problems += [document.problem((key, index, column), what, value) for column, value, what in found]
    return document, problems


def unknown_columns(path: str, records: list[dict[str, Any]], columns: Sequence[str]) -> list[Problem]:
    """One problem per column (with any filled cell) that is not part of the convention, on the header row."""
    names = dict.fromkeys(name for record in records for name in record)
    expected = f"one of the columns {', '.join(columns)} (unknown column)"
    return [Problem(path, 1, name, None, expected) for name in names if name not in columns]


def _plain(cells: dict[str, Any]) -> dict[str, Any]:
    """Cells as item values: list cells split, numbers in text columns made text, the rest as read."""
    item: dict[str, Any] = {}
    for column, value in cells.items():
        if column in LIST_COLUMNS:
            item[column] = split_list(value)
        elif column in TEXT_COLUMNS and isinstance(value, int | float) and not isinstance(value, bool):
            item[column] = str(value)
        else:
            item[column] = value
    return item


def _trainer_item(cells: dict[str, Any]) -> tuple[dict[str, Any], list[CellProblem]]:
    """A trainer row in the shape of trainers.yaml; `unavailable` becomes a list of {from, to}."""
    item = _plain(cells)
    if "unavailable" not in cells:
        return item, []
    ranges, bad = parse_ranges(cells["unavailable"])
    item["unavailable"] = ranges
    return item, [("unavailable", part, expected) for part, expected in bad]


def _request_item(cells: dict[str, Any]) -> tuple[dict[str, Any], list[CellProblem]]:
    """A request row in the shape of requests.yaml; the two window columns become `window`."""
    window_columns = ("window_earliest", "window_latest")
    item = _plain({column: value for column, value in cells.items() if column not in window_columns})
    item["window"] = {column[len("window_") :]: cells[column] for column in window_columns if column in cells}
    return item, []


def parse_ranges(cell: Any) -> tuple[list[dict[str, date]], list[tuple[str, str]]]:
    """A cell of date ranges: ([{from, to}, ...], [(part, expected)] for parts that are not a range)."""
    if isinstance(cell, date):
        return [{"from": cell, "to": cell}], []
    ranges: list[dict[str, date]] = []
    bad: list[tuple[str, str]] = []
    for part in split_list(cell):
        try:
            first, last = parse_span(part)
        except ValueError as error:
            bad.append((part, RANGES_EXPECTED if str(error) == DAY_EXPECTED else str(error)))
            continue
        if last < first:
            bad.append((part, "a range FROM..TO with TO on or after FROM"))
        else:
            ranges.append({"from": first, "to": last})
    return ranges, bad


# --- cross-checks ---------------------------------------------------------------------------------------


def duplicate_ids(document: Document, key: str, items: Items[Any]) -> list[Problem]:
    """Each id used a second time, reported where it repeats and naming where it was first used."""
    word = "row" if isinstance(document, TableDocument) else "line"
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for index, item in items:
        if item.id not in first:
            first[item.id] = index
            continue
        line = document.locate((key, first[item.id], "id"))
        expected = f"an id used once (already used at {word} {line})"
        problems.append(document.problem((key, index, "id"), expected, item.id))
    return problems


def unknown_programmes(document: Document, items: Items[Request], catalogue: Catalogue) -> list[Problem]:
    """A request must ask for a programme of the catalogue."""
    known = ", ".join(sorted(catalogue.programmes))
    return [
        document.problem(("requests", index, "programme"), f"a programme of the catalogue ({known})", request.programme)
        for index, request in items
        if request.programme not in catalogue.programmes
    ]


def missing_time_zones(document: Document, items: Items[Request]) -> list[Problem]:
    """A request whose zone neither its country nor its city settles must name its `tz` (SPEC 3)."""
    problems: list[Problem] = []
    for index, request in items:
        if request.zone() is not None:
            continue
        why = zone_question(request.country, request.city, (request.window.earliest, request.window.latest))
        expected = f"a `tz` (an IANA time zone), because {why}"
        problems.append(document.problem(("requests", index, "tz"), expected, show_value=False))
    return problems
