"""Rosters: every problem of a file reported at once, with row, column and value; all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import plan, workshop, write_csv

from curriculum.errors import InvalidInput, Problem
from exports.models import Participant
from tiptrain.register.api import Register
from tiptrain.register.roster import read_roster

HEADER = "name,organisation,profession,sex,country,email,day1,day2,day3,pre_test,post_test"
THREE_DAYS = workshop("W-a", date(2026, 2, 2))
UNKNOWN_PROFESSION = (
    "an audience (police, border-guards, immigration, labour-inspectors, consular, prosecutors, judges, "
    "coordinators, victim-services, ngo) or its name, e.g. Policier, Garde-frontière, Agent de l'immigration, "
    "Inspecteur du travail, Agent consulaire, Procureur, Juge, Coordinateur national, Service d'aide aux victimes, "
    "Personnel d'ONG"
)


def problems_of(path: Path, audiences: list[str] | None = None) -> list[Problem]:
    with pytest.raises(InvalidInput) as raised:
        read_roster(path, THREE_DAYS, audiences)
    return raised.value.problems


def test_read_roster_good_csv_gives_participants_in_order(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [
            HEADER,
            "Awa Ndiaye,Tribunal de Dakar,judges,f,SN,awa@example.org,1,1,0,55,80",
            "Omar Ba,Police,Police,M,gm,,0,0,1,,",
            ",,,,,,,,,,",
        ],
    )

    participants = read_roster(path, THREE_DAYS, ["police", "judges"])

    assert participants == [
        Participant(
            name="Awa Ndiaye",
            organisation="Tribunal de Dakar",
            profession="judges",
            sex="f",
            country="SN",
            email="awa@example.org",
            attendance=[True, True, False],
            pre_test=55,
            post_test=80,
        ),
        Participant(
            name="Omar Ba",
            organisation="Police",
            profession="police",
            sex="m",
            country="GM",
            attendance=[False, False, True],
        ),
    ]


def test_read_roster_xlsx_reads_numbers_as_written(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER.split(","))
    sheet.append(["Awa Ndiaye", "Tribunal", "judges", "f", "SN", None, 1, 0, 1, 40.5, 90])
    book.save(tmp_path / "roster.xlsx")

    participants = read_roster(tmp_path / "roster.xlsx", THREE_DAYS)

    assert [(p.name, p.attendance, p.pre_test, p.post_test) for p in participants] == [
        ("Awa Ndiaye", [True, False, True], 40.5, 90.0)
    ]


def test_read_roster_every_bad_cell_reported_with_row_column_and_value(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [
            HEADER,
            "Awa Ndiaye,Tribunal,judges,f,SN,,1,1,1,,",
            "Omar Ba,Police,police,q,SN,,1,2,1,,",
            "Jean Dupont,Gendarmerie,astronaut,m,XX,jean@,1,1,,,120",
        ],
    )

    found = problems_of(path, ["police", "judges"])

    where = str(path)
    assert found == [
        Problem(where, 3, "day2", "'2'", "1 (present) or 0 (absent)"),
        Problem(where, 3, "sex", "'q'", "'f', 'm' or 'x'"),
        Problem(where, 4, "country", "'XX'", "an ISO 3166-1 alpha-2 country code such as ML"),
        Problem(where, 4, "day3", None, "1 (present) or 0 (absent) (empty cell)"),
        Problem(where, 4, "email", "'jean@'", "an e-mail address such as name@example.org"),
        Problem(where, 4, "post_test", "'120'", "less than or equal to 100"),
        Problem(where, 4, "profession", "'astronaut'", UNKNOWN_PROFESSION),
    ]


def test_read_roster_missing_and_extra_day_columns_reported_once_other_columns_only_warn(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        ["name,profession,sex,country,day1,day2,day4,notes", "Awa,judges,f,SN,1,1,1,vip", "Omar,police,m,SN,1,0,0,"],
    )

    found = problems_of(path)

    where = str(path)
    assert found == [
        Problem(where, 1, "day3", None, "a column day3: the workshop has 3 day(s), day1 ... day3"),
        Problem(where, 1, "day4", None, "only the columns day1 ... day3: the workshop has 3 day(s)"),
    ]


def test_read_roster_duplicate_people_named_with_first_row(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "roster.csv",
        [
            HEADER,
            "Awa Ndiaye,Tribunal,judges,f,SN,awa@example.org,1,1,1,,",
            "awa  ndiaye,TRIBUNAL,judges,f,SN,,1,1,1,,",
            "Omar Ba,Police,police,m,SN,AWA@example.org,1,1,1,,",
        ],
    )

    found = problems_of(path)

    where = str(path)
    assert found == [
        Problem(where, 3, "name", "'awa  ndiaye'", "each person once (same name and organisation as row 2)"),
        Problem(where, 4, "email", "'AWA@example.org'", "each e-mail address once (also on row 2)"),
    ]


def test_read_roster_missing_required_cells_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, ",Tribunal,,f,SN,,1,1,1,,"])

    found = problems_of(path)

    where = str(path)
    assert found == [
        Problem(where, 2, "name", None, "a value (this column is required)"),
        Problem(where, 2, "profession", None, "a value (this column is required)"),
    ]


def test_read_roster_header_only_asks_for_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER])

    assert problems_of(path) == [Problem(str(path), None, "", None, "at least one participant row under the header")]


def test_deliver_roster_with_two_bad_rows_refused_whole_and_workshop_unchanged(
    register: Register, tmp_path: Path
) -> None:
    register.store_plan(plan(THREE_DAYS))
    register.transition("W-a", "confirmed")
    before = (register.workshop("W-a"), register.history("W-a"))
    path = write_csv(
        tmp_path / "roster.csv",
        [
            HEADER,
            "Awa Ndiaye,Tribunal,judges,f,SN,,1,1,1,,",
            "Omar Ba,Police,police,m,SN,,1,yes,1,,",
            "Fatou Diallo,ONG,ngo,f,ML,,1,1,1,,",
            "Jean Dupont,Gendarmerie,police,m,SN,,1,1,1,-5,",
        ],
    )

    with pytest.raises(InvalidInput) as raised:
        register.deliver("W-a", read_roster(path, register.workshop("W-a"), ["police", "judges", "ngo"]))

    assert str(raised.value) == (
        "2 problems:\n"
        f"  {path}:3: day2: 1 (present) or 0 (absent) (got 'yes')\n"
        f"  {path}:5: pre_test: greater than or equal to 0 (got '-5')"
    )
    assert (register.workshop("W-a"), register.history("W-a")) == before
    assert register.participants("W-a") == []
