"""The rubric's "certified trainer" decision recorded with a ToT's roster, refused elsewhere, counted in the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import plan, workshop, write_csv
from test_register_report import CATALOGUE

from curriculum.errors import InvalidInput
from tiptrain.register.api import Register
from tiptrain.register.formats import cascade_markdown, flatten
from tiptrain.register.roster import read_roster

HEADER = "name,organisation,profession,sex,country,day1,day2,day3,day4,day5,certified_trainer"
TOT_ROSTER = [
    HEADER,
    "Aminata Traore,Police nationale,police,f,ML,1,1,1,1,1,yes",
    "Moussa Keita,Justice,prosecutors,m,ML,1,1,1,1,0,No",
    "Fatou Diallo,ONG Espoir,ngo,f,SN,1,0,0,1,0,",
    "Ibrahim Coulibaly,Police nationale,police,m,NE,1,1,1,1,1,oui",
]
AUDIENCES = ["police", "prosecutors", "judges", "ngo"]


def tot_confirmed(register: Register, programme: str = "tot-5d") -> None:
    register.store_plan(plan(workshop("W-tot", date(2026, 1, 12), days=5, programme=programme)))
    register.transition("W-tot", "confirmed")


def test_certified_trainer_column_round_trips_into_the_register(register: Register, tmp_path: Path) -> None:
    tot_confirmed(register)
    path = write_csv(tmp_path / "tot.csv", TOT_ROSTER)

    register.deliver("W-tot", read_roster(path, register.workshop("W-tot"), AUDIENCES, trains_trainers=True))

    stored = [(person.name, person.certified_trainer) for person in register.participants("W-tot")]
    assert stored == [
        ("Aminata Traore", True),
        ("Moussa Keita", False),
        ("Fatou Diallo", None),
        ("Ibrahim Coulibaly", True),
    ]


def test_certified_trainer_bad_value_refused_naming_row_and_column(register: Register, tmp_path: Path) -> None:
    tot_confirmed(register)
    path = write_csv(tmp_path / "tot.csv", [*TOT_ROSTER[:2], TOT_ROSTER[2].replace(",No", ",maybe")])

    with pytest.raises(InvalidInput) as raised:
        register.deliver("W-tot", read_roster(path, register.workshop("W-tot"), AUDIENCES, trains_trainers=True))

    assert str(raised.value) == (
        f"{path}:3: certified_trainer: yes or no (or true/false, 1/0; an empty cell: not assessed) (got 'maybe')"
    )
    assert (register.workshop("W-tot").status, register.participants("W-tot")) == ("confirmed", [])


def test_certified_trainer_on_a_workshop_that_trains_no_trainers_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cj.csv", TOT_ROSTER)
    cj = workshop("W-cj", date(2026, 3, 2), days=5)

    with pytest.raises(InvalidInput) as raised:
        read_roster(path, cj, AUDIENCES)

    assert str(raised.value) == (
        f"{path}:2: certified_trainer: an empty cell: W-cj's programme criminal-justice-3d does not train trainers, "
        "so nobody is certified as a trainer there (3 row(s) filled; leave the column out) (got 'yes')"
    )


def test_certified_trainer_column_left_empty_is_accepted_on_any_workshop(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cj.csv", [HEADER, TOT_ROSTER[3]])

    people = read_roster(path, workshop("W-cj", date(2026, 3, 2), days=5), AUDIENCES)

    assert [person.certified_trainer for person in people] == [None]


def test_report_counts_certified_trainers_of_delivered_tots(register: Register, tmp_path: Path) -> None:
    tot_confirmed(register)
    path = write_csv(tmp_path / "tot.csv", TOT_ROSTER)
    register.deliver("W-tot", read_roster(path, register.workshop("W-tot"), AUDIENCES, trains_trainers=True))

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE)

    assert report.certified_trainers == 2  # Aminata (yes) and Ibrahim (oui); Moussa no, Fatou not assessed
    assert dict(flatten(report))["certified_trainers"] == "2"
    assert cascade_markdown(report) == [
        "## Cascade: trainers certified and the courses they ran",
        "",
        "| country | trainers certified | follow-on courses | people reached |",
        "|---|---:|---:|---:|",
        "| ML | 2 | 0 | 0 |",
        "| NE | 1 | 0 | 0 |",
        "| total | 3 | 0 | 0 |",
        "",
        "Certified as trainers after the practice-delivery assessment: 2",
        "",
    ]
