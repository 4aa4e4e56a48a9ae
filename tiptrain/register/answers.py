"""Reading a workshop's answer sheet (CSV or XLSX, SPEC 10): all rows or none.

One row per participant and test: `participant` (the name as on the roster of the delivered workshop, or
the participant's id such as P-17, which is how a forgotten or a same-named person is written), `test` (pre
or post), and one column per question of the programme's test holding the letter chosen, a blank cell
meaning unanswered (scored wrong). Every bad cell of the file is reported at once with its row, column, value
and what was expected; columns are strict, since a mistyped question id would silently drop answers. The
file is read as rosters are (curriculum.tables.load_table: the header found below title rows, legacy
encodings of the workshop's language).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from curriculum.errors import InvalidInput, Problem, UsageError
from curriculum.loader import Document
from curriculum.models import LETTERS, Catalogue, Question
from curriculum.questions import programme_test
from curriculum.tables import header_line, load_table
from scheduler.models import Workshop
from tiptrain.register.privacy import FORGOTTEN, RosterEntry, parse_participant_id
from tiptrain.register.professions import likely_code_pages

if TYPE_CHECKING:
    from tiptrain.register.api import Register
    from tiptrain.register.scores import Recorded

Test = Literal["pre", "post"]
TESTS: tuple[Test, ...] = ("pre", "post")
SHEET_COLUMNS = ("participant", "test")
"""The columns besides the questions; they also tell the header row from title rows above it."""


@dataclass(frozen=True)
class SheetRow:
    """One participant's answers to one test: question id -> the letter chosen, None when left blank."""

    participant: int
    """The participant's row key (the 17 of P-17)."""
    test: Test
    choices: dict[str, str | None]


@dataclass(frozen=True)
class AnswerSheet:
    """An answer sheet as read and checked: the test it answers and its rows, in file order."""

    workshop_id: str
    questions: list[Question]
    rows: list[SheetRow]


def import_answer_sheet(register: Register, catalogue: Catalogue, workshop_id: str, path: Path | str) -> Recorded:
    """Read a delivered workshop's answer sheet against its roster and programme test, and record it whole.

    The one use case behind `tiptrain workshops scores` and the demo: a file with any error changes nothing.
    """
    from tiptrain.register.scores import check_scorable

    workshop = register.workshop(workshop_id)
    check_scorable(workshop_id, workshop.status)  # before reading the file: say what to do first
    questions = programme_test(catalogue, workshop.programme)
    sheet = read_answer_sheet(path, workshop, register.roster(workshop_id), questions)
    return register.record_answers(workshop_id, sheet)


