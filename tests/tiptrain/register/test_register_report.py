"""The period report: figures counted by hand from a small register, and the CSV and Markdown forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import plan, workshop, write_csv

from curriculum.models import Catalogue
from exports.csv import formula_safe
from exports.models import PeriodReport
from tiptrain.register.api import Register
from tiptrain.register.formats import flatten, report_csv, report_markdown
from tiptrain.register.roster import read_roster

TOT_ROSTER = [
    "name,organisation,profession,sex,country,email,day1,day2,day3,day4,day5,pre_test,post_test",
    "Aminata Traore,Police nationale,police,f,ML,aminata@example.org,1,1,1,1,1,40,70",  # 5 days, cert, +30
    "Moussa Keita,Ministere de la Justice,prosecutors,m,ML,,1,1,1,1,0,50,60",  # 4 days = 80 %: cert, +10
    "Fatou Diallo,ONG Espoir,ngo,f,SN,,1,0,0,1,0,30,",  # 2 days, no cert, no gain
    "Ibrahim Coulibaly,Police nationale,police,m,ML,,0,0,0,0,0,,",  # never came: not a participant
]
CJ_ROSTER = [
    "name,organisation,profession,sex,country,day1,day2,day3,pre_test,post_test",
    "Awa Ndiaye,Tribunal de Dakar,judges,f,SN,1,1,1,55,80",  # 3 days, cert, +25
    "Jean Dupont,Gendarmerie,police,x,SN,1,1,0,,",  # 2 of 3 < 80 %: no cert
    "Omar Ba,Police,police,m,GM,0,1,0,,",  # 1 day: a participant from a third country
]


def unit(unit_id: str, topics: list[str]) -> dict[str, object]:
    return {
        "id": unit_id,
        "source": "custom",
        "title": {"en": unit_id},
        "summary": {"en": unit_id},
        "minutes": 60,
        "topics": topics,
        "audiences": ["police"],
        "objectives": {"en": ["one", "two", "three"]},
        "key_points": {"en": ["point"]},
        "activities": [{"kind": "lecture", "minutes": 60, "description": {"en": "talk"}}],
    }


def programme(programme_id: str, days: int, units: list[str], *, trains_trainers: bool = False) -> dict[str, object]:
    return {
        "trains_trainers": trains_trainers,
        "id": programme_id,
        "title": {"en": programme_id},
        "days": days,
        "units": units,
        "team": {"law-enforcement": 1},
        "audiences": ["police", "prosecutors", "judges", "ngo"],
        "participants": {"min": 1, "max": 30},
    }


CATALOGUE = Catalogue.model_validate(
    {
        "units": {
            "U-1": unit("U-1", ["identification", "victims"]),
            "U-2": unit("U-2", ["law"]),
            "U-3": unit("U-3", ["investigation", "law"]),
        },
        "programmes": {
            "tot-5d": programme("tot-5d", 5, ["U-1", "U-2"], trains_trainers=True),
            "criminal-justice-3d": programme("criminal-justice-3d", 3, ["U-2", "U-3"]),
        },
    }
)
CUSTOM_TOT = Catalogue.model_validate(
    {
        "units": CATALOGUE.model_dump()["units"],
        "programmes": {
            "tot-5d": programme("tot-5d", 5, ["U-1", "U-2"]),
            "criminal-justice-3d": programme("criminal-justice-3d", 3, ["U-2", "U-3"], trains_trainers=True),
        },
    }
)
"""A workspace whose own ToT is the criminal-justice course, and whose `tot-5d` trains nobody."""


def deliver(register: Register, workshop_id: str, path: Path) -> None:
    register.transition(workshop_id, "confirmed")
    audiences = ["police", "prosecutors", "judges", "ngo"]
    register.deliver(workshop_id, read_roster(path, register.workshop(workshop_id), audiences))


def hand_counted_register(register: Register, tmp_path: Path) -> None:
    register.store_plan(
        plan(
            workshop("W-tot", date(2026, 1, 12), days=5, programme="tot-5d", trainers=("t-a", "t-b", "t-c")),
            workshop("W-cj", date(2026, 3, 2), country="SN", trainers=("t-moussa", "t-b")),
            workshop("W-planned", date(2026, 5, 4)),
            workshop("W-confirmed", date(2026, 5, 11)),
            workshop("W-cancelled", date(2026, 5, 18)),
            workshop("W-late", date(2026, 7, 6), country="NE", trainers=("t-moussa",)),
        )
    )
    deliver(register, "W-tot", write_csv(tmp_path / "tot.csv", TOT_ROSTER))
    deliver(register, "W-cj", write_csv(tmp_path / "cj.csv", CJ_ROSTER))
    deliver(register, "W-late", write_csv(tmp_path / "late.csv", CJ_ROSTER))  # outside the range
    register.transition("W-confirmed", "confirmed")
    register.transition("W-cancelled", "cancelled")
    register.link_trainer("W-tot", "t-moussa")  # trained at the ToT, then led W-cj: the cascade
    register.link_trainer("W-cj", "t-b")  # W-cj is no ToT: no cascade from it


def test_report_figures_equal_hand_count(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE, programme_name="GLO.ACT")

    assert report.as_json() == {
        "from": "2026-01-01",
        "to": "2026-06-30",
        "programme_name": "GLO.ACT",
        "workshops_delivered": 2,
        "workshops_planned": 2,
        "workshops_cancelled": 1,
        "countries": ["GM", "ML", "SN"],
        "participants": 6,
        "by_profession": {"judges": 1, "ngo": 1, "police": 3, "prosecutors": 1},
        "by_sex": {"f": 3, "m": 2, "x": 1},
        "by_programme": {"criminal-justice-3d": 1, "tot-5d": 1},
        "by_country": {"ML": 1, "SN": 1},
        "by_month": {"2026-01": 1, "2026-03": 1},
        "topics": {"identification": 1, "investigation": 1, "law": 2, "victims": 1},
        "attendance_rate": round(17 / 29, 4),  # (5+4+2+0) + (3+2+1) present of 4*5 + 3*3 roster days
        "average_test_gain": round((30 + 10 + 25) / 3, 2),
        "certificates": 3,
        "cascade": 1,
        "travel_km": None,
        "co2_tonnes": None,
        "reaction": {},
        "workshops": [
            {
                "id": "W-tot",
                "programme": "tot-5d",
                "start": "2026-01-12",
                "end": "2026-01-16",
                "city": "Bamako",
                "country": "ML",
                "countries": ["ML", "SN"],  # host, and Fatou Diallo from Senegal
                "partner": "",
                "participants": 3,
                "by_sex": {"f": 2, "m": 1},
            },
            {
                "id": "W-cj",
                "programme": "criminal-justice-3d",
                "start": "2026-03-02",
                "end": "2026-03-04",
                "city": "Bamako",
                "country": "SN",
                "countries": ["GM", "SN"],  # host, and Omar Ba from the Gambia
                "partner": "",
                "participants": 3,
                "by_sex": {"f": 1, "m": 1, "x": 1},
            },
        ],
        "by_profession_sex": {
            "judges": {"f": 1},
            "ngo": {"f": 1},
            "police": {"f": 1, "m": 1, "x": 1},
            "prosecutors": {"m": 1},
        },
        "by_nationality": {"GM": 1, "ML": 2, "SN": 3},
        "indicators": {},
        "learning": {},
        "learning_programmes": {},
        "weakest_units": [],
        "questions": {},
        "cascade_trainers": {"ML": 2},  # Aminata (5 days) and Moussa (4 of 5) at the ToT; Fatou has 2 days
        "cascade_courses": {},
        "cascade_reach": {},
        "certified_trainers": 0,  # the roster has no certified_trainer column
    }


def test_report_cascade_starts_at_the_programmes_the_catalogue_marks_as_training_trainers(
    register: Register, tmp_path: Path
) -> None:
    hand_counted_register(register, tmp_path)
    register.link_trainer("W-cj", "t-moussa")

    by_bundled_rule = register.report(date(2026, 1, 1), date(2026, 12, 31), catalogue=CATALOGUE)
    by_custom_rule = register.report(date(2026, 1, 1), date(2026, 12, 31), catalogue=CUSTOM_TOT)

    # t-moussa, linked to W-tot (12 Jan) and W-cj (2 Mar), led W-cj and W-late (6 Jul): trained at the
    # bundled ToT he cascades twice; trained at the custom one (W-cj) only W-late comes after it
    assert (by_bundled_rule.cascade, by_custom_rule.cascade) == (2, 1)


def test_report_certificate_threshold_is_configurable(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), threshold=0.6)

    assert (report.certificates, report.topics) == (4, {})  # the 3 at 80 %, and Jean Dupont at 2 of 3 days


def test_report_empty_range_is_all_zero(register: Register) -> None:
    report = register.report(date(2030, 1, 1), date(2030, 1, 31))

    assert (report.workshops_delivered, report.participants, report.attendance_rate, report.average_test_gain) == (
        0,
        0,
        0.0,
        None,
    )


SMALL = PeriodReport.model_validate(
    {
        "from": "2026-01-01",
        "to": "2026-06-30",
        "programme_name": "=1+1",
        "workshops_delivered": 1,
        "countries": ["ML"],
        "participants": 2,
        "by_profession": {"police": 2},
        "by_sex": {"f": 1, "m": 1},
        "by_programme": {"=cmd|' /C calc'!A0": 1},
        "topics": {},
        "attendance_rate": 0.75,
        "average_test_gain": -2.5,
        "cascade": 0,
    }
)


def test_report_csv_flattens_keys_and_defuses_formulas() -> None:
    text = report_csv(SMALL)

    assert text.splitlines()[:4] == ["key,value", "from,2026-01-01", "to,2026-06-30", "programme_name,'=1+1"]
    assert "by_profession.police,2" in text.splitlines()
    assert "average_test_gain,-2.5" in text.splitlines()
    assert "by_programme.=cmd|' /C calc'!A0,1" in text.splitlines()  # a key never starts a cell with =


@pytest.mark.parametrize("name", ["=1", "+1", "-x", "@SUM(A1)", "\tx"])
def test_report_csv_defuses_formulas_by_the_exports_rule(name: str) -> None:
    text = report_csv(SMALL.model_copy(update={"programme_name": name}))

    assert text.splitlines()[3] == f"programme_name,{formula_safe(name)}"


def test_report_flatten_joins_lists_and_skips_empty_mappings() -> None:
    pairs = dict(flatten(SMALL))

    assert (pairs["countries"], pairs["by_sex.m"], "topics" in pairs) == ("ML", "1", False)


def test_report_markdown_has_headline_and_tables() -> None:
    text = report_markdown(SMALL)

    assert text.splitlines()[:3] == ["# =1+1: report", "", "Period: 2026-01-01 to 2026-06-30"]
    assert "| attendance rate | 75.0% |" in text.splitlines()
    assert "| average test gain | -2.50 points |" in text.splitlines()
    assert "| =cmd\\|' /C calc'!A0 | 1 |" in text.splitlines()
    assert "\n## Topics covered (workshops)\n\nNone in this period.\n\n## Learning" in text
    assert text.endswith("## Indicators\n\nNo targets set (`[indicators]` in tiptrain.toml).\n")


def test_report_travel_figures_give_km_and_co2_of_the_trips(register: Register, tmp_path: Path) -> None:
    from scheduler.models import Trainer

    hand_counted_register(register, tmp_path)
    pool = [
        Trainer(id=t, name=t, expertise=["law-enforcement"], languages=["fr"], home="FR")
        for t in ("t-a", "t-b", "t-moussa")
    ]

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE, trainers=pool)

    assert report.travel_km is not None
    assert report.travel_km > 0
    assert report.co2_tonnes == round(report.travel_km * 0.15 / 1000, 1)
