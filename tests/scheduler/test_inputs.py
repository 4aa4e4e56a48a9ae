"""Trainers and requests from YAML, CSV and XLSX: equal models, every problem with row/line and column."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from curriculum.catalogue import load_catalogue
from curriculum.errors import InvalidInput
from curriculum.models import Catalogue
from curriculum.timezones import resolve_zone, zone_question
from scheduler.inputs import (
    RANGES_EXPECTED,
    REQUEST_COLUMNS,
    TRAINER_COLUMNS,
    load_requests,
    load_trainers,
    parse_ranges,
    table_column,
)
from scheduler.models import DateRange

DATA = Path(__file__).parent / "data"
TRAINER_HEADER = ",".join(TRAINER_COLUMNS)
REQUEST_HEADER = ",".join(REQUEST_COLUMNS)
GOOD_REQUEST = "r-1,ML,Bamako,,tot-5d,fr,police,20,2027-02-01,2027-04-30,,3,,,,"
WINDOW = (date(2027, 2, 1), date(2027, 4, 30))


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def csv_as_xlsx(source: Path, target: Path) -> Path:
    """The CSV's cells as text cells of a workbook (empty cells left empty)."""
    with source.open(encoding="utf-8", newline="") as handle:
        rows = [[cell or None for cell in row] for row in csv.reader(handle)]
    return write_xlsx(target, rows)


def problems_of(load: Callable[[], object]) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        load()
    return [str(problem) for problem in caught.value.problems]


# --- good files -----------------------------------------------------------------------------------------


def test_load_trainers_yaml_reads_every_field() -> None:
    trainers = load_trainers(DATA / "trainers.yaml")

    assert [t.id for t in trainers] == ["t-amina", "t-pedro", "t-olga"]
    assert trainers[0].unavailable == [
        DateRange(first=date(2027, 3, 1), last=date(2027, 3, 19)),
        DateRange(first=date(2027, 5, 10), last=date(2027, 5, 12)),
    ]
    assert (trainers[1].max_workshops, trainers[1].travel_days, trainers[1].trained_at) == (6, 2, "W-bo-lapaz-tot")


def test_load_trainers_csv_equals_yaml() -> None:
    assert load_trainers(DATA / "trainers.csv") == load_trainers(DATA / "trainers.yaml")


def test_load_trainers_xlsx_of_text_cells_equals_yaml(tmp_path: Path) -> None:
    path = csv_as_xlsx(DATA / "trainers.csv", tmp_path / "trainers.xlsx")

    assert load_trainers(path) == load_trainers(DATA / "trainers.yaml")


def test_load_trainers_xlsx_of_typed_cells_equals_yaml(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        list(TRAINER_COLUMNS),
        ["t-amina", "Amina Diallo", "law-enforcement; psychology", "fr, en", "ML", 4, 1,
         "2027-03-01..2027-03-19; 2027-05-10..2027-05-12", None, "amina@example.org"],
        ["t-pedro", "Pedro Alves", "criminal-justice", "es, en", "BO", None, 2, None, "W-bo-lapaz-tot", None],
        ["t-olga", "Olga Kovalenko", "psychology", "ru;en", "UA", 6.0, None, date(2027, 1, 5), None, None],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "trainers.xlsx", rows)

    assert load_trainers(path) == load_trainers(DATA / "trainers.yaml")


def test_load_trainers_yml_suffix_reads_yaml(tmp_path: Path) -> None:
    path = write(tmp_path, "pool.yml", (DATA / "trainers.yaml").read_text(encoding="utf-8"))

    assert load_trainers(path) == load_trainers(DATA / "trainers.yaml")


def test_load_trainers_empty_yaml_is_no_trainers(tmp_path: Path) -> None:
    assert load_trainers(write(tmp_path, "trainers.yaml", "trainers: []\n")) == []


