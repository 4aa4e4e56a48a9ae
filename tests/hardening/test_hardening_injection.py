"""User text that tries to break out: into calendars, PDF markup, spreadsheets, file names and SQL.

Each test puts hostile names, cities and partners into a workspace the way a user would (YAML files, a
roster, the register), runs the real command, and reads the output back with an independent parser:
icalendar and the `ics` package for calendars, pypdf for PDFs, the csv module for CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from hardening_kit import (
    BACKENDS,
    make_workspace,
    register_url,
    roster_row,
    run_cli,
    sqlite_url,
    store,
    workshop,
    write_roster,
)
from hypothesis import given, settings
from hypothesis import strategies as st
from icalcheck_kit import assert_libical_accepts

from tiptrain.files import inside, safe_name

# --- iCalendar -----------------------------------------------------------------------------------------------

BREAKOUTS = {
    "city": "Bamako\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nSUMMARY:injected",
    "trainer": 'Amina "the boss"; ROLE=CHAIR:mailto:evil@example.org\nATTENDEE:mailto:evil@example.org',
    "partner": "UNODC;X-EVIL=1:yes,\r\nDESCRIPTION:injected\\nmore",
}
"""Texts that would end their property and start new ones or new events if written unescaped."""
INJECTION_TRAINERS = f"""\
trainers:
  - id: t-amina
    name: {json.dumps(BREAKOUTS["trainer"])}
    expertise: [law-enforcement]
    languages: [fr]
    home: SN
  - {{id: t-pedro, name: "Pedro, Alvarez; Jr: II", expertise: [criminal-justice], languages: [fr], home: ES}}
"""
INJECTION_REQUESTS = f"""\
requests:
  - id: ml-cj
    country: ML
    city: Bamako
    programme: criminal-justice-3d
    language: fr
    audiences: [police]
    participants: 20
    window: {{earliest: 2026-02-01, latest: 2026-04-30}}
    priority: 3
    partner: {json.dumps(BREAKOUTS["partner"])}
"""
EVENT_PROPERTIES = {
    *("UID", "DTSTAMP", "SEQUENCE", "STATUS", "ORGANIZER", "ATTENDEE", "LOCATION", "TRANSP", "DTSTART"),
    *("DTEND", "SUMMARY", "DESCRIPTION", "CATEGORIES", "URL", "CLASS", "X-MICROSOFT-CDO-BUSYSTATUS", "COMMENT"),
}


@pytest.fixture
def calendar_workspace(tmp_path: Path) -> Path:
    workspace = make_workspace(tmp_path, trainers=INJECTION_TRAINERS, requests=INJECTION_REQUESTS)
    store(
        sqlite_url(workspace),
        workshop("W-ml-cj", date(2026, 2, 2), city=BREAKOUTS["city"]),
        workshop("W-ml-cj2", date(2026, 3, 2), city="Ségou; Mopti, Gao: \\N"),
    )
    return workspace


def one_line(text: str) -> str:
    """What a one-line calendar text becomes: line breaks are spaces (exports.text.plain)."""
    return " ".join(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").split())


@pytest.mark.parametrize(
    ("option", "events"),
    [((), 2), (("--trainer", "t-amina"), 6), (("--workshop", "W-ml-cj"), None)],
    ids=["plan", "trainer", "workshop"],
)
def test_export_ics_user_text_stays_inside_its_property(
    calendar_workspace: Path, option: tuple[str, ...], events: int | None
) -> None:
    import ics
    from icalendar import Calendar

    out = calendar_workspace / "out.ics"

    outcome = run_cli(calendar_workspace, "export", "ics", *option, "-o", str(out))

    data = out.read_bytes()
    parsed = Calendar.from_ical(data)
    found = parsed.walk("VEVENT")
    again = ics.Calendar(data.decode("utf-8"))
    assert outcome.code == 0, outcome.err
    assert len(found) == len(again.events) == (events or len(found))
    assert len({str(event["UID"]) for event in found}) == len(found)
    assert {name for event in found for name in event} <= EVENT_PROPERTIES
    assert "evil@x" not in {str(event["UID"]) for event in found}
    assert [event.get("ATTENDEE") for event in found] == [None] * len(found)
    assert {str(event["ORGANIZER"]) for event in found} == {"mailto:ines@example.org"}
    assert_libical_accepts([out])
    lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert not [line for line in lines if line.startswith(("SUMMARY:injected", "DESCRIPTION:injected", "X-EVIL"))]


def test_export_ics_hostile_texts_come_back_whole(calendar_workspace: Path) -> None:
    from icalendar import Calendar

    out = calendar_workspace / "amina.ics"
    run_cli(calendar_workspace, "export", "ics", "--trainer", "t-amina", "-o", str(out))

    event = Calendar.from_ical(out.read_bytes()).walk("VEVENT")[0]
    lines = str(event["DESCRIPTION"]).split("\n")
    team = next(line for line in lines if line.startswith("Trainers: "))
    assert one_line(BREAKOUTS["city"]) in str(event["LOCATION"])
    assert one_line(BREAKOUTS["partner"]) in str(event["DESCRIPTION"]).replace("\n", " ")
    assert team == f"Trainers: {one_line(BREAKOUTS['trainer'])}, Pedro, Alvarez; Jr: II"


# --- PDF markup ----------------------------------------------------------------------------------------------

MARKUP = {
    "participant": "<b>Awa</b> &amp; <br/>",
    "organisation": "A<B & Co",
    "trainer": '<font name="x">Amina</font>',
    "partner": "&amp; <i>Partner",
    "programme": "Org &lt; <para>",
    "city": "<font size=40>Ségou",
}
MARKUP_TRAINERS = f"""\
trainers:
  - {{id: t-amina, name: {json.dumps(MARKUP["trainer"])}, expertise: [law-enforcement], languages: [fr], home: SN}}
  - {{id: t-pedro, name: Pedro, expertise: [criminal-justice], languages: [fr], home: ES}}
