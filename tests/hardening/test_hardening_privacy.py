"""Personal data: a register only its owner reads, listings without names unless asked, forgetting a person.

The register holds names of police officers, prosecutors and victim-service staff. The file is created
0600 (with its -wal and -shm files, whatever the umask); reports and listings show ids and counts;
`participants forget` erases a person's name, organisation and e-mail and leaves every figure as it was.
"""

from __future__ import annotations

import json
import sqlite3
import stat
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hardening_driver import command
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

PEOPLE = [
    roster_row("Awa Ndiaye", "Tribunal de Dakar", email="awa.ndiaye@example.org"),
    roster_row("Omar Ba", "Police nationale", email="omar.ba@example.org", days="1,0,0"),
    roster_row("Awa  NDIAYE", "Brigade des mineurs", days="0,1,1"),
    roster_row("Lena Petrova", "Prosecutor's office", email="lena@example.org", days="0,0,0"),
]
NAMES = ["Awa Ndiaye", "Omar Ba", "Awa  NDIAYE", "Lena Petrova"]
PERSONAL = [*NAMES, "Tribunal de Dakar", "Police nationale", "Brigade des mineurs", "awa.ndiaye@example.org"]


def delivered_workspace(workspace: Path, url: str, rows: list[str] = PEOPLE) -> Path:
    """A workspace whose workshop W-ml-cj is delivered with `rows`, and W-ml-cj2 still planned."""
    store(url, workshop("W-ml-cj", date(2026, 2, 2)), workshop("W-ml-cj2", date(2026, 3, 2)))
    roster = write_roster(workspace / "roster.csv", rows)
    assert run_cli(workspace, "workshops", "confirm", "W-ml-cj").code == 0
    assert run_cli(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster)).code == 0
    return workspace