def test_load_requests_yaml_checked_against_catalogue(catalogue: Catalogue) -> None:
    requests = load_requests(DATA / "requests.yaml", catalogue)

    assert [(r.id, r.tz, r.interpretation, r.participant_languages) for r in requests] == [
        ("ml-bamako-tot", None, False, []),
        ("ua-kyiv-cj", "Europe/Kyiv", True, ["uk"]),
        ("bo-lapaz-fr", None, False, []),
    ]


def test_load_requests_csv_equals_yaml(catalogue: Catalogue) -> None:
    assert load_requests(DATA / "requests.csv", catalogue) == load_requests(DATA / "requests.yaml", catalogue)


def test_load_requests_xlsx_of_text_cells_equals_yaml(tmp_path: Path, catalogue: Catalogue) -> None:
    path = csv_as_xlsx(DATA / "requests.csv", tmp_path / "requests.xlsx")

    assert load_requests(path, catalogue) == load_requests(DATA / "requests.yaml", catalogue)


def test_load_requests_xlsx_of_typed_cells_equals_yaml(tmp_path: Path, catalogue: Catalogue) -> None:
    rows: list[list[Any]] = [
        list(REQUEST_COLUMNS),
        ["ml-bamako-tot", "ML", "Bamako", None, "tot-5d", "fr", "police; judges", 20, date(2027, 2, 1),
         date(2027, 4, 30), date(2027, 2, 8), 5, "SN; BF", "Ministry of Justice", "ramadan", None],
        ["ua-kyiv-cj", "UA", "Kyiv", "Europe/Kyiv", "criminal-justice-3d", "en", "prosecutors", 18,
         date(2027, 3, 1), date(2027, 6, 30), None, 3, None, None, None, True, "uk"],
        ["bo-lapaz-fr", "BO", "La Paz", None, "first-responders-1d", "es", "police;border-guards", 25.0,
         date(2027, 1, 10), date(2027, 2, 28), None, 1, None, None, None, False],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "requests.xlsx", rows)

    assert load_requests(path, catalogue) == load_requests(DATA / "requests.yaml", catalogue)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("yes", True), ("no", False), ("true", True), ("FALSE", False), ("1", True), ("0", False), ("", False)],
)
def test_load_requests_csv_interpretation_words(tmp_path: Path, cell: str, expected: bool) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST}{cell}\n")

    assert load_requests(path)[0].interpretation is expected


def test_load_requests_csv_country_kept_as_written(tmp_path: Path) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST.replace(',ML,', ', ml ,')}\n")

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:2: country: an ISO 3166-1 alpha-2 country code in capitals: did you mean ML (Mali)? (got 'ml')"
    ]


def test_load_requests_without_catalogue_accepts_any_programme(tmp_path: Path) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST.replace('tot-5d', 'my-own-2d')}\n")

    assert [r.programme for r in load_requests(path)] == ["my-own-2d"]


def test_load_requests_several_zones_with_tz_loads(tmp_path: Path) -> None:
    row = GOOD_REQUEST.replace(",ML,Bamako,,", ",KZ,Almaty,Asia/Almaty,")
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{row}\n")

    assert [r.tz for r in load_requests(path)] == ["Asia/Almaty"]


# --- bad files: every problem with row or line, and column or field -------------------------------------


def test_load_trainers_csv_bad_rows_report_row_and_column(tmp_path: Path) -> None:
    text = (
        f"{TRAINER_HEADER}\n"
        "t-1,Amina,law-enforcement,fr,ML,4,1,,,\n"
        "t-2,Pedro,cooking,es; xx,BO,four,9,,,\n"
        "t 3,,psychology,ru,UA,,,,,\n"
    )
    path = write(tmp_path, "trainers.csv", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:3: expertise: 'law-enforcement', 'criminal-justice', 'judiciary', 'psychology', 'victim-support'"
        " or 'legislative-drafting' (got 'cooking')",
        f"{path}:3: languages: 'ar', 'en', 'es', 'fr', 'ru' or 'zh' (got 'xx')",
        f"{path}:3: max_workshops: a valid integer, unable to parse string as an integer (got 'four')",
        f"{path}:3: travel_days: less than or equal to 5 (got '9')",
        f"{path}:4: id: an id of letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit)"
        " (got 't 3')",
        f"{path}:4: name: a value (this field is required)",
    ]


