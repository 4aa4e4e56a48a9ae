"""Recording a workshop's evaluation forms (CSV or XLSX): all answers or none, and never who gave them.

One row per line answered on a paper form (exports.evaluation): `unit` (a unit of the workshop's programme,
or `overall`), `rating` 1-5, `comment`; an optional `form` column numbers the forms so that a form cannot
answer a line twice. Forms are anonymous (SPEC 10): a column that names a person is refused, the form
numbers are not stored, and the answers are stored sorted by unit, rating and comment, so neither a key
nor the order of the rows leads back to the roster. Files are read like rosters (title rows above the
header, legacy encodings); every bad cell of the file is reported at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from curriculum.errors import InvalidInput, Problem, UsageError
from curriculum.loader import Document
from curriculum.models import Catalogue
from curriculum.tables import header_line, load_table
from exports.evaluation import COLUMNS, FORM_COLUMN, SCALE, form_lines
from exports.models import FormAnswer
from scheduler.models import Workshop
from tiptrain.register.orm import EvaluationRow, WorkshopRow
from tiptrain.register.professions import likely_code_pages

if TYPE_CHECKING:
    from tiptrain.register.api import Register

REQUIRED = ("unit", "rating")
PERSONAL = frozenset(
    {"participant", "name", "first_name", "last_name", "surname", "email", "e-mail", "organisation", "id"}
)
"""Columns that would name who filled in a form: refused, because forms are anonymous."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters other than tab and line feed (a transcribed comment may span lines)."""


@dataclass(frozen=True)
class EvaluationsRecorded:
    """What an import did: the answers stored and how many it replaced."""

    workshop_id: str
    answers: int
    replaced: int


def read_evaluations(path: Path | str, workshop: Workshop, catalogue: Catalogue) -> list[FormAnswer]:
    """The answers of `path` for `workshop`, sorted, or InvalidInput naming every bad cell of the file."""
    lines = form_lines(catalogue.programme(workshop.programme))
    document = load_table(path, header=REQUIRED, legacy_encodings=likely_code_pages(workshop.language))
    rows: list[dict[str, Any]] = document.data
    problems = _column_problems(document, {name for cells in rows for name in cells})
    answers: list[FormAnswer] = []
    seen: dict[tuple[str, str], int] = {}
    for index, cells in enumerate(rows):
        if not cells:
            continue
        answer, row_problems = _answer(document, index, cells, lines)
        problems += row_problems + _twice(document, index, cells, seen)
        if answer is not None:
            answers.append(answer)
    if not answers and not problems:
        problems.append(Problem(document.path, None, "", None, "at least one answer row under the header"))
    if problems:
        raise InvalidInput(sorted(set(problems), key=lambda p: (p.line or 0, p.field, p.expected)))
    return sorted(answers, key=_order)


def _order(answer: FormAnswer) -> tuple[str, int, str]:
    """The stored order: by unit, rating and comment, which says nothing about who answered or when."""
    return (answer.unit, answer.rating or 0, answer.comment)


def _column_problems(document: Document, columns: set[str]) -> list[Problem]:
    """A column naming a person (anonymity), or one the form does not ask for; a missing required one."""
    line = header_line(document)
    allowed = {*COLUMNS, FORM_COLUMN}
    problems = [
        Problem(document.path, line, name, None, "no column naming a person: evaluation forms are anonymous")
        for name in sorted(columns & PERSONAL)
    ]
    others = ", ".join((*COLUMNS, FORM_COLUMN))
    problems += [
        Problem(document.path, line, name, None, f"only the columns the evaluation form asks for ({others})")
        for name in sorted(columns - allowed - PERSONAL)
    ]
    if columns:
        missing = [name for name in REQUIRED if name not in columns]
        problems += [Problem(document.path, line, name, None, "this column (required)") for name in missing]
    return problems


def _answer(
    document: Document, index: int, cells: dict[str, Any], lines: Sequence[str]
) -> tuple[FormAnswer | None, list[Problem]]:
    """One row as an FormAnswer, or the problems of its cells."""
    problems = []
    unit = {line.casefold(): line for line in lines}.get(_text(cells.get("unit", "")).casefold(), "")
    if not unit:
        expected = f"a line of the form: a unit of the programme ({', '.join(lines[:-1])}) or {lines[-1]}"
        problems.append(document.problem((index, "unit"), expected, cells.get("unit"), show_value="unit" in cells))
    rating = _rating(cells.get("rating"))
    if rating is False:
        problems.append(document.problem((index, "rating"), f"a whole number from 1 to {SCALE}", cells["rating"]))
    comment = _text(cells.get("comment", ""))
    if _CONTROL.search(comment) or len(comment) > 2000:
        problems.append(
            document.problem(
                (index, "comment"), "text of at most 2000 characters, without control characters", show_value=False
            )
        )
    if rating is None and not comment:
        problems.append(
            document.problem((index, "rating"), "a rating or a comment (the row answers nothing)", show_value=False)
        )
    if problems:
        return None, problems
    return FormAnswer(unit=unit, rating=rating if isinstance(rating, int) else None, comment=comment), []


def _twice(document: Document, index: int, cells: dict[str, Any], seen: dict[tuple[str, str], int]) -> list[Problem]:
    """With a `form` column: the same line answered twice on one form (a typing slip when entering forms)."""
    if FORM_COLUMN not in cells:
        return []
    key = (_text(cells[FORM_COLUMN]), _text(cells.get("unit", "")))
    row = document.locate((index,)) or 0
    if key in seen:
        expected = f"each line once per form (form {key[0]} answers {key[1]} on row {seen[key]} already)"
        return [document.problem((index, "unit"), expected, cells.get("unit"))]
    seen[key] = row
    return []


def _rating(value: Any) -> int | bool | None:
    """The rating as a whole number 1..SCALE, None when blank, False when it is not one."""
    if value is None or _text(value) == "":
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if text.isdigit() and 1 <= int(text) <= SCALE:
        return int(text)
    return False


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def store_evaluations(
    session: Session, row: WorkshopRow, answers: Sequence[FormAnswer], *, replace: bool
) -> EvaluationsRecorded:
    """Store a delivered workshop's answers in the caller's transaction, replacing the old ones when asked."""
    if row.status != "delivered":
        raise UsageError(
            f"{row.id} is {row.status}: evaluation forms are recorded for a delivered workshop; "
            f"record its delivery first: tiptrain workshops deliver {row.id} --roster FILE"
        )
    old = int(session.scalar(select(func.count()).where(EvaluationRow.workshop_id == row.id)) or 0)
    if old and not replace:
        raise UsageError(
            f"{row.id} already has {old} evaluation answer(s); to replace them with a complete file, add --replace"
        )
    session.execute(delete(EvaluationRow).where(EvaluationRow.workshop_id == row.id))
    for answer in sorted(answers, key=_order):
        session.add(EvaluationRow(workshop_id=row.id, unit=answer.unit, rating=answer.rating, comment=answer.comment))
    return EvaluationsRecorded(row.id, len(answers), old)


def import_evaluations(
    register: Register, workshop_id: str, path: Path | str, catalogue: Catalogue, *, replace: bool = False
) -> EvaluationsRecorded:
    """`tiptrain workshops evaluations`: read the file whole, then store it in one transaction, or neither."""
    workshop = register.workshop(workshop_id)
    if workshop.status != "delivered":
        register.record_evaluations(workshop_id, [], replace=replace)  # raises, naming what to do first
    answers = read_evaluations(path, workshop, catalogue)
    return register.record_evaluations(workshop_id, answers, replace=replace)