def read_answer_sheet(
    path: Path | str, workshop: Workshop, roster: Sequence[RosterEntry], questions: Sequence[Question]
) -> AnswerSheet:
    """The answer sheet of `path` for `workshop`, or InvalidInput listing every problem of the file.

    `roster` is the workshop's roster as the register holds it; `questions` its programme's test.
    """
    if not questions:
        raise UsageError(
            f"programme {workshop.programme} of {workshop.id} has no test questions (its units' banks are empty): "
            "there is nothing to score"
        )
    document = load_table(path, header=SHEET_COLUMNS, legacy_encodings=likely_code_pages(workshop.language))
    by_heading = {question.id.lower(): question.id for question in questions}
    problems = _column_problems(document, workshop, by_heading)
    people = _People(roster, workshop.id)
    rows: list[tuple[int, SheetRow]] = []
    for index, cells in enumerate(document.data):
        if not cells:
            continue
        row, row_problems = _row(document, index, cells, people, by_heading)
        problems += row_problems
        if row is not None:
            rows.append((index, row))
    problems += _duplicates(document, rows, people)
    if not rows and not problems:
        problems.append(Problem(document.path, None, "", None, "at least one answer row under the header"))
    if problems:
        raise InvalidInput(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    return AnswerSheet(workshop.id, list(questions), [row for _, row in rows])


def _column_problems(document: Document, workshop: Workshop, by_heading: dict[str, str]) -> list[Problem]:
    """Missing participant, test or question columns, and columns that are none of them, at the header."""
    line = header_line(document)
    present = set(document.columns)
    ids = ", ".join(by_heading.values())
    expected = f"only participant, test and the questions of the {workshop.programme} test of {workshop.id} ({ids})"
    known = {*SHEET_COLUMNS, *by_heading}
    problems = [Problem(document.path, line, name, None, expected) for name in document.columns if name not in known]
    problems += [
        Problem(document.path, line, name, None, f"a column {name} (required)")
        for name in SHEET_COLUMNS
        if name not in present
    ]
    problems += [
        Problem(
            document.path, line, question, None, f"a column {question}: a question of the {workshop.programme} test"
        )
        for heading, question in by_heading.items()
        if heading not in present
    ]
    return problems


class _People:
    """The roster as an answer sheet names it: by name (letter case and spacing aside) or by id."""

    def __init__(self, roster: Sequence[RosterEntry], workshop_id: str) -> None:
        self.workshop_id = workshop_id
        self.keys: dict[int, str] = {}
        self.by_name: dict[str, list[int]] = {}
        for entry in roster:
            key = parse_participant_id(entry.id)
            assert key is not None  # the register writes ids as P-<key>
            self.keys[key] = entry.id
            if not entry.forgotten and entry.participant.name != FORGOTTEN:
                self.by_name.setdefault(_fold(entry.participant.name), []).append(key)

    def find(self, text: str) -> tuple[int | None, str]:
        """The row key of the person `text` names, or None and what was expected instead."""
        found = self.by_name.get(_fold(text), [])
        if len(found) == 1:
            return found[0], ""
        if len(found) > 1:
            ids = ", ".join(self.keys[key] for key in found)
            return None, f"a name only one person of the roster has ({len(found)} are called so: {ids}); write the id"
        key = parse_participant_id(text)
        if key is not None and key in self.keys:
            return key, ""
        return None, (
            f"a participant on the roster of {self.workshop_id}, by name or id "
            f"(see `tiptrain participants list {self.workshop_id} --with-names`)"
        )


def _row(
    document: Document, index: int, cells: dict[str, Any], people: _People, by_heading: dict[str, str]
) -> tuple[SheetRow | None, list[Problem]]:
    """One row as a SheetRow, or the problems of its cells (each bad cell once)."""
    problems = []
    key: int | None = None
    if "participant" not in cells:
        problems.append(document.problem((index, "participant"), "a participant's name (required)", show_value=False))
    else:
        key, expected = people.find(_text(cells["participant"]))
        if key is None:
            problems.append(document.problem((index, "participant"), expected, cells["participant"]))
    test = _text(cells.get("test", "")).lower()
    if test not in TESTS:
        shown = "test" in cells
        problems.append(document.problem((index, "test"), "pre or post", cells.get("test"), show_value=shown))
    choices: dict[str, str | None] = {}
    for heading, question in by_heading.items():
        letter = _text(cells.get(heading, "")).lower()
        if letter and letter not in LETTERS:
            expected = "the letter chosen, a, b, c or d, or blank (unanswered)"
            problems.append(document.problem((index, question), expected, cells[heading]))
        choices[question] = letter or None
    if problems or key is None:
        return None, problems
    return SheetRow(key, test, choices), []  # type: ignore[arg-type]  # test checked against TESTS above


def _duplicates(document: Document, rows: list[tuple[int, SheetRow]], people: _People) -> list[Problem]:
    """A participant twice for one test: the later rows are named, with the first one's row number."""
    first: dict[tuple[int, str], int | None] = {}
    problems = []
    for index, row in rows:
        key = (row.participant, row.test)
        if key in first:
            expected = (
                f"each participant once per test ({people.keys[row.participant]} has a {row.test} row {first[key]})"
            )
            problems.append(document.problem((index, "participant"), expected, document.data[index]["participant"]))
        else:
            first[key] = document.locate((index,))
    return problems


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
