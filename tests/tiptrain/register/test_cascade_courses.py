"""Follow-on courses run by ToT participants: recorded all or none, counted per country in the report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import write_csv
from test_register_report import CATALOGUE, hand_counted_register

from curriculum.errors import InvalidInput
from tiptrain.register.api import Register
from tiptrain.register.cascade import CourseInput
from tiptrain.register.cascade_file import course_from_options, read_courses
from tiptrain.register.privacy import FORGOTTEN
from tiptrain.register.report import trainer_training_programmes

TOTS = trainer_training_programmes(CATALOGUE)
COURSES = [
    "trainee,workshop,date,country,participants,audience",
    "Aminata Traore,W-tot,2026-02-10,ML,20,police",
    "moussa  keita,W-tot,2026-04-01,SN,15,",
    "Moussa Keita,W-tot,2026-08-01,ML,30,prosecutors",  # after the report's period
    "Fatou Diallo,W-tot,2026-05-05,SN,12,ngo",  # not certified at the ToT, but she trained others
]


def test_cascade_figures_equal_hand_count(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    register.add_cascade_courses(read_courses(write_csv(tmp_path / "courses.csv", COURSES)), TOTS)

    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE)

    assert (report.cascade_trainers, report.cascade_courses, report.cascade_reach, report.cascade) == (
        {"ML": 2},  # Aminata (5 of 5 days) and Moussa (4 of 5), both from Mali; Fatou (SN) came 2 days
        {"ML": 1, "SN": 2},  # Aminata's in February, Moussa's in April and Fatou's in May; August is later
        {"ML": 20, "SN": 15 + 12},
        1,  # the pool's cascade as before: t-moussa led W-cj
    )


def test_cascade_list_names_each_trainee_by_roster_row(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    register.add_cascade_courses(read_courses(write_csv(tmp_path / "courses.csv", COURSES)), TOTS, "courses.csv")

    listed = [
        (c.trainee, c.held_on.isoformat(), c.country, c.participants, c.audience) for c in register.cascade_courses()
    ]

    assert listed == [
        ("Aminata Traore", "2026-02-10", "ML", 20, "police"),
        ("Moussa Keita", "2026-04-01", "SN", 15, None),
        ("Fatou Diallo", "2026-05-05", "SN", 12, "ngo"),
        ("Moussa Keita", "2026-08-01", "ML", 30, "prosecutors"),
    ]


def test_cascade_add_refuses_a_trainee_not_on_the_roster_naming_close_names(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    typed = course_from_options(
        "Aminata Troare", "W-tot", held_on=date(2026, 3, 1), country="ML", participants=10, audience=None
    )

    with pytest.raises(InvalidInput) as refused:
        register.add_cascade_courses([typed], TOTS)

    assert str(refused.value) == (
        "cascade add: trainee: a person on the roster of W-tot (a name or an id such as P-17); did you mean "
        "Aminata Traore? (got 'Aminata Troare')"
    )
    assert register.cascade_courses() == []


def test_cascade_add_refuses_a_workshop_that_trains_no_trainers(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    typed = CourseInput("Awa Ndiaye", "W-cj", date(2026, 4, 1), "SN", 10)

    with pytest.raises(InvalidInput) as refused:
        register.add_cascade_courses([typed], TOTS)

    assert str(refused.value) == (
        "cascade add: workshop: a training of trainers (programmes marked trains_trainers: tot-5d), not "
        "criminal-justice-3d (got 'W-cj')"
    )


def test_cascade_import_refuses_the_whole_file_naming_every_bad_cell(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    path = write_csv(
        tmp_path / "bad.csv",
        [
            "trainee,workshop,date,country,participants,audience",
            "Aminata Traore,W-tot,2026-02-10,ML,20,police",
            "Moussa Keita,W-tot,10/04/2026,XX,0,",
            "Fatou Diallo,W-tot,2026-05-05,SN,12,astronauts",
        ],
    )

    with pytest.raises(InvalidInput) as refused:
        read_courses(path)

    assert [(p.line, p.field, p.value) for p in refused.value.problems] == [
        (3, "date", "'10/04/2026'"),
        (3, "country", "'XX'"),
        (3, "participants", "'0'"),
        (4, "audience", "'astronauts'"),
    ]
    assert register.cascade_courses() == []


def test_cascade_import_refuses_all_when_one_trainee_is_unknown(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    path = write_csv(tmp_path / "courses.csv", [*COURSES, "Nobody Known,W-tot,2026-03-03,ML,9,"])

    with pytest.raises(InvalidInput) as refused:
        register.add_cascade_courses(read_courses(path), TOTS)

    assert [(p.line, p.field) for p in refused.value.problems] == [(6, "trainee")]
    assert register.cascade_courses() == []


def test_cascade_refuses_a_course_before_the_tot_ended_and_a_course_twice(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    early = CourseInput("Aminata Traore", "W-tot", date(2026, 1, 14), "ML", 10)
    once = CourseInput("Aminata Traore", "W-tot", date(2026, 2, 10), "ML", 10)
    register.add_cascade_courses([once], TOTS)

    with pytest.raises(InvalidInput) as refused:
        register.add_cascade_courses([early, once], TOTS)

    assert [(p.field, p.expected) for p in refused.value.problems] == [
        ("date", "a date after the ToT's last day 2026-01-16"),
        ("trainee", "each course once (this trainee, date and country are recorded already)"),
    ]


def test_forgotten_trainee_keeps_the_counts_but_not_the_name(register: Register, tmp_path: Path) -> None:
    hand_counted_register(register, tmp_path)
    register.add_cascade_courses(read_courses(write_csv(tmp_path / "courses.csv", COURSES)), TOTS)
    before = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE)

    register.forget("Aminata Traore")
    after = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE)
    first = register.cascade_courses()[0]

    assert after == before
    assert (first.trainee, first.participants, first.country) == (FORGOTTEN, 20, "ML")
    assert "Aminata" not in repr(register.cascade_courses())


def test_cascade_section_in_markdown_csv_and_pdf(register: Register, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from exports.pdf.report import report_pdf
    from tiptrain.register.formats import report_csv, report_markdown

    hand_counted_register(register, tmp_path)
    register.add_cascade_courses(read_courses(write_csv(tmp_path / "courses.csv", COURSES)), TOTS)
    report = register.report(date(2026, 1, 1), date(2026, 6, 30), catalogue=CATALOGUE)

    section = report_markdown(report).split("## Cascade: trainers certified and the courses they ran\n\n")[1]
    markdown = section.split("\n\n## ")[0]
    csv_lines = [line for line in report_csv(report).splitlines() if line.startswith("cascade_")]
    (tmp_path / "report.pdf").write_bytes(report_pdf(report, invariant=True))
    pdf_words = PdfReader(tmp_path / "report.pdf").pages[-1].extract_text().split()

    assert markdown.splitlines() == [
        "| country | trainers certified | follow-on courses | people reached |",
        "|---|---:|---:|---:|",
        "| ML | 2 | 1 | 20 |",
        "| SN | 0 | 2 | 27 |",
        "| total | 2 | 3 | 47 |",
    ]
    assert csv_lines == [
        "cascade_trainers.ML,2",
        "cascade_courses.ML,1",
        "cascade_courses.SN,2",
        "cascade_reach.ML,20",
        "cascade_reach.SN,27",
    ]
    start = pdf_words.index("cascade:")
    assert " ".join(pdf_words[start : start + 27]) == (
        "cascade: trainers certified and the courses they ran Country Trainers certified Follow-on courses People "
        "reached Mali 2 1 20 Senegal 0 2 27 Total 2 3 47"
    )
