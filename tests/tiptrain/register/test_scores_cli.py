"""`tiptrain workshops scores` on a workspace whose catalogue folder adds programme p with its test."""

from __future__ import annotations

from pathlib import Path

import pytest
from answer_builders import delivered, write_catalogue, write_sheet
from click.testing import CliRunner

from tiptrain.cli import main
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[data]
catalogue = ["catalogue"]

[register]
url = "sqlite:///tiptrain.db"
"""


def run(workspace: Path, *args: str) -> tuple[int, str, str]:
    """Run the CLI as a user would: (exit code, stdout, stderr)."""
    with CliRunner().isolation() as (out, err, _):
        try:
            main(["--workspace", str(workspace), *args])
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """W-a of programme p delivered to Awa (roster totals 10 -> 20) and Omar."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    write_catalogue(tmp_path / "catalogue")
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        delivered(register, ["Awa Ndiaye", "Omar Ba"], Awa=(10, 20))
    return tmp_path


def state(workspace: Path) -> tuple[object, ...]:
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        return (register.answers("W-a"), register.history("W-a"), register.participants("W-a"))


def test_scores_prints_each_participant_and_says_sheets_win_over_roster_totals(workspace: Path) -> None:
    sheet = write_sheet(
        workspace / "answers.csv", ["Awa Ndiaye,pre,b,,,", "Awa Ndiaye,post,b,a,c,d", "Omar Ba,pre,,,,"]
    )

    code, out, err = run(workspace, "workshops", "scores", "W-a", "--file", str(sheet), "--json")
    _, table, said = run(workspace, "workshops", "scores", "W-a", "--file", str(sheet))

    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        awa, omar = (entry.id for entry in register.roster("W-a"))
    assert (code, err) == (0, "")
    assert out == (
        f'[\n  {{\n    "participant": "{awa}",\n    "pre": 0.25,\n    "post": 1.0\n  }},\n'
        f'  {{\n    "participant": "{omar}",\n    "pre": 0.0,\n    "post": null\n  }}\n]\n'
    )
    assert [line.split() for line in table.splitlines()[-2:]] == [[awa, "25%", "100%"], [omar, "0%"]]
    assert said.splitlines() == [
        "W-a: answer sheets recorded: 2 pre-test and 1 post-test rows, 4 questions; 12 earlier answers replaced",
        "Note: the roster's pre_test/post_test totals of 1 participant(s) are replaced by the answer sheets' "
        "scores in reports",
    ]


def test_scores_refuses_a_bad_sheet_whole_with_exit_2_and_every_bad_cell(workspace: Path) -> None:
    before = state(workspace)
    sheet = write_sheet(workspace / "answers.csv", ["Awa Ndiaye,pre,b,a,c,d", "Omar Ba,after,b,z,c,d", "Zoe,pre,,,,"])

    code, out, err = run(workspace, "workshops", "scores", "W-a", "--file", str(sheet))

    see = "see `tiptrain participants list W-a --with-names`"
    assert (code, out) == (2, "")
    assert err == (
        "Error: 3 problems:\n"
        f"  {sheet}:3: Q-U-b-1: the letter chosen, a, b, c or d, or blank (unanswered) (got 'z')\n"
        f"  {sheet}:3: test: pre or post (got 'after')\n"
        f"  {sheet}:4: participant: a participant on the roster of W-a, by name or id ({see}) (got 'Zoe')\n"
    )
    assert state(workspace) == before
