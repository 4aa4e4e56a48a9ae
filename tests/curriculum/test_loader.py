"""The loader: every problem of a file at once, each with its file, line and field path."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from pydantic import BaseModel

from curriculum import loader
from curriculum.catalogue import load_catalogue
from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document, dotted, load_toml, load_yaml, short_repr, validate, validate_each
from tiptrain.settings import SettingsFile


def unit_text(unit_id: str, minutes: str = "60", extra: str = "", prerequisites: str = "[]") -> str:
    """A custom unit as YAML: 12 lines, plus `extra` lines after `minutes`."""
    return (
        f"  - id: {unit_id}\n"
        "    source: custom\n"
        f"    title: {{en: Unit {unit_id}}}\n"
        "    summary: {en: A unit made for a test}\n"
        f"    minutes: {minutes}\n"
        f"{extra}"
        "    topics: [testing]\n"
        "    audiences: [police]\n"
        "    objectives: {en: [one, two, three]}\n"
        "    key_points: {en: [a point]}\n"
        "    activities:\n"
        "      - {kind: lecture, minutes: 60, description: {en: A talk}}\n"
        f"    prerequisites: {prerequisites}\n"
    )


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems_of(call: Callable[[], object]) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.problems


class Pair(BaseModel):
    """A tiny model for the validate functions."""

    model_config = {"extra": "forbid"}

    name: str
    size: int


# --- YAML through the catalogue ---------------------------------------------------------------------------


def test_load_catalogue_extra_file_reports_bad_value_unknown_key_and_prerequisite_with_lines(tmp_path: Path) -> None:
    text = (
        "units:\n"
        + unit_text("X-1", minutes="-5")
        + unit_text("X-2", extra="    colour: red\n")
        + unit_text("X-3", prerequisites="[MAN-01, X-9]")
    )
    path = write(tmp_path, "units.yaml", text)

    assert problems_of(lambda: load_catalogue(extra=[path], include_bundled=True)) == [
        Problem(str(path), 6, "units[0].minutes", "-5", "greater than 0"),
        Problem(str(path), 19, "units[1].colour", None, "no such field (unknown key)"),
        Problem(str(path), 38, "units[2].prerequisites[1]", "'X-9'", "the id of a unit in the catalogue"),
    ]


def test_load_catalogue_one_unit_with_bad_value_unknown_key_and_prerequisite_reports_all(tmp_path: Path) -> None:
    text = "units:\n" + unit_text("X-1", minutes="-5", extra="    colour: red\n", prerequisites="[X-9]")
    path = write(tmp_path, "units.yaml", text)

    assert problems_of(lambda: load_catalogue(extra=[path], include_bundled=True)) == [
        Problem(str(path), 6, "units[0].minutes", "-5", "greater than 0"),
        Problem(str(path), 7, "units[0].colour", None, "no such field (unknown key)"),
        Problem(str(path), 14, "units[0].prerequisites[0]", "'X-9'", "the id of a unit in the catalogue"),
    ]


def test_load_catalogue_problems_of_two_files_reported_together(tmp_path: Path) -> None:
    first = write(tmp_path, "a.yaml", "units:\n" + unit_text("X-1", minutes="lots"))
    second = write(tmp_path, "b.yaml", "programmes: 3\n")

    assert [str(p) for p in problems_of(lambda: load_catalogue(extra=[tmp_path]))] == [
        f"{first}:6: units[0].minutes: a valid integer, unable to parse string as an integer (got 'lots')",
        f"{second}:1: programmes: a list (got 3)",
    ]


def test_load_catalogue_unknown_top_level_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "units: []\nmodules: []\n")

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(
            str(path), 2, "modules", None, "only the top-level keys 'units', 'programmes', 'materials' (unknown key)"
        )
    ]


def test_load_catalogue_top_level_list_instead_of_mapping(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", unit_text("X-1"))

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(str(path), 1, "", "a list", "a mapping with a list under 'units:'")
    ]


def test_load_catalogue_empty_extra_file_adds_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.yaml", "# nothing yet\n")

    assert load_catalogue(extra=[path]) == load_catalogue()


# --- YAML files that cannot be read -----------------------------------------------------------------------


def test_load_yaml_syntax_error_gives_line(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "units:\n  - id: [X-1\n    source: custom\n")

    # the wording comes from the YAML parser (libyaml or pure Python), the line from us
    assert [(p.line, p.field, p.expected.startswith("valid YAML (")) for p in problems_of(lambda: load_yaml(path))] == [
        (3, "", True)
    ]


def test_load_yaml_tab_indentation_gives_line(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "units:\n\t- id: X-1\n")

    assert [(p.line, p.expected.startswith("valid YAML")) for p in problems_of(lambda: load_yaml(path))] == [(2, True)]


def test_load_yaml_latin1_text_is_not_utf8_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "units:\n  - id: X-1\n    title: {en: Caf\xe9}\n".encode("latin-1"))

    assert problems_of(lambda: load_yaml(path)) == [Problem(str(path), 3, "", None, "text encoded as UTF-8")]


def test_load_yaml_utf8_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "\ufeffunits: []\n".encode())

    assert load_yaml(path).data == {"units": []}


def test_load_yaml_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.yaml"

    assert problems_of(lambda: load_yaml(path)) == [Problem(str(path), None, "", None, "a file that exists")]


def test_load_yaml_folder_instead_of_file(tmp_path: Path) -> None:
    assert problems_of(lambda: load_yaml(tmp_path)) == [Problem(str(tmp_path), None, "", None, "a file, not a folder")]


def test_load_yaml_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 8)
    path = write(tmp_path, "units.yaml", "units: []\n")

    assert problems_of(lambda: load_yaml(path)) == [Problem(str(path), None, "", "10 bytes", "a file under 8 bytes")]


def test_load_yaml_empty_file_is_none(tmp_path: Path) -> None:
    assert load_yaml(write(tmp_path, "units.yaml", "")).data is None


# --- validate and validate_each ---------------------------------------------------------------------------


def test_validate_each_keeps_valid_items_and_reports_the_rest_with_lines(tmp_path: Path) -> None:
    text = "pairs:\n  - {name: a, size: 1}\n  - name: b\n    size: big\n  - {name: c, size: 3, colour: red}\n"
    document = load_yaml(write(tmp_path, "pairs.yaml", text))

    valid, problems = validate_each(document, "pairs", Pair)

    assert valid == [(0, Pair(name="a", size=1))]
    assert problems == [
        Problem(
            str(document.path), 4, "pairs[1].size", "'big'", "a valid integer, unable to parse string as an integer"
        ),
        Problem(document.path, 5, "pairs[2].colour", None, "no such field (unknown key)"),
    ]


def test_validate_each_missing_field_points_at_its_item(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "pairs.yaml", "pairs:\n  - {name: a, size: 1}\n  - name: b\n"))

    assert validate_each(document, "pairs", Pair)[1] == [
        Problem(document.path, 3, "pairs[1].size", None, "a value (this field is required)")
    ]


def test_validate_each_non_finite_number_is_shown_as_text() -> None:
    document = Document("pairs.yaml", {"pairs": [{"name": "a", "size": float("inf")}]})

    assert [p.value for p in validate_each(document, "pairs", Pair)[1]] == ["'inf'"]


def test_validate_raises_every_problem(tmp_path: Path) -> None:
    document = load_yaml(write(tmp_path, "pair.yaml", "name: [a]\nsize: -x\n"))

    assert [(p.line, p.field) for p in problems_of(lambda: validate(document, Pair))] == [(1, "name"), (2, "size")]


# --- TOML -------------------------------------------------------------------------------------------------


SETTINGS = """# workspace settings
[period]
start = 2026-01-01
end = 2026-06-30
target = -3

