"""Any answer sheet is either read whole or refused with InvalidInput naming the file: never a crash."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from answer_builders import START, TEST, catalogue, person
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from register_builders import workshop

from curriculum.errors import InvalidInput
from tiptrain.register.answers import AnswerSheet, read_answer_sheet
from tiptrain.register.privacy import RosterEntry

ROSTER = [
    RosterEntry(id=f"P-{n}", workshop_id="W-a", position=n, participant=person(name), forgotten=False)
    for n, name in enumerate(["Awa Ndiaye", "Omar Ba", "Awa Ndiaye"], start=1)
]
QUESTIONS = [question for unit in catalogue().units.values() for question in unit.questions]
CELLS = st.one_of(
    st.sampled_from(["", "a", "B", "e", "pre", "post", "PRE", "Awa Ndiaye", "Omar Ba", "omar  ba", "P-2", "P-9"]),
    st.text(max_size=6),
)
HEADS = st.lists(st.sampled_from(["participant", "test", *TEST, "Q-U-a-3", "total", ""]), min_size=1, max_size=8)


@st.composite
def sheets(draw: st.DrawFn) -> str:
    header = draw(HEADS)
    rows = draw(st.lists(st.lists(CELLS, min_size=len(header), max_size=len(header)), max_size=6))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([header, *rows])
    return out.getvalue()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=sheets())
def test_read_answer_sheet_reads_whole_or_refuses_naming_the_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "answers.csv"
    path.write_text(content, encoding="utf-8")

    try:
        sheet = read_answer_sheet(path, workshop("W-a", START, days=1, programme="p"), ROSTER, QUESTIONS)
    except InvalidInput as error:
        assert error.problems and {problem.file for problem in error.problems} == {str(path)}
    else:
        assert isinstance(sheet, AnswerSheet) and {len(row.choices) for row in sheet.rows} == {len(QUESTIONS)}