def test_load_trainers_csv_bad_unavailable_range_names_column_and_row(tmp_path: Path) -> None:
    text = (
        f"{TRAINER_HEADER}\n"
        "t-1,Amina,law-enforcement,fr,ML,,,2027-03-01..2027-03-19; 2027-13-01..2027-13-02,,\n"
        "t-2,Pedro,criminal-justice,es,BO,,,2027-05-10..2027-05-01,,\n"
        "t-3,Olga,psychology,ru,UA,,,from March,,\n"
    )
    path = write(tmp_path, "trainers.csv", text)

    expected = "date ranges as FROM..TO, days written YYYY-MM-DD, such as 2027-03-01..2027-03-19, separated by ';'"
    no_month = "an existing day (there is no month 13: months run from 01 to 12)"
    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:2: unavailable: {no_month} (got '2027-13-01..2027-13-02')",
        f"{path}:3: unavailable: a range FROM..TO with TO on or after FROM (got '2027-05-10..2027-05-01')",
        f"{path}:4: unavailable: {expected} (got 'from March')",
    ]


def test_load_trainers_xlsx_bad_cells_report_row_and_column(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        list(TRAINER_COLUMNS),
        ["t-1", "Amina", "law-enforcement", "fr", "ML", 4, 1, None, None, None],
        ["t-2", "Pedro", "criminal-justice", "es", "Bolivia", 2.5, 1, "2027-05-10..2027-05-01", None, None],
    ]
    path = write_xlsx(tmp_path / "trainers.xlsx", rows)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:3: unavailable: a range FROM..TO with TO on or after FROM (got '2027-05-10..2027-05-01')",
        f"{path}:3: home: an ISO 3166-1 alpha-2 country code in capitals: did you mean BO (Bolivia)? (got 'Bolivia')",
        f"{path}:3: max_workshops: a valid integer, got a number with a fractional part (got 2.5)",
    ]


def test_load_trainers_csv_unknown_column_reported_once_on_header(tmp_path: Path) -> None:
    rows = "t-1,Amina,law-enforcement,fr,ML,,,,,,,red\nt-2,Pedro,psychology,es,BO,,,,,,,blue\n"
    text = f"{TRAINER_HEADER},colour\n{rows}"
    path = write(tmp_path, "trainers.csv", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:1: colour: one of the columns {', '.join(TRAINER_COLUMNS)} (unknown column)"
    ]


def test_load_trainers_csv_duplicate_ids_name_both_rows(tmp_path: Path) -> None:
    text = (
        f"{TRAINER_HEADER}\n"
        "t-1,Amina,law-enforcement,fr,ML,,,,,\n"
        "t-2,Pedro,psychology,es,BO,,,,,\n"
        "t-1,Olga,psychology,ru,UA,,,,,\n"
    )
    path = write(tmp_path, "trainers.csv", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:4: id: an id used once (already used at row 2) (got 't-1')"
    ]


def test_load_trainers_yaml_duplicate_ids_name_both_lines(tmp_path: Path) -> None:
    text = (DATA / "trainers.yaml").read_text(encoding="utf-8").replace("id: t-olga", "id: t-amina")
    path = write(tmp_path, "trainers.yaml", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:21: trainers[2].id: an id used once (already used at line 3) (got 't-amina')"
    ]


def test_load_trainers_yaml_reports_every_problem_with_its_line(tmp_path: Path) -> None:
    text = (
        "trainers:\n"
        "  - id: t-1\n"
        "    name: Amina\n"
        "    expertise: [law-enforcement]\n"
        "    languages: [fr]\n"
        "    home: ML\n"
        "    shoe_size: 40\n"
        "  - id: t-2\n"
        "    name: Pedro\n"
        "    expertise: [criminal-justice]\n"
        "    languages: [es]\n"
        "    home: BO\n"
        "    unavailable:\n"
        "      - {from: 2027-05-10, to: 2027-05-01}\n"
    )
    path = write(tmp_path, "trainers.yaml", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:7: trainers[0].shoe_size: no such field (unknown key)",
        f"{path}:14: trainers[1].unavailable[0]: 'to' on or after 'from'",
    ]


