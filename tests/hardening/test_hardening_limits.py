"""Sizes: ten thousand requests load within the memory budget; absurd sizes are refused, clearly and quickly.

Peak memory is measured in a child process (resource.getrusage) forked from a server that has imported
tiptrain: the figure includes the interpreter and every preloaded library, so it overstates the loader's
own use. The planner's limits on 10,000 requests are the lead's call and are not tested here.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hardening_driver import measure
from hardening_kit import ROSTER_HEADER, make_workspace, roster_row, run_cli

MEMORY_BUDGET_MB = 400
REQUEST = """\
  - id: r-{n}
    country: ML
    city: Bamako {n}
    programme: criminal-justice-3d
    language: fr
    audiences: [police, prosecutors]
    participants: 20
    window: {{earliest: 2026-01-05, latest: 2026-06-26}}
    priority: {priority}
    partner: Ministry of Justice
"""


def in_child(forkserver: Any, tmp_path: Path, kind: str, path: Path) -> tuple[int, float, float]:
    result = tmp_path / "measured.json"
    process = forkserver.Process(target=measure, args=(kind, str(path), str(result)))
    process.start()
    process.join(timeout=120)
    assert process.exitcode == 0
    count, seconds, peak = json.loads(result.read_text(encoding="utf-8"))
    return count, seconds, peak


def test_ten_thousand_requests_load_within_the_memory_budget(tmp_path: Path, forkserver: Any) -> None:
    path = tmp_path / "requests.yaml"
    path.write_text("requests:\n" + "".join(REQUEST.format(n=n, priority=1 + n % 5) for n in range(10_000)))

    count, seconds, peak = in_child(forkserver, tmp_path, "requests", path)

    assert count == 10_000
    assert peak < MEMORY_BUDGET_MB, f"{peak:.0f} MB"
    assert seconds < 30


def test_ten_thousand_row_roster_loads_within_the_memory_budget(tmp_path: Path, forkserver: Any) -> None:
    path = tmp_path / "roster.csv"
    rows = [roster_row(f"Person {n}", email=f"p{n}@example.org") for n in range(10_000)]
    path.write_text("\n".join([ROSTER_HEADER, *rows]))

    count, _, peak = in_child(forkserver, tmp_path, "roster", path)

    assert (count, peak < MEMORY_BUDGET_MB) == (10_000, True), f"{peak:.0f} MB"


MEGABYTE = "x" * 1_000_000


@pytest.mark.parametrize(
    ("file", "content", "where"),
    [
        ("trainers.yaml", f"trainers:\n  - id: t-1\n    name: {MEGABYTE}\n", "trainers.yaml:3: "),
        ("requests.yaml", f"requests:\n  - id: r-1\n    city: '{MEGABYTE}'\n", "requests.yaml:3: "),
        (
            "tiptrain.toml",
            f'[period]\nstart = 2026-01-01\nend = 2026-06-30\n[programme]\nname = "{MEGABYTE}"\n',
            "tiptrain.toml:5: programme.name: ",
        ),
    ],
    ids=["trainer-name", "request-city", "programme-name"],
)
def test_a_megabyte_text_is_refused_with_a_short_message(tmp_path: Path, file: str, content: str, where: str) -> None:
    workspace = make_workspace(tmp_path)
    (workspace / file).write_text(content, encoding="utf-8")

    started = time.monotonic()
    outcome = run_cli(workspace, "plan")

    assert outcome.code == 2
    assert f"{workspace / where}a text of at most 4,000 characters (this one has 1,000,000)" in outcome.err
    assert len(outcome.err) < 1000
    assert time.monotonic() - started < 5


def test_a_name_over_its_own_limit_is_refused_by_the_model(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path, trainers=f"trainers:\n  - id: t-1\n    name: {'y' * 3000}\n")

    outcome = run_cli(workspace, "plan")

    expected = "trainers[0].name: string should have at most 200 characters"
    assert f"{workspace / 'trainers.yaml'}:3: {expected}" in outcome.err
    assert len(outcome.err) < 1000


def test_a_megabyte_roster_cell_is_refused_naming_row_and_column(tmp_path: Path) -> None:
    from curriculum.errors import InvalidInput
    from curriculum.tables import load_table

    path = tmp_path / "roster.csv"
    path.write_text("\n".join([ROSTER_HEADER, roster_row("Awa"), roster_row("Omar", "y" * 100_000)]))

    with pytest.raises(InvalidInput) as raised:
        load_table(path)

    assert str(raised.value) == f"{path}:3: organisation: a text of at most 4,000 characters (this one has 100,000)"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["name", *(["x"] * 100_001)], "100002: at most 100000 rows under the header"),
        ([",".join(f"c{n}" for n in range(101))], "1: at most 100 columns with values"),
    ],
    ids=["rows", "columns"],
)
def test_a_table_too_big_is_refused_with_where(tmp_path: Path, lines: list[str], expected: str) -> None:
    from curriculum.errors import InvalidInput
    from curriculum.tables import load_table

    path = tmp_path / "table.csv"
    path.write_text("\n".join(lines) + "\n")

    with pytest.raises(InvalidInput) as raised:
        load_table(path)

    assert str(raised.value) == f"{path}:{expected}"


def test_a_table_with_empty_columns_beyond_the_limit_still_loads(tmp_path: Path) -> None:
    from curriculum.tables import load_table

    path = tmp_path / "table.csv"
    path.write_text("name,size" + "," * 500 + "\nAwa,3" + "," * 500 + "\n")

    assert load_table(path).data == [{"name": "Awa", "size": "3"}]


def test_a_workbook_that_unpacks_to_gigabytes_is_refused_unopened(tmp_path: Path) -> None:
    from curriculum.errors import InvalidInput
    from curriculum.tables import load_table

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * 80_000_000 + b"/>")
    path = tmp_path / "roster.xlsx"
    path.write_bytes(out.getvalue())

    started = time.monotonic()
    with pytest.raises(InvalidInput) as raised:
        load_table(path)

    assert path.stat().st_size < 200_000
    assert str(raised.value) == f"{path}: a workbook that unpacks to at most 67108864 bytes (got 80000011 bytes)"
    assert time.monotonic() - started < 1


def test_a_workbook_with_a_cell_far_away_loads_without_padding_a_million_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from curriculum.tables import load_table

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "size"])
    sheet.append(["Awa", 3])
    sheet["XFD3"] = "far right"
    path = tmp_path / "table.xlsx"
    book.save(path)

    started = time.monotonic()
    found = load_table(path).data

    assert found == [{"name": "Awa", "size": 3}, {}]  # cells past column 101 are not read at all
    assert time.monotonic() - started < 2


def test_a_file_over_twenty_megabytes_is_refused_unread(tmp_path: Path) -> None:
    workspace = make_workspace(tmp_path)
    with (workspace / "trainers.yaml").open("wb") as stream:
        stream.truncate(25 * 1024 * 1024)  # sparse: nothing is really written

    outcome = run_cli(workspace, "plan")

    assert f"{workspace / 'trainers.yaml'}: a file under 20971520 bytes (got 26214400 bytes)" in outcome.err
