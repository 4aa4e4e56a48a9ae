"""Garbage into every loader: the only exception that may come out is InvalidInput, each problem with a file.

Hypothesis makes random text and bytes, random nested structures dumped as YAML, valid records with fields
replaced by wrong types or huge numbers, random tables and random settings files. Files are written to a
folder from `tmp_path_factory` (hypothesis runs many examples per test, and `tmp_path` is per test).
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.catalogue import load_catalogue
from curriculum.errors import InvalidInput
from curriculum.tables import load_table
from scheduler.inputs import REQUEST_COLUMNS, TRAINER_COLUMNS, load_requests, load_trainers
from tiptrain.settings import load_settings

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
STRUCTURED = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Random nested structures cost more to make; fewer examples keep the file under 20 s."""
FEW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BUNDLED = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
"""Each example also loads the whole bundled catalogue, so this test runs fewer."""

KNOWN_KEYS = [
    *("units", "programmes", "trainers", "requests", "id", "source", "title", "summary", "minutes", "topics"),
    *("audiences", "objectives", "key_points", "activities", "prerequisites", "kind", "description", "en"),
    *("days", "team", "participants", "min", "max", "day", "start", "end", "lunch", "breaks", "at", "window"),
    *("earliest", "latest", "from", "to", "unavailable", "expertise", "languages", "home", "country", "tz"),
]
PLAUSIBLE = ["ML", "UA", "KZ", "tot-5d", "FAK-1", "MAN-01", "police", "en", "fr", "2027-01-05", "09:00", "custom"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**18, max_value=10**40),
    st.floats(),
    st.text(max_size=20),
    st.dates(),
    st.sampled_from(PLAUSIBLE),
)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8))
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=4),
    max_leaves=15,
)

UNIT = {
    "id": "FZ-1",
    "source": "custom",
    "title": {"en": "Fuzz"},
    "summary": {"en": "A unit for fuzzing"},
    "minutes": 60,
    "topics": ["fuzz"],
    "audiences": ["police"],
    "objectives": {"en": ["one", "two", "three"]},
    "key_points": {"en": ["a point"]},
    "activities": [{"kind": "lecture", "minutes": 60, "description": {"en": "A talk"}}],
    "prerequisites": ["MAN-01"],
}
PROGRAMME = {
    "id": "fz-1d",
    "title": {"en": "Fuzz"},
    "days": 1,
    "units": ["FZ-1"],
    "team": {"law-enforcement": 1},
    "audiences": ["police"],
    "participants": {"min": 10, "max": 20},
}
TRAINER = {"id": "t-1", "name": "Amina", "expertise": ["law-enforcement"], "languages": ["fr"], "home": "ML"}
REQUEST = {
    "id": "r-1",
    "country": "ML",
    "city": "Bamako",
    "programme": "tot-5d",
    "language": "fr",
    "audiences": ["police"],
    "participants": 20,
    "window": {"earliest": "2027-02-01", "latest": "2027-04-30"},
    "priority": 3,
}


