"""`demo --out DIR` never deletes or overwrites a folder of the user's: it refuses before writing anything."""

from pathlib import Path

import pytest

from curriculum.errors import UsageError
from tiptrain.cli import main
from tiptrain.demo import DEMO_MARKER, claim_output, run_demo


def users_folder(tmp_path: Path) -> Path:
    """A folder of the user's own: a file at the top and one in a `workspace/` subfolder (what the demo replaces)."""
    folder = tmp_path / "mine"
    (folder / "workspace").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes\n", encoding="utf-8")
    (folder / "workspace" / "requests.yaml").write_text("requests: []\n", encoding="utf-8")
    return folder


def files_in(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file()}


def test_demo_out_folder_of_users_files_exits_2_and_keeps_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = users_folder(tmp_path)
    before = files_in(folder)

    with pytest.raises(SystemExit) as done:
        main(["demo", "--out", str(folder)])

    assert done.value.code == 2
    assert capsys.readouterr().err.strip() == (
        f"Error: --out {folder} already holds files that tiptrain demo did not write, and the demo replaces what"
        " it writes there: nothing was changed. Give a new or empty folder"
    )
    assert files_in(folder) == before


def test_run_demo_into_users_folder_refuses_before_writing(tmp_path: Path) -> None:
    folder = users_folder(tmp_path)
    before = files_in(folder)

    with pytest.raises(UsageError):
        run_demo(folder)

    assert files_in(folder) == before


@pytest.mark.parametrize("exists", [False, True])
def test_claim_output_new_or_empty_folder_gets_the_marker(tmp_path: Path, exists: bool) -> None:
    folder = tmp_path / "out"
    if exists:
        folder.mkdir()

    claim_output(folder)

    assert [p.name for p in folder.iterdir()] == [DEMO_MARKER]


def test_claim_output_folder_an_earlier_demo_wrote_is_taken_again(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    claim_output(folder)
    (folder / "plan.json").write_text("{}\n", encoding="utf-8")

    claim_output(folder)

    assert sorted(p.name for p in folder.iterdir()) == sorted([DEMO_MARKER, "plan.json"])
