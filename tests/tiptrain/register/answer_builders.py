"""Builders for answer-sheet tests: a small catalogue with question banks, and a delivered workshop.

The catalogue has programme `p` teaching units U-a and U-b, two questions each; its test (in teaching
order, the units taking turns) is Q-U-a-1, Q-U-b-1, Q-U-a-2, Q-U-b-2 with the key b, a, c, d.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml
from register_builders import plan, workshop

from curriculum.models import Catalogue, Programme, Question, Unit
from exports.models import Participant
from tiptrain.register.api import Register

KEY = {"Q-U-a-1": "b", "Q-U-a-2": "c", "Q-U-b-1": "a", "Q-U-b-2": "d"}
TEST = ["Q-U-a-1", "Q-U-b-1", "Q-U-a-2", "Q-U-b-2"]
HEADER = "participant,test," + ",".join(TEST)
START = date(2026, 2, 2)


def question(question_id: str) -> Question:
    choices = {letter: {"en": f"choice {letter}"} for letter in "abcd"}
    return Question.model_validate(
        {"id": question_id, "text": {"en": f"text of {question_id}"}, "choices": choices, "answer": KEY[question_id]}
    )


def unit_data(unit_id: str) -> dict[str, Any]:
    return {
        "id": unit_id,
        "source": "custom",
        "title": {"en": unit_id},
        "summary": {"en": "s"},
        "minutes": 60,
        "topics": ["t"],
        "audiences": ["police"],
        "objectives": {"en": ["a", "b", "c"]},
        "key_points": {"en": ["k"]},
        "activities": [{"kind": "lecture", "minutes": 60, "description": {"en": "d"}}],
        "questions": [question(q).model_dump(mode="json") for q in sorted(KEY) if q.startswith(f"Q-{unit_id}-")],
    }


PROGRAMME: dict[str, Any] = {
    "id": "p",
    "title": {"en": "p"},
    "days": 1,
    "units": ["U-a", "U-b"],
    "team": {"law-enforcement": 1},
    "audiences": ["police"],
    "participants": {"min": 3, "max": 30},
}


def catalogue() -> Catalogue:
    """Programme p with units U-a and U-b, two questions each."""
    units = [Unit.model_validate(unit_data(u)) for u in ("U-a", "U-b")]
    return Catalogue(units={u.id: u for u in units}, programmes={"p": Programme.model_validate(PROGRAMME)})


def write_catalogue(folder: Path) -> Path:
    """The same units and programme as a workspace catalogue folder (`[data] catalogue`)."""
    folder.mkdir(parents=True, exist_ok=True)
    data = {"units": [unit_data("U-a"), unit_data("U-b")], "programmes": [PROGRAMME]}
    (folder / "p.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return folder


def person(name: str, pre: float | None = None, post: float | None = None) -> Participant:
    return Participant.model_validate(
        {
            "name": name,
            "profession": "police",
            "sex": "f",
            "country": "ML",
            "attendance": [True],
            "pre_test": pre,
            "post_test": post,
        }
    )


def delivered(register: Register, names: list[str], workshop_id: str = "W-a", **totals: tuple[float, float]) -> None:
    """Workshop `workshop_id` of programme p on one day, delivered with a roster of `names`."""
    register.store_plan(plan(workshop(workshop_id, START, days=1, programme="p")))
    register.transition(workshop_id, "confirmed")
    register.deliver(workshop_id, [person(name, *totals.get(name.split()[0], (None, None))) for name in names])


def write_sheet(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
