"""Answer sheets: read against roster and test, stored whole, scored, and counted in the report's learning.

The hand-worked example (programme p, test Q-U-a-1, Q-U-b-1, Q-U-a-2, Q-U-b-2, key b a c d):

    participant  test  a1 b1 a2 b2   right        score
    Awa          pre   b  a  a  -    Y  Y  N  N   2/4 = 0.5
    Omar         pre   c  a  c  a    N  Y  Y  N   2/4 = 0.5
    Lin          pre   -  b  a  a    N  N  N  N   0/4 = 0
    Sara         pre   B  a  c  d    Y  Y  Y  Y   4/4 = 1     (no post-test: not paired, left out of learning)
    Awa          post  b  a  c  d    Y  Y  Y  Y   1
    Omar         post  b  a  c  a    Y  Y  Y  N   0.75
    Lin          post  b  c  a  d    Y  N  N  Y   0.5

Paired participants: Awa, Omar, Lin (3).
Unit U-a (a1, a2): pre 2/6 = 0.3333, post 5/6 = 0.8333, gain 0.5.
Unit U-b (b1, b2): pre 2/6 = 0.3333, post 4/6 = 0.6667, gain 0.3333 (the weakest of the two).
Programme p: pre (0.5 + 0.5 + 0) / 3 = 0.3333, post (1 + 0.75 + 0.5) / 3 = 0.75, gain 0.4167.
Questions: a1 1/3 -> 3/3; b1 2/3 -> 2/3; a2 1/3 -> 2/3; b2 0/3 -> 2/3. Three people: no flag, no index.
Average test gain in points (sheets win over Awa's roster totals 10 -> 20): (50 + 25 + 50) / 3 = 41.67.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from answer_builders import START, catalogue, delivered, write_sheet
from register_builders import plan, workshop

from curriculum.errors import InvalidInput, UsageError
from tiptrain.register.answers import import_answer_sheet, read_answer_sheet
from tiptrain.register.api import Register
from tiptrain.register.formats import report_csv, report_markdown
from tiptrain.register.learning import Score

ROSTER = ["Awa Ndiaye", "Omar Ba", "Lin Wei", "Sara Diop"]
HAND_WORKED = [
    "Awa Ndiaye,pre,b,a,a,",
    "Omar Ba,pre,c,a,c,a",
    "Lin Wei,pre,,b,a,a",
    "Sara Diop,pre,B,a,c,d",
    "awa  ndiaye,post,b,a,c,d",
    "Omar Ba,post,b,a,c,a",
    "Lin Wei,post,b,c,a,d",
]


def test_import_scores_each_participant_on_the_hand_worked_example(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER)

    done = import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))

    keys = [entry.id for entry in register.roster("W-a")]
    assert [(key, score.pre, score.post) for key, score in done.scores] == [
        (keys[0], 0.5, 1.0),
        (keys[1], 0.5, 0.75),
        (keys[2], 0.0, 0.5),
        (keys[3], 1.0, None),
    ]
    assert (done.pre, done.post, done.questions, done.replaced) == (4, 3, 4, 0)
    assert all(isinstance(score, Score) for _, score in done.scores)


def test_report_learning_equals_the_hand_count(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER, Awa=(10, 20))
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=catalogue()).as_json()

    assert report["learning"] == {
        "U-a": {"participants": 3, "pre": 0.3333, "post": 0.8333, "gain": 0.5},
        "U-b": {"participants": 3, "pre": 0.3333, "post": 0.6667, "gain": 0.3333},
    }
    assert report["learning_programmes"] == {
        "p": {"participants": 3, "pre": 0.3333, "post": 0.75, "gain": 0.4167, "weakest_units": ["U-b"]}
    }
    assert report["weakest_units"] == ["U-b"]
    assert {q: (f["pre"], f["post"], f["flags"], f["discrimination"]) for q, f in report["questions"].items()} == {
        "Q-U-a-1": (0.3333, 1.0, [], None),
        "Q-U-a-2": (0.3333, 0.6667, [], None),
        "Q-U-b-1": (0.6667, 0.6667, [], None),
        "Q-U-b-2": (0.0, 0.6667, [], None),
    }
    assert report["average_test_gain"] == 41.67


def test_report_csv_and_markdown_show_learning_per_unit_and_question(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER)
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))
    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=catalogue())

    csv_lines = [
        line for line in report_csv(report).splitlines() if line.startswith(("learning.U-b.", "questions.Q-U-b-2."))
    ]
    markdown = report_markdown(report).splitlines()

    assert csv_lines == [
        "learning.U-b.participants,3",
        "learning.U-b.pre,0.3333",
        "learning.U-b.post,0.6667",
        "learning.U-b.gain,0.3333",
        "questions.Q-U-b-2.participants,3",
        "questions.Q-U-b-2.pre,0.0",
        "questions.Q-U-b-2.post,0.6667",
        "questions.Q-U-b-2.gain,0.6667",
        "questions.Q-U-b-2.unit,U-b",
        "questions.Q-U-b-2.discrimination,",
        "questions.Q-U-b-2.flags,",
    ]
    assert [line for line in markdown if line.startswith(("| U-b ", "| p | 3 ", "| Q-U-b-2 ", "Weakest"))] == [
        "| U-b | 3 | 33% | 67% | +33 pp |",
        "Weakest gain: U-b",
        "| p | 3 | 33% | 75% | +42 pp | U-b |",
        "| Q-U-b-2 | U-b | 3 | 0% | 67% | +67 pp | n/a |  |",
    ]


def test_report_ignores_roster_totals_of_a_workshop_with_answer_sheets(register: Register, tmp_path: Path) -> None:
    delivered(register, [*ROSTER, "Yao Mensah"], Awa=(10, 20), Yao=(0, 100))
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=catalogue())

    # Yao has no answer sheet row: the roster's 0 -> 100 no longer counts, the gain stays (50 + 25 + 50) / 3
    assert report.average_test_gain == 41.67


def test_report_keeps_roster_totals_without_answer_sheets(register: Register) -> None:
    delivered(register, ROSTER[:2], Awa=(10, 20), Omar=(40, 80))

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=catalogue())

    assert (report.average_test_gain, report.learning, report.questions) == (25.0, {}, {})


def test_import_again_replaces_the_answers_and_says_so_in_the_history(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER)
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))

    done = import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "b.csv", ["Lin Wei,post,b,a,c,d"]))

    assert [(a.test, a.question, a.correct) for a in register.answers("W-a")] == [
        ("post", "Q-U-a-1", True),
        ("post", "Q-U-a-2", True),
        ("post", "Q-U-b-1", True),
        ("post", "Q-U-b-2", True),
    ]
    assert done.replaced == 28
    assert [c.reason for c in register.history("W-a")][-2:] == [
        "answer sheets recorded: 4 pre-test and 3 post-test rows, 4 questions",
        "answer sheets replaced: 0 pre-test and 1 post-test rows, 4 questions (28 earlier answers replaced)",
    ]


def test_import_accepts_the_participant_id_for_two_people_of_the_same_name(register: Register, tmp_path: Path) -> None:
    delivered(register, ["Awa Ndiaye", "Awa Ndiaye"])
    second = register.roster("W-a")[1].id

    done = import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", [f"{second},pre,b,a,c,d"]))

    assert [(key, score.pre) for key, score in done.scores] == [(second, 1.0)]


def test_import_refuses_a_workshop_not_delivered(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER)
    register.store_plan(plan(workshop("W-a", START, days=1, programme="p"), workshop("W-b", date(2026, 3, 2))))

    with pytest.raises(UsageError, match="W-b is planned: answer sheets belong to a delivered workshop"):
        import_answer_sheet(register, catalogue(), "W-b", write_sheet(tmp_path / "a.csv", HAND_WORKED))


def test_import_of_a_bad_sheet_names_every_bad_cell_and_changes_nothing(register: Register, tmp_path: Path) -> None:
    delivered(register, ROSTER)
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "good.csv", HAND_WORKED))
    before = (register.answers("W-a"), register.history("W-a"))
    path = write_sheet(
        tmp_path / "bad.csv",
        [
            "Awa Ndiaye,pre,b,a,e,,x",
            "Nobody Here,during,a,a,a,a,",
            "Omar Ba,post,b,a,c,d,",
            "omar ba,post,b,a,c,d,",
        ],
        header="participant,test,Q-U-a-1,Q-U-b-1,Q-U-a-2,Q-U-a-3,Q-U-c-1",
    )

    with pytest.raises(InvalidInput) as raised:
        import_answer_sheet(register, catalogue(), "W-a", path)

    expected_ids = "Q-U-a-1, Q-U-b-1, Q-U-a-2, Q-U-b-2"
    only = f"only participant, test and the questions of the p test of W-a ({expected_ids})"
    see = "see `tiptrain participants list W-a --with-names`"
    participant = f"a participant on the roster of W-a, by name or id ({see})"
    assert [str(problem) for problem in raised.value.problems] == [
        f"{path}:1: Q-U-b-2: a column Q-U-b-2: a question of the p test",
        f"{path}:1: q-u-a-3: {only}",
        f"{path}:1: q-u-c-1: {only}",
        f"{path}:2: Q-U-a-2: the letter chosen, a, b, c or d, or blank (unanswered) (got 'e')",
        f"{path}:3: participant: {participant} (got 'Nobody Here')",
        f"{path}:3: test: pre or post (got 'during')",
        f"{path}:5: participant: each participant once per test ({register.roster('W-a')[1].id} has a post row 4)"
        " (got 'omar ba')",
    ]
    assert (register.answers("W-a"), register.history("W-a")) == before


def test_import_reads_xlsx_letters_in_any_case(register: Register, tmp_path: Path) -> None:
    from openpyxl import Workbook

    delivered(register, ROSTER)
    book = Workbook()
    sheet = book.active
    sheet.append(["Answers, W-a"])  # a title row above the header
    sheet.append(["participant", "test", "Q-U-a-1", "Q-U-b-1", "Q-U-a-2", "Q-U-b-2"])
    sheet.append(["Omar Ba", "PRE", "B", "A", None, "d"])
    book.save(tmp_path / "answers.xlsx")

    done = import_answer_sheet(register, catalogue(), "W-a", tmp_path / "answers.xlsx")

    assert [(score.pre, score.post) for _, score in done.scores] == [(0.75, None)]


def test_import_reads_a_legacy_encoded_csv_with_semicolons(register: Register, tmp_path: Path) -> None:
    delivered(register, ["Aminata Traoré"])
    path = tmp_path / "answers.csv"
    path.write_bytes("participant;test;Q-U-a-1;Q-U-b-1;Q-U-a-2;Q-U-b-2\nAminata Traoré;post;b;a;c;\n".encode("cp1252"))

    done = import_answer_sheet(register, catalogue(), "W-a", path)

    assert [(score.pre, score.post) for _, score in done.scores] == [(None, 0.75)]


def test_roster_replacement_drops_the_answers_of_people_no_longer_on_it(register: Register, tmp_path: Path) -> None:
    from answer_builders import person

    delivered(register, ROSTER)
    import_answer_sheet(register, catalogue(), "W-a", write_sheet(tmp_path / "a.csv", HAND_WORKED))
    kept = {entry.id for entry in register.roster("W-a")[:3]}

    register.replace_roster("W-a", [person(name) for name in ROSTER[:3]])

    assert {f"P-{answer.participant}" for answer in register.answers("W-a")} == kept


def test_read_answer_sheet_refuses_a_programme_without_test_questions(tmp_path: Path) -> None:
    path = write_sheet(tmp_path / "a.csv", HAND_WORKED)

    with pytest.raises(UsageError, match="programme p of W-a has no test questions"):
        read_answer_sheet(path, workshop("W-a", START, days=1, programme="p"), [], [])