def test_load_requests_csv_bad_rows_report_row_and_column(tmp_path: Path) -> None:
    text = (
        f"{REQUEST_HEADER}\n"
        "r-1,ML,Bamako,,tot-5d,fr,police,20,2027-02-01,2027-01-01,,3,,,,\n"
        "r-2,ML,Bamako,,tot-5d,fr,police,20,2027-02-01,2027-04-30,2027-05-01,3,,,,\n"
        "r-3,ML,Bamako,,tot-5d,fr,police,20,2027-02-30,,,6,,,lent,maybe\n"
    )
    path = write(tmp_path, "requests.csv", text)

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:2: window_latest: a date on or after window_earliest (got '2027-01-01')",
        f"{path}:3: preferred_start: a date from window_earliest to window_latest (got '2027-05-01')",
        f"{path}:4: window_earliest: an existing day (February 2027 has no day 30: it has 28 days) (got '2027-02-30')",
        f"{path}:4: window_latest: a value (this field is required)",
        f"{path}:4: priority: less than or equal to 5 (got '6')",
        f"{path}:4: avoid: 'ramadan' (got 'lent')",
        f"{path}:4: interpretation: a valid boolean, unable to interpret input (got 'maybe')",
    ]


def test_load_requests_unknown_programme_in_csv(tmp_path: Path, catalogue: Catalogue) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST.replace('tot-5d', 'tot-9d')}\n")

    assert problems_of(lambda: load_requests(path, catalogue)) == [
        f"{path}:2: programme: a programme of the catalogue (criminal-justice-3d, first-responders-1d,"
        " legislation-2d, tot-5d, victim-protection-2d) (got 'tot-9d')"
    ]


def test_load_requests_unknown_programme_in_yaml(tmp_path: Path, catalogue: Catalogue) -> None:
    text = (DATA / "requests.yaml").read_text(encoding="utf-8").replace("programme: tot-5d", "programme: tot-9d")
    path = write(tmp_path, "requests.yaml", text)

    assert problems_of(lambda: load_requests(path, catalogue)) == [
        f"{path}:6: requests[0].programme: a programme of the catalogue (criminal-justice-3d, first-responders-1d,"
        " legislation-2d, tot-5d, victim-protection-2d) (got 'tot-9d')"
    ]


UA_ZONES = "UTC+03:00: Europe/Simferopol; UTC+02:00/+03:00: Europe/Kyiv"


def test_load_requests_unknown_city_of_country_with_different_offsets_asks_for_tz(tmp_path: Path) -> None:
    row = GOOD_REQUEST.replace(",ML,Bamako,", ",UA,Invented Town,")
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{row}\n")

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:2: tz: a `tz` (an IANA time zone), because 'Invented Town' is not a city tiptrain knows in UA,"
        f" and UA's time zones keep different UTC offsets from 2027-02-01 to 2027-04-30 ({UA_ZONES})"
    ]


def test_load_requests_unknown_city_in_yaml_asks_for_tz_on_its_line(tmp_path: Path) -> None:
    text = (DATA / "requests.yaml").read_text(encoding="utf-8")
    text = text.replace("    tz: Europe/Kyiv\n", "").replace("city: Kyiv", "city: Invented Town")
    path = write(tmp_path, "requests.yaml", text)

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:16: requests[1].tz: a `tz` (an IANA time zone), because 'Invented Town' is not a city tiptrain"
        f" knows in UA, and UA's time zones keep different UTC offsets from 2027-03-01 to 2027-06-30 ({UA_ZONES})"
    ]