[data]
trainers = "trainers.yaml"
colour = "red"

[certificates]
threshold = 2
"""


def test_load_toml_settings_problems_have_their_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "tiptrain.toml", SETTINGS)

    assert problems_of(lambda: validate(load_toml(path), SettingsFile)) == [
        Problem(str(path), 5, "period.target", "-3", "greater than or equal to 0"),
        Problem(str(path), 9, "data.colour", None, "no such field (unknown key)"),
        Problem(str(path), 12, "certificates.threshold", "2", "less than or equal to 1"),
    ]


def test_load_toml_settings_period_rule_points_at_the_table(tmp_path: Path) -> None:
    path = write(tmp_path, "tiptrain.toml", "[period]\nstart = 2026-06-30\nend = 2026-01-01\n")

    assert problems_of(lambda: validate(load_toml(path), SettingsFile)) == [
        Problem(str(path), 1, "period", None, "'end' on or after 'start'")
    ]


def test_load_toml_missing_table_has_no_line(tmp_path: Path) -> None:
    path = write(tmp_path, "tiptrain.toml", "[data]\n")

    assert problems_of(lambda: validate(load_toml(path), SettingsFile)) == [
        Problem(str(path), None, "period", None, "a value (this field is required)")
    ]


def test_load_toml_syntax_error_gives_line(tmp_path: Path) -> None:
    path = write(tmp_path, "tiptrain.toml", "[period]\nstart = 2026-01-01\nend = \n")

    assert problems_of(lambda: load_toml(path)) == [
        Problem(str(path), 3, "", None, "valid TOML (Invalid value (at line 3, column 7))")
    ]


# --- small helpers ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "text"),
    [(("requests", 3, "window", "latest"), "requests[3].window.latest"), ((), ""), (("a",), "a"), ((0, "b"), "[0].b")],
)
def test_dotted_writes_paths_as_people_read_them(loc: tuple[int | str, ...], text: str) -> None:
    assert dotted(loc) == text


@pytest.mark.parametrize(
    ("value", "shown"),
    [("x", "'x'"), (3, "3"), ({"a": 1}, "a mapping"), ([1], "a list"), ("y" * 100, "'" + "y" * 56 + "...")],
)
def test_short_repr_quotes_and_cuts(value: object, shown: str) -> None:
    assert short_repr(value) == shown


# --- days written another way -----------------------------------------------------------------------------


class Dated(BaseModel):
    """A tiny model with a day, as requests, trainers and the period have."""

    model_config = {"extra": "forbid"}

    day: date


DAY_FORMAT = "a date written YYYY-MM-DD, such as 2027-02-03"
NO_FEB_30 = "an existing day (February 2027 has no day 30: it has 28 days)"


@pytest.mark.parametrize(
    ("written", "shown", "expected"),
    [
        ("2027/02/03", "'2027/02/03'", DAY_FORMAT),
        ("3 Feb 2027", "'3 Feb 2027'", DAY_FORMAT),
        ("20270203", "20270203", DAY_FORMAT),
        ("2027-02-30", "'2027-02-30'", NO_FEB_30),
        ("'2027-02-30'", "'2027-02-30'", NO_FEB_30),
    ],
)
def test_validate_each_day_written_wrong_in_yaml_says_how(
    tmp_path: Path, written: str, shown: str, expected: str
) -> None:
    path = write(tmp_path, "days.yaml", f"items:\n  - day: 2027-02-03\n  - day: {written}\n")

    assert validate_each(load_yaml(path), "items", Dated)[1] == [Problem(str(path), 3, "items[1].day", shown, expected)]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("2027/01/01", DAY_FORMAT), ("01.01.2027", DAY_FORMAT), ("2027-02-30", NO_FEB_30)],
)
def test_load_toml_unquoted_day_written_wrong_says_how(tmp_path: Path, written: str, expected: str) -> None:
    path = write(tmp_path, "tiptrain.toml", f"# settings\n[period]\nstart = {written}\nend = 2027-06-30\n")

    assert problems_of(lambda: load_toml(path)) == [Problem(str(path), 3, "period.start", repr(written), expected)]


@pytest.mark.parametrize(("written", "expected"), [("3 Feb 2027", DAY_FORMAT), ("2027-02-30", NO_FEB_30)])
def test_validate_quoted_day_written_wrong_in_toml_says_how(tmp_path: Path, written: str, expected: str) -> None:
    path = write(tmp_path, "tiptrain.toml", f'[period]\nstart = "{written}"\nend = 2027-06-30\n')

    assert problems_of(lambda: validate(load_toml(path), SettingsFile)) == [
        Problem(str(path), 2, "period.start", repr(written), expected)
    ]
