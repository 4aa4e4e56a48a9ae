"""Reading a workshop's roster (CSV or XLSX) into participants: all rows or none.

Columns (SPEC 3): name, organisation, profession, sex (f, m, x), country (ISO alpha-2), email (optional),
day1 ... dayN (1 present, 0 absent) for the workshop's N days, and optional pre_test and post_test (0-100).
A training of trainers' roster may add `certified_trainer` (yes or no, the guide's rubric decision; an empty
cell: not assessed); any other workshop's roster may not fill it, since nobody is certified as a trainer there.
Every bad cell of every row is reported at once with its row number, column and value; duplicate people
(same name and organisation, or the same e-mail address) are errors too. Rows left entirely empty are ignored.

Rosters come as coordinators save them: CSV in a legacy encoding or separated by semicolons, title rows
above the header, professions in the workshop's language (tiptrain.register.professions). What is odd but
harmless is a warning, not a refusal: columns the roster does not use (read, kept aside, not stored), and
professions outside the programme's audiences (a national coordinator at a ToT).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document
from curriculum.models import AUDIENCES
from curriculum.tables import header_line, load_table
from curriculum.timezones import is_country
from exports.models import Participant
from scheduler.models import Workshop
from tiptrain.register.professions import audience_of, likely_code_pages, names_in

PERSON_COLUMNS = ("name", "organisation", "profession", "sex", "country", "email")
HEADER_COLUMNS = ("name", "organisation", "profession", "sex", "country")
"""The columns that tell the header row from the title rows above it."""
SCORE_COLUMNS = ("pre_test", "post_test")
CERTIFIED_COLUMN = "certified_trainer"
_CERTIFIED = {
    **dict.fromkeys(("yes", "y", "true", "1", "oui", "sí", "si", "да", "نعم", "是"), True),
    **dict.fromkeys(("no", "n", "false", "0", "non", "нет", "لا", "否"), False),
}
"""The words a coordinator writes for the rubric's decision: yes/no and true/false, 1/0, in the six languages."""
_DAY = re.compile(r"^day(\d+)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class RosterFile:
    """A roster as read: its participants, the warnings for the user, and the columns kept aside."""

    participants: list[Participant]
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, list[str]] = field(default_factory=dict)
    """Columns the roster does not use -> their cells, one per participant ("" when empty); not stored."""


def read_roster(
    path: Path | str, workshop: Workshop, audiences: Sequence[str] | None = None, *, trains_trainers: bool = False
) -> list[Participant]:
    """The participants of `path` for `workshop`, or InvalidInput listing every problem of the file."""
    return read_roster_file(path, workshop, audiences, trains_trainers=trains_trainers).participants


def read_roster_file(
    path: Path | str, workshop: Workshop, audiences: Sequence[str] | None = None, *, trains_trainers: bool = False
) -> RosterFile:
    """The roster of `path` for `workshop` with its warnings, or InvalidInput listing every problem of the file.

    `trains_trainers`: the workshop's programme trains trainers (catalogue), so `certified_trainer` may be filled.
    """
    document = load_table(path, header=HEADER_COLUMNS, legacy_encodings=likely_code_pages(workshop.language))
    rows: list[dict[str, Any]] = document.data
    days = len(workshop.days)
    columns = {name for cells in rows for name in cells}
    problems = _column_problems(document, columns, days, bool(rows))
    participants: list[tuple[int, Participant]] = []
    for index, cells in enumerate(rows):
        if not cells:
            continue
        participant, row_problems = _participant(document, index, cells, days, columns, language=workshop.language)
        problems += row_problems
        if participant is not None:
            participants.append((index, participant))
    problems += _duplicates(document, participants)
    if not trains_trainers:
        problems += _certified_outside_tot(document, rows, workshop)
    if not participants and not problems:
        problems.append(Problem(document.path, None, "", None, "at least one participant row under the header"))
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    extra = sorted(columns - _allowed(days))  # day columns out of range were refused above
    kept = {name: [_text(rows[index].get(name, "")) for index, _ in participants] for name in extra}
    warnings = _extra_warnings(document, extra) + _audience_warnings(document, participants, audiences)
    return RosterFile([participant for _, participant in participants], warnings, kept)


def _allowed(days: int) -> set[str]:
    return {*PERSON_COLUMNS, *SCORE_COLUMNS, CERTIFIED_COLUMN, *(f"day{n}" for n in range(1, days + 1))}