@pytest.mark.parametrize(
    ("country", "city", "zone"),
    [
        ("CN", "Beijing", "Asia/Shanghai"),
        ("CN", "Urumqi", "Asia/Urumqi"),
        ("UZ", "Tashkent", "Asia/Tashkent"),
        ("UA", "Kyiv", "Europe/Kyiv"),
        ("UA", "Kiev", "Europe/Kyiv"),
        ("RU", "Novosibirsk", "Asia/Novosibirsk"),
    ],
)
def test_load_requests_city_settles_the_zone_without_tz(tmp_path: Path, country: str, city: str, zone: str) -> None:
    row = GOOD_REQUEST.replace(",ML,Bamako,", f",{country},{city},")
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{row}\n")

    [request] = load_requests(path)

    assert (request.tz, request.zone()) == (None, zone)


def test_load_requests_unknown_city_of_country_with_equal_offsets_takes_its_main_zone(tmp_path: Path) -> None:
    row = GOOD_REQUEST.replace(",ML,Bamako,", ",UZ,Invented Town,")
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{row}\n")

    [request] = load_requests(path)

    assert request.zone() == "Asia/Tashkent"


def test_load_requests_reports_validation_and_cross_checks_together(tmp_path: Path, catalogue: Catalogue) -> None:
    text = (
        f"{REQUEST_HEADER}\n"
        f"{GOOD_REQUEST}\n"
        f"{GOOD_REQUEST.replace('r-1,', 'r-2,').replace(',20,', ',0,')}\n"
        f"{GOOD_REQUEST.replace('r-1,', 'r-3,').replace('tot-5d', 'nope').replace(',ML,Bamako,', ',RU,Nowhere,')}\n"
        f"{GOOD_REQUEST}\n"
    )
    path = write(tmp_path, "requests.csv", text)

    assert problems_of(lambda: load_requests(path, catalogue)) == [
        f"{path}:3: participants: greater than or equal to 1 (got '0')",
        f"{path}:4: programme: a programme of the catalogue (criminal-justice-3d, first-responders-1d,"
        " legislation-2d, tot-5d, victim-protection-2d) (got 'nope')",
        f"{path}:4: tz: a `tz` (an IANA time zone), because {zone_question('RU', 'Nowhere', WINDOW)}",
        f"{path}:5: id: an id used once (already used at row 2) (got 'r-1')",
    ]


def test_load_requests_xlsx_duplicate_ids_and_missing_tz(tmp_path: Path) -> None:
    good = ["r-1", "ML", "Bamako", None, "tot-5d", "fr", "police", 20, date(2027, 2, 1), date(2027, 4, 30)]
    rows: list[list[Any]] = [list(REQUEST_COLUMNS), [*good, None, 3], [*good[:1], "RU", "Nowhere", *good[3:], None, 3]]
    path = write_xlsx(tmp_path / "requests.xlsx", rows)

    found = problems_of(lambda: load_requests(path))

    assert [line.split(": ", 2)[:2] for line in found] == [[f"{path}:3", "id"], [f"{path}:3", "tz"]]
    assert found[0] == f"{path}:3: id: an id used once (already used at row 2) (got 'r-1')"


def test_load_trainers_unknown_suffix_is_invalid_input(tmp_path: Path) -> None:
    path = write(tmp_path, "trainers.json", "{}")

    assert problems_of(lambda: load_trainers(path)) == [f"{path}: a .yaml, .yml, .csv or .xlsx file (got .json)"]


@pytest.mark.parametrize("name", ["trainers.yaml", "trainers.csv", "trainers.xlsx"])
def test_load_trainers_missing_file_is_invalid_input(tmp_path: Path, name: str) -> None:
    path = tmp_path / name

    assert problems_of(lambda: load_trainers(path)) == [f"{path}: a file that exists"]


def test_load_requests_yaml_list_at_top_is_invalid_input(tmp_path: Path) -> None:
    path = write(tmp_path, "requests.yaml", "- id: r-1\n")

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:1: a mapping with a list under 'requests:' (got a list)"
    ]