"""
SHOWN = {
    "pack": ("trainer", "partner", "programme", "city"),
    "signin": ("participant", "organisation", "programme", "city"),
    "certificates": ("participant", "partner", "city"),  # the partner signs beside the programme head
    "answer-key": ("programme", "city"),
}
"""Which user texts each document prints."""


@pytest.fixture(scope="module")
def markup_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    workspace = make_workspace(
        tmp_path_factory.mktemp("markup"),
        programme=MARKUP["programme"],
        trainers=MARKUP_TRAINERS,
        requests=INJECTION_REQUESTS.replace(json.dumps(BREAKOUTS["partner"]), json.dumps(MARKUP["partner"])),
    )
    store(sqlite_url(workspace), workshop("W-ml-cj", date(2026, 2, 2), city=MARKUP["city"]))
    roster = write_roster(
        workspace / "roster.csv",
        [roster_row(MARKUP["participant"], MARKUP["organisation"]), roster_row("Omar", "<font name=x>")],
    )
    assert run_cli(workspace, "workshops", "confirm", "W-ml-cj").code == 0
    assert run_cli(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster)).code == 0
    return workspace


@pytest.mark.parametrize("kind", sorted(SHOWN))
def test_export_pdf_markup_in_user_fields_prints_literally(markup_workspace: Path, kind: str) -> None:
    from pypdf import PdfReader

    out = markup_workspace / f"{kind}.pdf"

    outcome = run_cli(markup_workspace, "export", kind, "W-ml-cj", "--lang", "en", "-o", str(out))

    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert outcome.code == 0, outcome.err
    assert {field: MARKUP[field] in text for field in SHOWN[kind]} == dict.fromkeys(SHOWN[kind], True)


# --- CSV -----------------------------------------------------------------------------------------------------

FORMULAS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-1١"]


def formula_cells(text: str) -> list[str]:
    """Cells of a CSV text that a spreadsheet would run as a formula (numbers excepted)."""
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]  # a bare CR is an error
    return [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r")) and not _number(cell)]


def _number(cell: str) -> bool:
    return re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell) is not None


@pytest.mark.parametrize("formula", FORMULAS)
def test_report_csv_neutralises_formulas_in_every_user_text(tmp_path: Path, formula: str) -> None:
    workspace = make_workspace(tmp_path, programme=formula)
    store(
        sqlite_url(workspace),
        workshop("W-a", date(2026, 2, 2), programme=formula, country="=1", city=formula),
    )
    assert run_cli(workspace, "workshops", "confirm", "W-a").code == 0
    roster = write_roster(workspace / "roster.csv", [roster_row("Awa")])
    assert run_cli(workspace, "workshops", "deliver", "W-a", "--roster", str(roster)).code == 0

    outcome = run_cli(workspace, "report", "--format", "csv", "--from", "2026-01-01", "--to", "2026-12-31")

    assert outcome.code == 0, outcome.err
    assert "programme_name" in outcome.out
    assert formula_cells(outcome.out) == []


@settings(max_examples=100, deadline=None)
@given(
    rows=st.lists(
        st.lists(st.one_of(st.text(max_size=12), st.integers(), st.floats(allow_nan=False)), max_size=4), max_size=4
    )
)
def test_csv_export_helper_never_leaves_a_formula(rows: list[list[object]]) -> None:
    from exports.csv import csv_text

    text = csv_text(["a", "b"], rows)

    numbers = {str(value) for row in rows for value in row if isinstance(value, int | float)}
    assert [cell for cell in formula_cells(text) if cell not in numbers] == []


# --- file names ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("../../x", "x"),
        ("..\\..\\windows\\system32", "windows-system32"),
        ("/etc/passwd", "etc-passwd"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("Lpt9", "_Lpt9"),
        ("aux.tar.gz", "_aux.tar.gz"),
        ("...", "unnamed"),
        ("", "unnamed"),
        ("W-ml-bamako-tot", "W-ml-bamako-tot"),
        ("Ségou; Mopti", "S-gou-Mopti"),
        ("a" * 79 + ".", "a" * 79),
        ("x" * 500, "x" * 80),
        ("'); DROP TABLE workshops; --", "DROP-TABLE-workshops"),
    ],
)
def test_safe_name_keeps_names_in_their_folder(text: str, expected: str) -> None:
    assert safe_name(text) == expected


RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


@settings(max_examples=300, deadline=None)
@given(
    text=st.text()
    | st.sampled_from(["..", ".", "CON", "nul.", "../..", "com1.x"]).flatmap(
        lambda base: st.text(max_size=5).map(lambda tail: base + tail)
    )
)
def test_safe_name_any_text_gives_one_plain_short_name(text: str) -> None:
    name = safe_name(text)

    assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9._-]*", name)
    assert not name.endswith((".", "-"))
    assert name.lower().split(".")[0] not in RESERVED
    assert len(name) <= 80


@settings(max_examples=100, deadline=None)
@given(parts=st.lists(st.text(), min_size=1, max_size=3))
def test_inside_never_leaves_the_folder(tmp_path_factory: pytest.TempPathFactory, parts: list[str]) -> None:
    folder = tmp_path_factory.getbasetemp() / "out"

    path = inside(folder, *parts, suffix=".pdf")

    assert path.resolve().is_relative_to(folder.resolve())
    assert len(path.relative_to(folder).parts) == len(parts)
    assert path.name.endswith(".pdf")


# --- SQL -----------------------------------------------------------------------------------------------------

HOSTILE_ID = "'); DROP TABLE workshops; --"
HOSTILE_NAME = "Robert'); DROP TABLE participants; --"
HOSTILE_ORGANISATION = '"; DELETE FROM attendance WHERE 1=1; --'


@pytest.mark.parametrize("backend", BACKENDS)
def test_register_sql_in_ids_and_names_is_stored_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    from tiptrain.register.api import Register

    workspace = make_workspace(tmp_path)
    with register_url(backend, workspace, monkeypatch) as url:
        store(url, workshop(HOSTILE_ID, date(2026, 2, 2), city="x' OR '1'='1"))
        roster = write_roster(tmp_path / "roster.csv", [roster_row(HOSTILE_NAME, HOSTILE_ORGANISATION)])

        confirmed = run_cli(workspace, "workshops", "confirm", HOSTILE_ID, "--reason", "'; DROP TABLE status_history")
        delivered = run_cli(workspace, "workshops", "deliver", HOSTILE_ID, "--roster", str(roster))
        listed = run_cli(workspace, "participants", "list", HOSTILE_ID, "--with-names", "--json")
        forgotten = run_cli(workspace, "participants", "forget", HOSTILE_NAME)
        with Register(url) as register:
            found = register.workshop(HOSTILE_ID)
            history = [change.reason for change in register.history(HOSTILE_ID)]
            roster_after = register.participants(HOSTILE_ID)

    assert [confirmed.code, delivered.code, listed.code, forgotten.code] == [0, 0, 0, 0]
    assert [(p["name"], p["organisation"]) for p in json.loads(listed.out)] == [(HOSTILE_NAME, HOSTILE_ORGANISATION)]
    assert (found.id, found.city, found.status) == (HOSTILE_ID, "x' OR '1'='1", "delivered")
    assert history[1] == "'; DROP TABLE status_history"
    assert [(p.name, p.days_present()) for p in roster_after] == [("(forgotten)", 3)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_register_nul_in_a_plan_refused_before_writing_on_every_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str
) -> None:
    from curriculum.errors import InvalidInput
    from tiptrain.register.api import Register

    with register_url(backend, make_workspace(tmp_path), monkeypatch) as url:
        with pytest.raises(InvalidInput) as raised:
            store(url, workshop("W-a", date(2026, 2, 2), city="Bam\x00ako"))
        with Register(url) as register:
            left = register.workshops()

    assert str(raised.value) == "plan: workshops[0].city: text without NUL characters (got 'Bam\\x00ako')"
    assert left == []