def _column_problems(document: Document, present: set[str], days: int, has_rows: bool) -> list[Problem]:
    """Day columns that do not match the workshop's number of days (other unknown columns only warn)."""
    expected_days = {f"day{n}" for n in range(1, days + 1)}
    day_range = f"day1 ... day{days}" if days > 1 else "day1"
    line = header_line(document)
    problems = [
        Problem(document.path, line, name, None, f"only the columns {day_range}: the workshop has {days} day(s)")
        for name in sorted(present - _allowed(days))
        if _DAY.match(name)
    ]
    if has_rows:
        problems += [
            Problem(document.path, line, name, None, f"a column {name}: the workshop has {days} day(s), {day_range}")
            for name in sorted(expected_days - present, key=lambda n: int(n[3:]))
        ]
    return problems


def _extra_warnings(document: Document, extra: list[str]) -> list[str]:
    """One warning naming the columns a roster does not use, and what became of them."""
    if not extra:
        return []
    names = ", ".join(repr(name) for name in extra)
    known = ", ".join((*PERSON_COLUMNS, "day1 ... dayN", *SCORE_COLUMNS))
    return [
        f"{document.path}:{header_line(document)}: column(s) {names} are not roster columns ({known}): "
        "read but not stored"
    ]


def _audience_warnings(
    document: Document, participants: list[tuple[int, Participant]], audiences: Sequence[str] | None
) -> list[str]:
    """One warning per profession outside the programme's audiences, naming its rows: kept, not refused."""
    if audiences is None:
        return []
    rows: dict[str, list[str]] = {}
    for index, person in participants:
        if person.profession not in audiences:
            rows.setdefault(person.profession, []).append(str(document.locate((index,))))
    return [
        f"{document.path}: row(s) {', '.join(lines)}: profession {profession} is not among the programme's "
        f"audiences ({', '.join(audiences)}); the participant(s) are kept"
        for profession, lines in rows.items()
    ]


def _participant(
    document: Document,
    index: int,
    cells: dict[str, Any],
    days: int,
    columns: set[str],
    *,
    language: str,
) -> tuple[Participant | None, list[Problem]]:
    """One row as a Participant, or the problems of its cells (each cell reported once)."""
    problems, attendance = _attendance(document, index, cells, days, columns)
    data, cell_problems = _cells(document, index, cells, language)
    problems += cell_problems
    data["attendance"] = attendance
    try:
        participant = Participant.model_validate(data)
    except ValidationError as error:
        reported = {problem.field for problem in problems}
        found = [_problem(document, index, cells, detail) for detail in error.errors(include_url=False)]
        problems += [problem for problem in found if problem.field not in reported]
    if problems:
        return None, _unique(problems)
    return participant, []


def _cells(
    document: Document, index: int, cells: dict[str, Any], language: str
) -> tuple[dict[str, Any], list[Problem]]:
    """The person's cells as the model takes them: codes in their usual case, scores as numbers."""
    data: dict[str, Any] = {name: _text(cells[name]) for name in PERSON_COLUMNS if name in cells}
    problems = []
    if "sex" in data:
        data["sex"] = data["sex"].lower()
    if data.get("profession"):
        audience = audience_of(data["profession"], language)
        if audience is None:
            expected = f"an audience ({', '.join(AUDIENCES)}) or its name, e.g. {', '.join(names_in(language))}"
            problems.append(document.problem((index, "profession"), expected, cells["profession"]))
        data["profession"] = audience or data["profession"]
    problems += _control_characters(document, index, data, cells)
    if "country" in data:
        data["country"] = data["country"].upper()
        if not is_country(data["country"]):
            expected = "an ISO 3166-1 alpha-2 country code such as ML"
            problems.append(document.problem((index, "country"), expected, cells["country"]))
    for name in SCORE_COLUMNS:
        if name in cells:
            data[name] = _number(cells[name])
    certified = _text(cells.get(CERTIFIED_COLUMN, ""))
    if certified:
        data[CERTIFIED_COLUMN] = _CERTIFIED.get(certified.casefold())
        if data[CERTIFIED_COLUMN] is None:
            expected = "yes or no (or true/false, 1/0; an empty cell: not assessed)"
            problems.append(document.problem((index, CERTIFIED_COLUMN), expected, cells[CERTIFIED_COLUMN]))
    return data, problems


def _certified_outside_tot(document: Document, rows: list[dict[str, Any]], workshop: Workshop) -> list[Problem]:
    """A filled `certified_trainer` cell on a workshop that trains no trainers: one problem, at its first row."""
    filled = [index for index, cells in enumerate(rows) if _text(cells.get(CERTIFIED_COLUMN, ""))]
    if not filled:
        return []
    expected = (
        f"an empty cell: {workshop.id}'s programme {workshop.programme} does not train trainers, so nobody is "
        f"certified as a trainer there ({len(filled)} row(s) filled; leave the column out)"
    )
    return [document.problem((filled[0], CERTIFIED_COLUMN), expected, rows[filled[0]][CERTIFIED_COLUMN])]


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
        row = document.locate((index,)) or 0
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
