"""Rosters as coordinators save them: legacy encodings, semicolons, title rows, professions in words, extra columns.

All names are invented. fixtures/roster-dakar-cp1252.csv is what French Excel on Windows writes with
"CSV (separator: semicolon)": Windows-1252, CRLF, a title row and a blank row above the header, a phone column.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from register_builders import workshop, write_csv

from curriculum.errors import InvalidInput, Problem
from scheduler.models import Workshop
from tiptrain.register.roster import RosterFile, read_roster_file

FIXTURES = Path(__file__).parent / "fixtures"
DAKAR = workshop("W-sn-dakar-cj", date(2026, 2, 2), country="SN")
HEADER = "name,organisation,profession,sex,country,email,day1,day2,day3"


def in_language(language: str) -> Workshop:
    return DAKAR.model_copy(update={"language": language})


def people(roster: RosterFile) -> list[tuple[str, str, list[bool]]]:
    return [(p.name, p.profession, p.attendance) for p in roster.participants]


def test_read_roster_cp1252_semicolon_csv_with_title_rows_and_french_professions() -> None:
    roster = read_roster_file(FIXTURES / "roster-dakar-cp1252.csv", DAKAR, ["police", "prosecutors", "judges"])

    assert people(roster) == [
        ("Hélène Dufour", "police", [True, True, True]),
        ('Mamadou "Doudou" Sène', "prosecutors", [True, True, False]),
        ("Aïcha Ndoye", "coordinators", [True, False, True]),
    ]


def test_read_roster_extra_column_kept_aside_with_a_warning_and_outside_audience_warned() -> None:
    path = FIXTURES / "roster-dakar-cp1252.csv"

    roster = read_roster_file(path, DAKAR, ["police", "prosecutors", "judges"])

    assert roster.extra == {"téléphone": ["+221 77 000 00 01", "", ""]}
    assert roster.warnings == [
        f"{path}:3: column(s) 'téléphone' are not roster columns (name, organisation, profession, sex, country, "
        "email, day1 ... dayN, pre_test, post_test): read but not stored",
        f"{path}: row(s) 6: profession coordinators is not among the programme's audiences "
        "(police, prosecutors, judges); the participant(s) are kept",
    ]


def test_read_roster_problem_rows_count_the_title_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ["Workshop roster", "", HEADER, "Awa Ndiaye,Tribunal,judges,q,SN,,1,1,1"])

    with pytest.raises(InvalidInput) as raised:
        read_roster_file(path, DAKAR)

    assert raised.value.problems == [Problem(str(path), 4, "sex", "'q'", "'f', 'm' or 'x'")]


def test_read_roster_without_header_names_the_columns_it_looked_for(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "roster.csv", ["Liste", "Nom;Prénom;Service", "Ndiaye;Awa;Police"])

    with pytest.raises(InvalidInput) as raised:
        read_roster_file(path, DAKAR)

    assert raised.value.problems == [
        Problem(
            str(path),
            None,
            "",
            None,
            "a header row naming the columns name, organisation, profession, sex, country "
            "(none of the first 3 rows names any of them)",
        )
    ]


def test_read_roster_semicolon_csv_keeps_doubled_quotes_and_commas_in_cells(tmp_path: Path) -> None:
    lines = [HEADER.replace(",", ";"), '"Ba, Omar ""Junior""";"Police, Dakar";police;m;SN;;1;1;1']
    path = write_csv(tmp_path / "roster.csv", lines)

    roster = read_roster_file(path, DAKAR)

    assert [(p.name, p.organisation) for p in roster.participants] == [('Ba, Omar "Junior"', "Police, Dakar")]


def test_read_roster_utf16_tab_separated_as_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes(
        (HEADER.replace(",", "\t") + "\r\nJosé Pérez\tPolicía Nacional\tPolicía\tm\tSN\t\t1\t1\t1\r\n").encode("utf-16")
    )

    roster = read_roster_file(path, in_language("es"))

    assert people(roster) == [("José Pérez", "police", [True, True, True])]


def test_read_roster_cp1251_russian_professions(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    rows = [
        HEADER.replace(",", ";"),
        "Сергей Иванов;МВД;Полицейский;m;UZ;;1;1;1",
        "Ольга Петрова;МВД;Судья;f;UZ;;1;1;0",
    ]
    path.write_bytes("\r\n".join(rows).encode("cp1251"))

    roster = read_roster_file(path, in_language("ru"))

    assert people(roster) == [
        ("Сергей Иванов", "police", [True, True, True]),
        ("Ольга Петрова", "judges", [True, True, False]),
    ]


@pytest.mark.parametrize(
    ("written", "language", "audience"),
    [
        ("POLICIER", "fr", "police"),
        ("policia", "es", "police"),
        ("Fiscal", "es", "prosecutors"),
        ("Сотрудник полиции", "ru", "police"),
        ("ضابط شرطة", "ar", "police"),
        ("قاض", "ar", "judges"),
        ("警察", "zh", "police"),
        ("检察官", "zh", "prosecutors"),
        ("Agent de l’immigration", "fr", "immigration"),
        ("Border Guards", "en", "border-guards"),
        ("victim services", "fr", "victim-services"),
        ("Juge", "en", "judges"),
    ],
)
def test_read_roster_profession_in_words_any_case_or_accents(
    tmp_path: Path, written: str, language: str, audience: str
) -> None:
    path = write_csv(tmp_path / "roster.csv", [HEADER, f"Awa Ndiaye,Tribunal,{written},f,SN,,1,1,1"])

    roster = read_roster_file(path, in_language(language))

    assert [p.profession for p in roster.participants] == [audience]


def test_read_roster_xlsx_with_title_rows_and_extra_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Atelier de Dakar, 2-4 février 2026"])
    sheet.merge_cells("A1:D1")
    sheet.append(["Liste des participants"])
    sheet.append([*HEADER.split(","), "Remarques"])
    sheet.append(["Hélène Dufour", "Gendarmerie", "Policière", "f", "SN", None, 1, 1, 1, "arrivée J2"])
    sheet.append(["Awa Ndiaye", "Tribunal", "Juge", "f", "SN", None, 1, 1, "x", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)

    with pytest.raises(InvalidInput) as raised:
        read_roster_file(path, DAKAR)

    assert raised.value.problems == [Problem(str(path), 5, "day3", "'x'", "1 (present) or 0 (absent)")]


def test_read_roster_xlsx_with_title_row_reads_its_people(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Atelier de Dakar"])
    sheet.append([*HEADER.split(","), "Remarques"])
    sheet.append(["Hélène Dufour", "Gendarmerie", "Policière", "f", "SN", None, 1, 1, 1, "arrivée J2"])
    path = tmp_path / "roster.xlsx"
    book.save(path)

    roster = read_roster_file(path, DAKAR, ["police"])

    assert (people(roster), roster.extra) == (
        [("Hélène Dufour", "police", [True, True, True])],
        {"remarques": ["arrivée J2"]},
    )
