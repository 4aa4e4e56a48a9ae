"""Reaction and donor tables in the period report (SPEC 10): counted by hand on a small register."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import plan, workshop, write_csv
from test_register_report import CATALOGUE, CJ_ROSTER, TOT_ROSTER, deliver

from exports.models import FormAnswer, Indicator, PeriodReport, Reaction
from scheduler.models import Request
from tiptrain.register.api import Register
from tiptrain.register.formats import flatten, report_markdown

FIRST, LAST = date(2026, 1, 1), date(2026, 6, 30)
TOT_ANSWERS = [
    FormAnswer(unit="U-1", rating=5),
    FormAnswer(unit="U-1", rating=4),
    FormAnswer(unit="U-2", rating=2, comment="too fast"),
    FormAnswer(unit="U-2", comment="comment only: no rating"),
    FormAnswer(unit="overall", rating=4),
]
CJ_ANSWERS = [
    FormAnswer(unit="U-2", rating=3),
    FormAnswer(unit="overall", rating=5),
    FormAnswer(unit="overall", rating=3),
]


def request(request_id: str, country: str, *, regional: list[str], partner: str | None) -> Request:
    return Request.model_validate(
        {
            "id": request_id,
            "country": country,
            "city": "Bamako",
            "programme": "tot-5d",
            "language": "fr",
            "audiences": ["police"],
            "participants": 20,
            "window": {"earliest": "2026-01-01", "latest": "2026-06-30"},
            "priority": 3,
            "regional": regional,
            "partner": partner,
        }
    )


REQUESTS = {"tot": request("tot", "ML", regional=["BF", "NE"], partner="Ministry of Justice")}
"""W-tot's request (a regional workshop with a partner); W-cj's request is not in the file any more."""


@pytest.fixture
def delivered(register: Register, tmp_path: Path) -> Register:
    """W-tot (ToT, Mali, 3 present) and W-cj (Senegal, 3 present) delivered with rosters and evaluations."""
    register.store_plan(
        plan(
            workshop("W-tot", date(2026, 1, 12), days=5, programme="tot-5d"),
            workshop("W-cj", date(2026, 3, 2), country="SN"),
        )
    )
    deliver(register, "W-tot", write_csv(tmp_path / "tot.csv", TOT_ROSTER))
    deliver(register, "W-cj", write_csv(tmp_path / "cj.csv", CJ_ROSTER))
    register.record_evaluations("W-tot", TOT_ANSWERS)
    register.record_evaluations("W-cj", CJ_ANSWERS)
    return register


def report(register: Register, targets: dict[str, float | None] | None = None) -> PeriodReport:
    return register.report(FIRST, LAST, catalogue=CATALOGUE, requests=REQUESTS, targets=targets or {})


def test_reaction_per_unit_equals_hand_count(delivered: Register) -> None:
    figures = report(delivered)

    assert figures.reaction == {
        "U-1": Reaction(responses=2, mean=4.5),  # 5, 4
        "U-2": Reaction(responses=2, mean=2.5),  # 2, 3; the comment-only answer counts no rating
        "overall": Reaction(responses=3, mean=4.0),  # 4, 5, 3
    }


def test_reaction_of_a_unit_with_comments_only_has_no_mean(register: Register, tmp_path: Path) -> None:
    register.store_plan(plan(workshop("W-cj", date(2026, 3, 2))))
    deliver(register, "W-cj", write_csv(tmp_path / "cj.csv", CJ_ROSTER))
    register.record_evaluations("W-cj", [FormAnswer(unit="U-3", comment="no rating given")])

    assert report(register).reaction == {"U-3": Reaction(responses=0, mean=None)}


def test_donor_tables_equal_hand_count(delivered: Register) -> None:
    figures = report(delivered).as_json()

    assert [
        (w["id"], w["country"], w["countries"], w["partner"], w["participants"], w["by_sex"])
        for w in figures["workshops"]  # type: ignore[union-attr]
    ] == [
        ("W-tot", "ML", ["BF", "ML", "NE", "SN"], "Ministry of Justice", 3, {"f": 2, "m": 1}),  # regional BF NE
        ("W-cj", "SN", ["GM", "SN"], "", 3, {"f": 1, "m": 1, "x": 1}),  # request gone: no partner
    ]
    assert figures["by_profession_sex"] == {
        "judges": {"f": 1},
        "ngo": {"f": 1},
        "police": {"f": 1, "m": 1, "x": 1},
        "prosecutors": {"m": 1},
    }
    assert figures["by_nationality"] == {"GM": 1, "ML": 2, "SN": 3}


def test_indicators_met_and_not_met(delivered: Register) -> None:
    # 6 present: 3 women (0.5); 6 / 2 workshops = 3 per workshop; post-tests 70, 60, 80 of those present -> 0.7
    targets = {"women_share": 0.5, "participants_per_workshop": 4, "post_test_mean": 0.71}

    figures = report(delivered, targets)

    assert figures.indicators == {
        "women_share": Indicator(target=0.5, value=0.5, met=True),
        "participants_per_workshop": Indicator(target=4, value=3.0, met=False),
        "post_test_mean": Indicator(target=0.71, value=0.7, met=False),
    }


def test_indicators_without_a_target_are_left_out(delivered: Register) -> None:
    figures = report(delivered, {"women_share": None, "participants_per_workshop": 3})

    assert figures.indicators == {"participants_per_workshop": Indicator(target=3, value=3.0, met=True)}


def test_report_csv_and_markdown_carry_reaction_and_donor_tables(delivered: Register) -> None:
    figures = report(delivered, {"women_share": 0.6})

    pairs = dict(flatten(figures))
    markdown = report_markdown(figures)

    assert [
        pairs[key] for key in ("reaction.U-1.responses", "reaction.overall.mean", "indicators.women_share.met")
    ] == [
        "2",
        "4.0",
        "false",
    ]
    assert [pairs[key] for key in ("workshops.W-tot.countries", "workshops.W-tot.by_sex.f", "by_nationality.SN")] == [
        "BF ML NE SN",
        "2",
        "3",
    ]
    assert pairs["by_profession_sex.police.x"] == "1"
    assert "| U-2 | 2 | 2.50 |" in markdown.splitlines()
    assert "| share of women among participants | 60.0% | 50.0% | no |" in markdown.splitlines()
    assert (
        "| W-tot | 2026-01-12 to 2026-01-16 | Bamako, ML | BF ML NE SN | Ministry of Justice | tot-5d | 3 | 2 | 1 | 0 |"
        in markdown.splitlines()
    )