def damaged(record: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A valid record with some of its fields (or new ones) replaced by random structures."""
    overrides = st.dictionaries(st.sampled_from([*record, "extra"]), structures, max_size=3)
    return overrides.map(lambda changes: {**record, **changes})


def listed(key: str, record: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A file's data: the records under `key`, or garbage of any shape."""
    items = st.lists(damaged(record) | structures, max_size=4)
    return st.one_of(items.map(lambda found: {key: found}), structures)


def as_yaml(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def as_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def only_invalid_input(call: Callable[[], object]) -> None:
    """Run `call`: it may succeed or raise InvalidInput whose problems all name a file."""
    try:
        call()
    except InvalidInput as error:
        assert error.problems
        assert all(problem.file for problem in error.problems)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def put(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    return path


# --- catalogue --------------------------------------------------------------------------------------------

catalogue_data = st.one_of(
    st.tuples(
        st.lists(damaged(UNIT) | structures, max_size=3), st.lists(damaged(PROGRAMME) | structures, max_size=2)
    ).map(lambda pair: {"units": pair[0], "programmes": pair[1]}),
    structures,
)


@STRUCTURED
@given(data=catalogue_data)
def test_load_catalogue_fuzzed_structure_only_raises_invalid_input(folder: Path, data: Any) -> None:
    path = put(folder, "units.yaml", as_yaml(data))

    only_invalid_input(lambda: load_catalogue(extra=[path], include_bundled=False))


@BUNDLED
@given(data=catalogue_data)
def test_load_catalogue_fuzzed_structure_over_bundled_only_raises_invalid_input(folder: Path, data: Any) -> None:
    path = put(folder, "units.yaml", as_yaml(data))

    only_invalid_input(lambda: load_catalogue(extra=[path]))


@FUZZ
@given(content=st.one_of(st.text(), st.binary()))
def test_load_catalogue_random_text_or_bytes_only_raises_invalid_input(folder: Path, content: str | bytes) -> None:
    path = put(folder, "units.yaml", content)

    only_invalid_input(lambda: load_catalogue(extra=[path], include_bundled=False))


# --- trainers and requests ----------------------------------------------------------------------------------


@STRUCTURED
@given(data=listed("trainers", TRAINER))
def test_load_trainers_fuzzed_yaml_only_raises_invalid_input(folder: Path, data: Any) -> None:
    path = put(folder, "trainers.yaml", as_yaml(data))

    only_invalid_input(lambda: load_trainers(path))


@STRUCTURED
@given(data=listed("requests", REQUEST))
def test_load_requests_fuzzed_yaml_only_raises_invalid_input(folder: Path, data: Any) -> None:
    path = put(folder, "requests.yaml", as_yaml(data))

    only_invalid_input(lambda: load_requests(path))


cells = st.one_of(
    st.text(max_size=15),
    st.sampled_from([*PLAUSIBLE, "2027-03-01..2027-02-01", "2027-01-01..2027-01-09; x", "yes", "-1", "1e400"]),
    st.integers().map(str),
)


def tables(columns: tuple[str, ...]) -> st.SearchStrategy[list[list[str]]]:
    """A header of convention columns and random names, and rows of random cells."""
    header = st.lists(st.sampled_from(columns) | st.text(max_size=6), min_size=1, max_size=len(columns) + 2)
    return header.flatmap(
        lambda names: st.lists(st.lists(cells, min_size=len(names), max_size=len(names)), max_size=4).map(
            lambda rows: [names, *rows]
        )
    )


@FUZZ
@given(rows=tables(TRAINER_COLUMNS))
def test_load_trainers_fuzzed_csv_only_raises_invalid_input(folder: Path, rows: list[list[str]]) -> None:
    path = put(folder, "trainers.csv", as_csv(rows))

    only_invalid_input(lambda: load_trainers(path))


@FUZZ
@given(rows=tables(REQUEST_COLUMNS))
def test_load_requests_fuzzed_csv_only_raises_invalid_input(folder: Path, rows: list[list[str]]) -> None:
    path = put(folder, "requests.csv", as_csv(rows))

    only_invalid_input(lambda: load_requests(path))


xlsx_cells = st.one_of(
    st.none(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1)),
    st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=15),
    st.sampled_from(PLAUSIBLE),
)


@FEW
@given(header=st.lists(st.sampled_from(REQUEST_COLUMNS), min_size=1, max_size=6), data=st.data())
def test_load_requests_fuzzed_xlsx_only_raises_invalid_input(folder: Path, header: list[str], data: Any) -> None:
    from openpyxl import Workbook

    rows = data.draw(st.lists(st.lists(xlsx_cells, min_size=len(header), max_size=len(header)), max_size=3))
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [header, *rows]:
        sheet.append(row)
    path = folder / "requests.xlsx"
    book.save(path)

    only_invalid_input(lambda: load_requests(path))


@FUZZ
@given(content=st.binary(), suffix=st.sampled_from([".csv", ".xlsx", ".yaml"]))
def test_load_trainers_random_bytes_only_raise_invalid_input(folder: Path, content: bytes, suffix: str) -> None:
    path = put(folder, f"trainers{suffix}", content)

    only_invalid_input(lambda: load_trainers(path))


@FUZZ
@given(content=st.one_of(st.text(), st.binary()))
def test_load_table_random_csv_only_raises_invalid_input(folder: Path, content: str | bytes) -> None:
    path = put(folder, "table.csv", content)

    only_invalid_input(lambda: load_table(path))


# --- settings -----------------------------------------------------------------------------------------------


def toml_value(value: Any) -> str:
    """A scalar or list as TOML source; what is not valid TOML is fine, the loader must say so."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value)


toml_scalars = st.one_of(
    st.booleans(), st.integers(), st.floats(), st.dates(), st.text(max_size=15), st.sampled_from(PLAUSIBLE)
)
toml_values = toml_scalars | st.lists(toml_scalars, max_size=3)
sections = st.dictionaries(
    st.sampled_from(["period", "data", "register", "programme", "fonts", "certificates"]) | st.text(max_size=6),
    st.dictionaries(
        st.sampled_from(["start", "end", "target", "blackouts", "trainers", "catalogue", "url", "threshold"])
        | st.text(max_size=6),
        toml_values,
        max_size=4,
    ),
    max_size=4,
)


def as_toml(tables: dict[str, dict[str, Any]]) -> str:
    lines: list[str] = []
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{key} = {toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


@FUZZ
@given(content=st.one_of(sections.map(as_toml), st.text(), st.binary()))
def test_load_settings_fuzzed_toml_only_raises_invalid_input(folder: Path, content: str | bytes) -> None:
    put(folder, "tiptrain.toml", content)

    only_invalid_input(lambda: load_settings(folder))
