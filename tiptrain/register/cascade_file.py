"""Reading follow-on courses from a CSV or XLSX file (`tiptrain cascade import`): all rows or none.

Columns (SPEC 10): trainee (name as on the ToT's roster, or an id such as P-17), workshop (the ToT's id),
date (YYYY-MM-DD), country (ISO alpha-2), participants (a whole number, at least 1) and optional audience
(an audience code such as police, or its English name). Every bad cell of every row is reported at once;
whether the trainee is on that roster is checked by the register (tiptrain.register.cascade), also all
at once. The same checks serve `cascade add`, whose options are checked by `course_from_options`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document
from curriculum.models import AUDIENCES
from curriculum.tables import load_table, parse_day
from curriculum.timezones import is_country
from tiptrain.register.cascade import CourseInput
from tiptrain.register.professions import audience_of

COLUMNS = ("trainee", "workshop", "date", "country", "participants")
OPTIONAL = ("audience",)
MAX_PARTICIPANTS = 100_000


def read_courses(path: Path | str) -> list[CourseInput]:
    """The courses of `path`, or InvalidInput naming every bad cell (file, line, column, value, expected)."""
    document = load_table(path, header=COLUMNS)
    rows: list[dict[str, Any]] = document.data
    present = {name for cells in rows for name in cells}
    problems = [
        Problem(document.path, None, name, None, "this column (trainee, workshop, date, country, participants)")
        for name in COLUMNS
        if rows and name not in present
    ]
    courses: list[CourseInput] = []
    for index, cells in enumerate(rows):
        if not cells:
            continue
        course, found = _course(document, index, cells)
        problems += found
        if course is not None:
            courses.append(course)
    if not courses and not problems:
        problems.append(Problem(document.path, None, "", None, "at least one course row under the header"))
    if problems:
        raise InvalidInput(problems)
    return courses


def course_from_options(
    trainee: str, workshop: str, *, held_on: date, country: str, participants: int, audience: str | None
) -> CourseInput:
    """A course typed as `cascade add` options, checked like a file row (problems name the option)."""
    cells = {"trainee": trainee, "workshop": workshop, "date": held_on, "country": country}
    cells |= {"participants": participants, **({"audience": audience} if audience else {})}
    document = Document("cascade add", [cells], field_name=lambda loc: str(loc[-1]))
    course, problems = _course(document, 0, cells)
    if course is None:
        raise InvalidInput(problems)
    return course


def _course(document: Document, index: int, cells: dict[str, Any]) -> tuple[CourseInput | None, list[Problem]]:
    """One row as a course, or the problems of its cells (every cell checked)."""
    problems = []
    text = {name: _text(cells.get(name, "")) for name in (*COLUMNS, *OPTIONAL)}
    for name in ("trainee", "workshop"):
        if not text[name]:
            problems.append(document.problem((index, name), "a value (this column is required)", show_value=False))
    held_on = parse_day(cells.get("date", ""))
    if not isinstance(held_on, date):
        problems.append(document.problem((index, "date"), "a date written YYYY-MM-DD", cells.get("date")))
    country = text["country"].upper()
    if not is_country(country):
        problems.append(
            document.problem((index, "country"), "an ISO 3166-1 alpha-2 country code such as ML", cells.get("country"))
        )
    participants = _whole(cells.get("participants"))
    if participants is None:
        expected = f"a whole number of participants from 1 to {MAX_PARTICIPANTS}"
        problems.append(document.problem((index, "participants"), expected, cells.get("participants")))
    audience = None
    if text["audience"]:
        audience = audience_of(text["audience"], "en") or (text["audience"] if text["audience"] in AUDIENCES else None)
        if audience is None:
            expected = f"an audience ({', '.join(AUDIENCES)}) or its English name"
            problems.append(document.problem((index, "audience"), expected, cells.get("audience")))
    if problems:
        return None, problems
    assert isinstance(held_on, date) and participants is not None  # checked just above
    line = document.locate((index,))
    return (
        CourseInput(text["trainee"], text["workshop"], held_on, country, participants, audience, document.path, line),
        [],
    )


def _whole(value: Any) -> int | None:
    """A positive whole number from a cell (12, 12.0 or "12"), or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        number = int(str(value).strip())
    except ValueError:
        return None
    return number if 1 <= number <= MAX_PARTICIPANTS else None


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
