"""Reading a workshop's roster (CSV or XLSX) into participants: all rows or none.

Columns (SPEC 3): name, organisation, profession, sex (f, m, x), country (ISO alpha-2), email (optional),
day1 ... dayN (1 present, 0 absent) for the workshop's N days, and optional pre_test and post_test (0-100).
Every bad cell of every row is reported at once with its row number, column and value; duplicate people
(same name and organisation, or the same e-mail address) and professions outside the programme's audiences
are errors too. Rows left entirely empty are ignored.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document
from curriculum.tables import load_table
from curriculum.timezones import is_country
from exports.models import Participant
from scheduler.models import Workshop

PERSON_COLUMNS = ("name", "organisation", "profession", "sex", "country", "email")
SCORE_COLUMNS = ("pre_test", "post_test")
_DAY = re.compile(r"^day(\d+)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def read_roster(path: Path | str, workshop: Workshop, audiences: Sequence[str] | None = None) -> list[Participant]:
    """The participants of `path` for `workshop`, or InvalidInput listing every problem of the file."""
    document = load_table(path)
    rows: list[dict[str, Any]] = document.data
    days = len(workshop.days)
    columns = {name for cells in rows for name in cells}
    problems = _column_problems(document, columns, days, bool(rows))
    participants: list[tuple[int, Participant]] = []
    for index, cells in enumerate(rows):
        if not cells:
            continue
        participant, row_problems = _participant(document, index, cells, days, columns, audiences=audiences)
        problems += row_problems
        if participant is not None:
            participants.append((index, participant))
    problems += _duplicates(document, participants)
    if not participants and not problems:
        problems.append(Problem(document.path, None, "", None, "at least one participant row under the header"))
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return [participant for _, participant in participants]


def _column_problems(document: Document, present: set[str], days: int, has_rows: bool) -> list[Problem]:
    """Columns that are unknown, or day columns that do not match the workshop's number of days."""
    expected_days = {f"day{n}" for n in range(1, days + 1)}
    allowed = {*PERSON_COLUMNS, *SCORE_COLUMNS, *expected_days}
    day_range = f"day1 ... day{days}" if days > 1 else "day1"
    problems = []
    for name in sorted(present - allowed):
        if _DAY.match(name):
            expected = f"only the columns {day_range}: the workshop has {days} day(s)"
        else:
            expected = f"only the columns {', '.join((*PERSON_COLUMNS, day_range, *SCORE_COLUMNS))} (unknown column)"
        problems.append(Problem(document.path, 1, name, None, expected))
    if has_rows:
        problems += [
            Problem(document.path, 1, name, None, f"a column {name}: the workshop has {days} day(s), {day_range}")
            for name in sorted(expected_days - present, key=lambda n: int(n[3:]))
        ]
    return problems


def _participant(
    document: Document,
    index: int,
    cells: dict[str, Any],
    days: int,
    columns: set[str],
    *,
    audiences: Sequence[str] | None,
) -> tuple[Participant | None, list[Problem]]:
    """One row as a Participant, or the problems of its cells (each cell reported once)."""
    problems, attendance = _attendance(document, index, cells, days, columns)
    data, cell_problems = _cells(document, index, cells)
    problems += cell_problems
    data["attendance"] = attendance
    profession = data.get("profession")
    if audiences is not None and profession and profession not in audiences:
        expected = f"one of the programme's audiences: {', '.join(audiences)}"
        problems.append(document.problem((index, "profession"), expected, cells["profession"]))
    try:
        participant = Participant.model_validate(data)
    except ValidationError as error:
        reported = {problem.field for problem in problems}
        found = [_problem(document, index, cells, detail) for detail in error.errors(include_url=False)]
        problems += [problem for problem in found if problem.field not in reported]
    if problems:
        return None, _unique(problems)
    return participant, []


def _cells(document: Document, index: int, cells: dict[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The person's cells as the model takes them: codes in their usual case, scores as numbers."""
    data: dict[str, Any] = {name: _text(cells[name]) for name in PERSON_COLUMNS if name in cells}
    problems = []
    for name in ("sex", "profession"):
        if name in data:
            data[name] = data[name].lower()
    problems += _control_characters(document, index, data, cells)
    if "country" in data:
        data["country"] = data["country"].upper()
        if not is_country(data["country"]):
            expected = "an ISO 3166-1 alpha-2 country code such as ML"
            problems.append(document.problem((index, "country"), expected, cells["country"]))
    for name in SCORE_COLUMNS:
        if name in cells:
            data[name] = _number(cells[name])
    return data, problems


def _control_characters(document: Document, index: int, data: dict[str, Any], cells: dict[str, Any]) -> list[Problem]:
    """Names, organisations and addresses hold no control characters (a NUL cannot even be stored)."""
    problems = []
    for name in ("name", "organisation", "email"):
        text = data.get(name, "")
        invisible = name == "email" and any(unicodedata.category(char) == "Cf" for char in text)
        if _CONTROL.search(text) or invisible:
            expected = "an e-mail address such as name@example.org" if name == "email" else "text on one line"
            problems.append(document.problem((index, name), f"{expected}, without control characters", cells[name]))
    return problems


def _attendance(
    document: Document, index: int, cells: dict[str, Any], days: int, columns: set[str]
) -> tuple[list[Problem], list[bool]]:
    """The row's presence per day, and the problems of its day cells (bad or empty)."""
    problems = []
    attendance = []
    for number in range(1, days + 1):
        column = f"day{number}"
        if column not in cells:
            if column in columns:  # a column missing from the whole file is reported once, for the file
                problems.append(
                    document.problem((index, column), "1 (present) or 0 (absent) (empty cell)", show_value=False)
                )
            continue
        present = _presence(cells[column])
        if present is None:
            problems.append(document.problem((index, column), "1 (present) or 0 (absent)", cells[column]))
        attendance.append(bool(present))
    return problems, attendance


def _problem(document: Document, index: int, cells: dict[str, Any], detail: Any) -> Problem:
    loc = tuple(detail["loc"])
    column = str(loc[0]) if loc else "row"
    if column == "attendance":
        column = f"day{int(loc[1]) + 1}" if len(loc) > 1 else "day1"
    if detail["type"] == "missing":
        return document.problem((index, column), "a value (this column is required)", show_value=False)
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Input should be "):
        message = message.removeprefix(prefix)
    return document.problem((index, column), message, cells.get(column))


def _presence(value: Any) -> bool | None:
    text = _text(value)
    return {"1": True, "0": False}.get(text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(str(value).replace(",", "."))
    except ValueError:
        return value


def _duplicates(document: Document, participants: list[tuple[int, Participant]]) -> list[Problem]:
    """The same person twice: same name and organisation, or the same e-mail address."""
    problems = []
    by_person: dict[tuple[str, str], int] = {}
    by_email: dict[str, int] = {}
    for index, person in participants:
        row = index + 2
        key = (_fold(person.name), _fold(person.organisation))
        if key in by_person:
            first = by_person[key]
            problems.append(
                document.problem(
                    (index, "name"), f"each person once (same name and organisation as row {first})", person.name
                )
            )
        by_person.setdefault(key, row)
        if person.email:
            email = person.email.casefold()
            if email in by_email:
                first = by_email[email]
                problems.append(
                    document.problem((index, "email"), f"each e-mail address once (also on row {first})", person.email)
                )
            by_email.setdefault(email, row)
    return problems


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            out.append(problem)
    return out