# --- helpers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("loc", "column"),
    [
        (("requests", 3, "window", "earliest"), "window_earliest"),
        (("requests", 3, "window"), "window"),
        (("trainers", 0, "unavailable", 1, "from"), "unavailable"),
        (("trainers", 0, "languages", 2), "languages"),
        (("requests", 1), ""),
    ],
)
def test_table_column_maps_nested_path_to_column(loc: tuple[int | str, ...], column: str) -> None:
    assert table_column(loc) == column


def test_parse_ranges_accepts_ranges_and_single_days() -> None:
    ranges, bad = parse_ranges("2027-03-01..2027-03-19, 2027-05-10 .. 2027-05-12; 2027-06-01")

    assert (ranges, bad) == (
        [
            {"from": date(2027, 3, 1), "to": date(2027, 3, 19)},
            {"from": date(2027, 5, 10), "to": date(2027, 5, 12)},
            {"from": date(2027, 6, 1), "to": date(2027, 6, 1)},
        ],
        [],
    )


@pytest.mark.parametrize("part", ["2027-3-1..2027-3-9", "2027-03-01..", "March", "20270301"])
def test_parse_ranges_rejects_what_is_not_an_iso_range(part: str) -> None:
    assert parse_ranges(part)[1] == [(part, RANGES_EXPECTED)]


# --- e-mail addresses: the same rule as roster participants and the organiser (curriculum.emails) ----------


def test_load_trainers_yaml_bad_email_is_refused_with_its_line(tmp_path: Path) -> None:
    text = (DATA / "trainers.yaml").read_text(encoding="utf-8").replace("amina@example.org", "amina at example.org")
    path = write(tmp_path, "trainers.yaml", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:13: trainers[0].email: an e-mail address such as name@example.org (got 'amina at example.org')"
    ]


def test_load_trainers_csv_two_emails_in_one_cell_are_refused_with_row_and_column(tmp_path: Path) -> None:
    text = 'id,name,expertise,languages,home,email\nt-1,Amina,law-enforcement,fr,ML,"a@example.org, b@example.org"\n'
    path = write(tmp_path, "trainers.csv", text)

    assert problems_of(lambda: load_trainers(path)) == [
        f"{path}:2: email: an e-mail address such as name@example.org (got 'a@example.org, b@example.org')"
    ]


def test_planned_workshop_takes_the_zone_the_city_settles(tmp_path: Path, catalogue: Catalogue) -> None:
    from scheduler.models import Period
    from scheduler.problem import PlanningProblem, prepare

    row = GOOD_REQUEST.replace(",ML,Bamako,", ",CN,Beijing,")
    requests = load_requests(write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{row}\n"), catalogue)
    period = Period(start=date(2027, 1, 1), end=date(2027, 6, 30))

    prepared = prepare(PlanningProblem(period, [], requests, catalogue.programmes))

    assert prepared.candidates["r-1"].tz == resolve_zone("CN", None, "Beijing", WINDOW) == "Asia/Shanghai"


# --- participant languages --------------------------------------------------------------------------------


def test_load_requests_participant_language_outside_the_six_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST},pt; uk\n")

    assert load_requests(path)[0].participant_languages == ["pt", "uk"]


@pytest.mark.parametrize("cell", ["xx", "UK", "ukr", "Ukrainian"])
def test_load_requests_participant_language_unknown_names_the_cell(tmp_path: Path, cell: str) -> None:
    path = write(tmp_path, "requests.csv", f"{REQUEST_HEADER}\n{GOOD_REQUEST},{cell}\n")

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:2: participant_languages: an ISO 639-1 language code in lower case known to CLDR,"
        f" such as uk or pt (got '{cell}')"
    ]


def test_load_requests_participant_language_unknown_in_yaml_names_line_and_index(tmp_path: Path) -> None:
    text = (DATA / "requests.yaml").read_text(encoding="utf-8").replace("[uk]", "[uk, zz]")
    path = write(tmp_path, "requests.yaml", text)

    assert problems_of(lambda: load_requests(path)) == [
        f"{path}:27: requests[1].participant_languages[1]: an ISO 639-1 language code in lower case known to CLDR,"
        " such as uk or pt (got 'zz')"
    ]
