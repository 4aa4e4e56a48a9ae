"""`tiptrain requests|trainers import|export` and `plan` reading its inputs from the register."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from plan_kit import requests_text, run_cli, sample_workspace, tiny_workspace, workshop_rows

from scheduler.models import Request
from tiptrain.register.api import Register
from tiptrain.register.requests_review import propose_request, set_unavailable
from tiptrain.settings import load_settings

WEB_REQUEST = {
    "id": "ml-web",
    "country": "ML",
    "city": "Segou",
    "programme": "first-responders-1d",
    "language": "fr",
    "audiences": ["police"],
    "participants": 12,
    "window": {"earliest": "2027-03-01", "latest": "2027-03-05"},
    "priority": 2,
}


def cli(folder: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    return run_cli(["--workspace", str(folder), *args], capsys)


def register_of(folder: Path) -> Register:
    return Register(load_settings(folder).register_url)


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".xlsx"])
def test_export_then_import_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    folder = sample_workspace(tmp_path / "ws", capsys)
    assert cli(folder, capsys, "requests", "import", str(folder / "requests.yaml"))[0] == 0
    assert cli(folder, capsys, "trainers", "import", str(folder / "trainers.yaml"))[0] == 0
    before = [cli(folder, capsys, noun, "list", "--json")[1] for noun in ("requests", "trainers")]

    results = []
    for noun in ("requests", "trainers"):
        exported = tmp_path / f"{noun}{suffix}"
        assert cli(folder, capsys, noun, "export", str(exported))[0] == 0
        results.append(cli(folder, capsys, noun, "import", str(exported))[:2])

    assert [(code, out.splitlines()[-1]) for code, out in results] == [
        (0, "requests: 0 added, 0 changed, 35 unchanged."),
        (0, "trainers: 0 added, 0 changed, 15 unchanged."),
    ]
    assert [cli(folder, capsys, noun, "list", "--json")[1] for noun in ("requests", "trainers")] == before


def test_import_with_errors_reports_every_one_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = sample_workspace(tmp_path / "ws", capsys)
    assert cli(folder, capsys, "trainers", "import", str(folder / "trainers.yaml"))[0] == 0
    before = cli(folder, capsys, "trainers", "list", "--json")[1]
    bad = tmp_path / "trainers.csv"
    bad.write_text(
        "id,name,expertise,languages,home,unavailable\n"
        "t-new,Nadia Invented,law-enforcement,fr,ML,\n"
        "t-amina,Amina Changed,law-enforcement,xx,SN,2027-03-05..2027-03-01\n",
        encoding="utf-8",
    )

    code, _, err = cli(folder, capsys, "trainers", "import", str(bad))

    assert code == 2
    assert err.splitlines()[0] == "Error: 2 problems:"
    assert [line.split(": ")[0].strip() for line in err.splitlines()[1:]] == [f"{bad}:3", f"{bad}:3"]
    assert cli(folder, capsys, "trainers", "list", "--json")[1] == before


def test_import_without_replace_keeps_and_names_what_the_file_leaves_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", date(2027, 3, 1), date(2027, 3, 5)))
    assert cli(folder, capsys, "requests", "import", str(folder / "requests.yaml"))[0] == 0
    other = tmp_path / "other.yaml"
    other.write_text(requests_text(("ml-b", date(2027, 3, 1), date(2027, 3, 5))), encoding="utf-8")

    kept = cli(folder, capsys, "requests", "import", str(other))[1].splitlines()
    replaced = cli(folder, capsys, "requests", "import", "--replace", str(other))[1].splitlines()

    assert kept == [
        "requests added (1): ml-b",
        "requests: 1 added, 0 changed, 0 unchanged.",
        "Kept 1 requests the file does not list (ml-a); --replace removes them.",
    ]
    assert replaced == [
        "requests removed (1), not in the file: ml-a",
        "requests: 0 added, 0 changed, 1 unchanged, 1 removed.",
    ]


def test_plan_imports_changed_files_first_and_lists_the_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", date(2027, 3, 1), date(2027, 3, 5)))
    first = cli(folder, capsys, "plan", "--time-limit", "2")[2]
    again = cli(folder, capsys, "plan", "--time-limit", "2")[2]
    (folder / "requests.yaml").write_text(
        requests_text(("ml-a", date(2027, 3, 1), date(2027, 3, 5)), priorities={"ml-a": 5}), encoding="utf-8"
    )

    edited = cli(folder, capsys, "plan", "--time-limit", "2")[2]

    assert first.splitlines()[:2] == ["trainers added (1): t-awa", "trainers: 1 added, 0 changed, 0 unchanged."]
    assert "requests added (1): ml-a" in first.splitlines()
    assert [line for line in again.splitlines() if line.startswith(("requests", "trainers"))] == []
    assert edited.splitlines()[:2] == ["request ml-a changed: priority", "requests: 0 added, 1 changed, 0 unchanged."]


def test_plan_drops_a_request_deleted_from_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    window = (date(2027, 3, 1), date(2027, 3, 5))
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", *window), ("ml-b", *window))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    (folder / "requests.yaml").write_text(requests_text(("ml-a", *window)), encoding="utf-8")

    err = cli(folder, capsys, "plan", "--time-limit", "2")[2]

    assert "requests removed (1), not in the file: ml-b" in err.splitlines()
    assert {row[0]: row[1] for row in workshop_rows(folder, capsys)} == {"W-ml-a": "planned", "W-ml-b": "cancelled"}


def test_plan_leaves_out_a_proposed_request_until_it_is_accepted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = (date(2027, 3, 1), date(2027, 3, 5))
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", *window))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    proposal = json.loads(cli(folder, capsys, "requests", "list", "--json")[1])[0] | {"id": "ml-web"}
    for field in ("status", "decline_reason", "proposed_by", "reviewed_by", "updated_at"):
        proposal.pop(field)
    with register_of(folder) as register:
        propose_request(register, Request.model_validate(proposal), by="office-ml", countries={"ML"})

    planned = cli(folder, capsys, "plan", "--time-limit", "2")[0]
    waiting = sorted(row[0] for row in workshop_rows(folder, capsys))
    accepted = cli(folder, capsys, "requests", "accept", "ml-web")[0]
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0

    assert (planned, waiting, accepted) == (0, ["W-ml-a"], 0)
    assert sorted(row[0] for row in workshop_rows(folder, capsys)) == ["W-ml-a", "W-ml-web"]


def test_plan_respects_availability_set_in_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", date(2027, 3, 1), date(2027, 3, 5)))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    before = [row[2] for row in workshop_rows(folder, capsys)]
    with register_of(folder) as register:
        set_unavailable(register, "t-awa", [(date(2027, 3, 2), date(2027, 3, 5))], by="t-awa", today=date(2026, 12, 1))

    code, _, err = cli(folder, capsys, "plan", "--time-limit", "2")

    assert code == 0, err
    assert (before, [row[2] for row in workshop_rows(folder, capsys)]) == (["2027-03-05"], ["2027-03-01"])


def test_plan_keeps_requests_proposed_on_the_web_when_the_file_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    window = (date(2027, 3, 1), date(2027, 3, 5))
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", *window))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    with register_of(folder) as register:
        propose_request(register, Request.model_validate(WEB_REQUEST), by="office-ml", countries={"ML"})
    (folder / "requests.yaml").write_text(requests_text(("ml-a", *window), priorities={"ml-a": 4}), encoding="utf-8")

    err = cli(folder, capsys, "plan", "--time-limit", "2")[2]

    assert "Kept 1 requests the file does not list (ml-web); proposed on the web." in err.splitlines()
    assert [(r["id"], r["status"]) for r in json.loads(cli(folder, capsys, "requests", "list", "--json")[1])] == [
        ("ml-a", "accepted"),
        ("ml-web", "proposed"),
    ]


def test_plan_without_the_files_plans_from_the_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", date(2027, 3, 1), date(2027, 3, 5)))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    (folder / "requests.yaml").unlink()
    (folder / "trainers.yaml").unlink()

    code, _, err = cli(folder, capsys, "plan", "--time-limit", "2", "--fresh", "--yes")

    assert code == 0, err
    assert [row[:2] for row in workshop_rows(folder, capsys)] == [("W-ml-a", "planned")]


def test_workspace_readers_fall_back_to_the_register_without_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from curriculum.catalogue import load_catalogue
    from tiptrain.inputs_sync import workspace_requests, workspace_trainers

    folder = tiny_workspace(tmp_path / "ws", capsys, ("ml-a", date(2027, 3, 1), date(2027, 3, 5)))
    settings = load_settings(folder)
    from_files = (workspace_trainers(settings), workspace_requests(settings, load_catalogue()))
    assert cli(folder, capsys, "plan", "--time-limit", "2")[0] == 0
    (folder / "requests.yaml").unlink()
    (folder / "trainers.yaml").unlink()

    from_register = (workspace_trainers(settings), workspace_requests(settings, load_catalogue()))

    assert ([t.id for t in from_files[0]], [r.id for r in from_files[1]]) == (["t-awa"], ["ml-a"])
    assert from_register == from_files