@pytest.fixture(params=BACKENDS)
def workspace(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    folder = make_workspace(tmp_path)
    with register_url(request.param, folder, monkeypatch) as url:
        yield delivered_workspace(folder, url)


# --- the register file ---------------------------------------------------------------------------------------


def test_register_created_by_a_command_is_owner_only_even_with_umask_0(tmp_path: Path, forkserver: Any) -> None:
    workspace = make_workspace(tmp_path)
    argv = ["--workspace", str(workspace), "workshops", "list"]
    child = forkserver.Process(target=command, args=(argv, {}, str(tmp_path / "log"), 0))
    child.start()
    child.join(timeout=60)

    with sqlite3.connect(workspace / "tiptrain.db") as reader:  # -wal and -shm exist while it is open
        reader.execute("SELECT count(*) FROM workshops").fetchall()
        modes = {path.name: stat.S_IMODE(path.stat().st_mode) for path in workspace.glob("tiptrain.db*")}

    assert child.exitcode == 0
    assert modes == {"tiptrain.db": 0o600, "tiptrain.db-wal": 0o600, "tiptrain.db-shm": 0o600}


# --- listings and reports ------------------------------------------------------------------------------------


def test_reports_and_listings_show_no_names(workspace: Path) -> None:
    outputs = [
        run_cli(workspace, "workshops", "list"),
        run_cli(workspace, "workshops", "list", "--json"),
        run_cli(workspace, "workshops", "history", "W-ml-cj", "--json"),
        run_cli(workspace, "participants", "list", "W-ml-cj"),
        run_cli(workspace, "participants", "list", "W-ml-cj", "--json"),
        *(run_cli(workspace, "report", "--format", kind) for kind in ("md", "json", "csv")),
    ]

    shown = "\n".join(outcome.out + outcome.err for outcome in outputs)
    assert [outcome.code for outcome in outputs] == [0] * len(outputs)
    assert [text for text in PERSONAL if text.casefold() in shown.casefold()] == []


def test_participants_list_gives_ids_and_anonymous_fields(workspace: Path) -> None:
    outcome = run_cli(workspace, "participants", "list", "W-ml-cj", "--json")

    found = json.loads(outcome.out)
    assert outcome.code == 0
    assert [set(record) for record in found] == [
        {"id", "profession", "sex", "country", "present", "attendance", "days_present", "forgotten"}
    ] * 4
    assert [(r["present"], r["attendance"]) for r in found] == [
        ("3/3", [1, 1, 1]),
        ("1/3", [1, 0, 0]),
        ("2/3", [0, 1, 1]),
        ("0/3", [0, 0, 0]),
    ]
    assert all(record["id"].startswith("P-") for record in found)
    assert len({record["id"] for record in found}) == 4


def test_participants_list_with_names_shows_them(workspace: Path) -> None:
    table = run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names")
    records = json.loads(run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names", "--json").out)

    assert [(r["name"], r["organisation"], r["email"]) for r in records][:2] == [
        ("Awa Ndiaye", "Tribunal de Dakar", "awa.ndiaye@example.org"),
        ("Omar Ba", "Police nationale", "omar.ba@example.org"),
    ]
    assert table.out.splitlines()[0].split() == [
        "id", "profession", "sex", "country", "present", "attendance", "name", "organisation", "email"
    ]  # fmt: skip
    assert "Lena Petrova" in table.out


def test_participants_list_before_delivery_is_empty_and_says_why(workspace: Path) -> None:
    outcome = run_cli(workspace, "participants", "list", "W-ml-cj2")

    assert (outcome.code, outcome.err) == (
        0,
        "W-ml-cj2 has no roster yet (it is recorded with `tiptrain workshops deliver`).\n",
    )


def test_participants_list_unknown_workshop_exit_2(workspace: Path) -> None:
    outcome = run_cli(workspace, "participants", "list", "W-nope")

    assert outcome.code == 2
    assert outcome.err.startswith("Error: no workshop 'W-nope' in the register")


# --- forgetting a person -------------------------------------------------------------------------------------


def ids(workspace: Path, workshop_id: str = "W-ml-cj") -> list[str]:
    return [r["id"] for r in json.loads(run_cli(workspace, "participants", "list", workshop_id, "--json").out)]


def test_forget_by_name_keeps_every_figure_and_erases_the_person(workspace: Path) -> None:
    before = {kind: run_cli(workspace, "report", "--format", kind).out for kind in ("json", "csv", "md")}
    ids_before = ids(workspace)

    outcome = run_cli(workspace, "participants", "forget", "omar ba")

    after = {kind: run_cli(workspace, "report", "--format", kind).out for kind in ("json", "csv", "md")}
    listed = json.loads(run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names", "--json").out)
    history = json.loads(run_cli(workspace, "workshops", "history", "W-ml-cj", "--json").out)
    assert (outcome.code, outcome.err) == (
        0,
        f"{ids_before[1]} (W-ml-cj): name, organisation and e-mail address forgotten; "
        "profession, sex, country and attendance kept for the reports.\n",
    )
    assert after == before
    assert ids(workspace) == ids_before
    assert listed[1] | {"id": "-"} == {
        "id": "-", "name": "(forgotten)", "organisation": "", "email": None, "forgotten": True,
        "profession": "police", "sex": "f", "country": "ML", "present": "1/3", "attendance": [1, 0, 0],
        "days_present": 1,
    }  # fmt: skip
    assert [r["name"] for r in listed] == ["Awa Ndiaye", "(forgotten)", "Awa  NDIAYE", "Lena Petrova"]
    assert history[-1]["reason"] == f"personal data of participant {ids_before[1]} forgotten on request"
    assert (history[-1]["old"], history[-1]["new"], history[-1]["sequence"]) == ("delivered", "delivered", 2)


def test_forget_a_name_several_people_share_is_refused_with_their_ids(workspace: Path) -> None:
    known = ids(workspace)

    outcome = run_cli(workspace, "participants", "forget", "AWA ndiaye")

    assert outcome.code == 2
    assert outcome.err == (
        f"Error: 2 participants are called 'AWA ndiaye': {known[0]} (W-ml-cj), {known[2]} (W-ml-cj); "
        "forget one at a time by its id\n"
    )
    assert "(forgotten)" not in run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names").out


@pytest.mark.parametrize("spelling", ["{id}", "{number}", "p{number}"])
def test_forget_by_id_in_any_spelling(workspace: Path, spelling: str) -> None:
    target = ids(workspace)[2]
    number = target.removeprefix("P-")

    outcome = run_cli(workspace, "participants", "forget", spelling.format(id=target, number=number))
    again = run_cli(workspace, "participants", "forget", target)

    listed = run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names", "--json")
    names = [record["name"] for record in json.loads(listed.out)]
    assert outcome.code == 0
    assert names == ["Awa Ndiaye", "Omar Ba", "(forgotten)", "Lena Petrova"]
    assert (again.code, again.err) == (0, f"{target} (W-ml-cj): already forgotten; nothing to do.\n")


@pytest.mark.parametrize("who", ["Nobody Here", "P-999999", "(forgotten)"])
def test_forget_someone_unknown_exit_2_and_nothing_changes(workspace: Path, who: str) -> None:
    before = run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names", "--json").out

    outcome = run_cli(workspace, "participants", "forget", who)

    assert outcome.code == 2
    assert outcome.err == (
        f"Error: no participant {who!r} in the register; "
        "see ids and names with `tiptrain participants list WORKSHOP_ID --with-names`\n"
    )
    assert run_cli(workspace, "participants", "list", "W-ml-cj", "--with-names", "--json").out == before


def test_forget_leaves_no_trace_of_the_name_in_the_sqlite_files(tmp_path: Path) -> None:
    workspace = delivered_workspace(make_workspace(tmp_path), sqlite_url(tmp_path))

    run_cli(workspace, "participants", "forget", "Lena Petrova")

    raw = b"".join(path.read_bytes() for path in sorted(tmp_path.glob("tiptrain.db*")))
    assert b"Lena Petrova" not in raw
    assert b"lena@example.org" not in raw
    assert b"Omar Ba" in raw  # the others are still there: we looked in the right place


# --- e-mail addresses on roster import -----------------------------------------------------------------------

BAD_EMAILS = [
    "awa@example",
    "awa@@example.org",
    "awa example@example.org",
    "awa@exa mple.org",
    "awa@example..org",
    '"awa"@example.org',
    "<awa@example.org>",
    "awa@example.org, omar@example.org",
    "awa\x00@example.org",
    "awa\u202e@example.org",
]


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_roster_bad_email_refused_with_row_and_column(tmp_path: Path, email: str) -> None:
    workspace = make_workspace(tmp_path)
    store(sqlite_url(workspace), workshop("W-ml-cj", date(2026, 2, 2)))
    run_cli(workspace, "workshops", "confirm", "W-ml-cj")
    roster = write_roster(tmp_path / "roster.csv", [roster_row("Omar Ba"), roster_row("Awa", email=email)])

    outcome = run_cli(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster))

    assert outcome.code == 2, outcome.err
    assert outcome.err.startswith(f"Error: {roster}:3: email: an e-mail address such as name@example.org")
    assert run_cli(workspace, "participants", "list", "W-ml-cj").out.count("P-") == 0


@pytest.mark.parametrize("column", ["name", "organisation"])
def test_roster_control_characters_in_names_refused(tmp_path: Path, column: str) -> None:
    workspace = make_workspace(tmp_path)
    store(sqlite_url(workspace), workshop("W-ml-cj", date(2026, 2, 2)))
    run_cli(workspace, "workshops", "confirm", "W-ml-cj")
    name, organisation = ("Awa\x00Ndiaye", "Police") if column == "name" else ("Awa", "Police\x1b[2J")
    roster = write_roster(tmp_path / "roster.csv", [roster_row(name, organisation)])

    outcome = run_cli(workspace, "workshops", "deliver", "W-ml-cj", "--roster", str(roster))

    assert outcome.code == 2
    assert outcome.err.startswith(f"Error: {roster}:2: {column}: text on one line, without control characters")
    assert "\x1b" not in outcome.err
