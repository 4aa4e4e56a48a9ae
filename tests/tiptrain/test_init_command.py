from pathlib import Path

import pytest

from curriculum.catalogue import load_catalogue
from scheduler.inputs import load_requests, load_trainers
from tiptrain.cli import main
from tiptrain.settings import load_settings


def run_main(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(args)
    captured = capsys.readouterr()
    return int(done.value.code or 0), captured.out, captured.err


def test_init_writes_three_files_that_load(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "period"
    code, _, err = run_main(["init", str(folder)], capsys)
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == ["requests.yaml", "tiptrain.toml", "trainers.yaml"]
    assert err.splitlines()[-1] == f"Next: edit the files, then run `tiptrain --workspace {folder} plan`."
    settings = load_settings(folder)
    trainers = load_trainers(settings.trainers_path)
    requests = load_requests(settings.requests_path, load_catalogue())
    assert (settings.period.target, len(trainers), len(requests)) == (23, 15, 35)


def test_init_files_are_commented(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_main(["init", str(tmp_path)], capsys)
    for name in ("tiptrain.toml", "trainers.yaml", "requests.yaml"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.startswith("#"), name
        assert sum(1 for line in text.splitlines() if line.lstrip().startswith("#")) > 20, name


def test_init_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "trainers.yaml").write_text("trainers: []\n", encoding="utf-8")
    code, _, err = run_main(["init", str(tmp_path)], capsys)
    assert code == 2
    assert err.strip() == f"Error: {tmp_path} already has trainers.yaml; use --force to overwrite them"
    assert (tmp_path / "trainers.yaml").read_text(encoding="utf-8") == "trainers: []\n"
    assert not (tmp_path / "tiptrain.toml").exists()


def test_init_force_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "trainers.yaml").write_text("trainers: []\n", encoding="utf-8")
    code, _, _ = run_main(["init", "--force", str(tmp_path)], capsys)
    assert code == 0
    assert len(load_trainers(tmp_path / "trainers.yaml")) == 15


def test_settings_missing_file_says_how_to_create_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["--workspace", str(tmp_path), "catalogue", "validate"], capsys)
    assert code == 0  # validate works without a workspace
    code, _, err = run_main(["--workspace", str(tmp_path), "plan"], capsys)
    assert code == 2
    assert err.strip() == (
        f"Error: no tiptrain.toml found in {tmp_path.resolve()}, so it is not a workspace. Run tiptrain in your"
        " workspace folder, name it with --workspace DIR (or $TIPTRAIN_WORKSPACE), or create one with"
        " `tiptrain init DIR`"
    )


@pytest.mark.parametrize("command", [["plan"], ["workshops", "list"], ["report"], ["export", "ics", "-o", "x.ics"]])
def test_command_outside_a_workspace_names_workspace_option_and_init(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIPTRAIN_WORKSPACE", raising=False)

    code, out, err = run_main(command, capsys)

    assert (code, out) == (2, "")
    assert err.startswith(f"Error: no tiptrain.toml found in {tmp_path.resolve()}, so it is not a workspace.")
    assert "--workspace DIR" in err
    assert "`tiptrain init DIR`" in err
    assert list(tmp_path.iterdir()) == []


def test_settings_bad_value_names_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_main(["init", str(tmp_path)], capsys)
    path = tmp_path / "tiptrain.toml"
    text = path.read_text(encoding="utf-8").replace("target = 23", "target = -4")
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("target = -4"))
    code, _, err = run_main(["--workspace", str(tmp_path), "plan"], capsys)
    assert code == 2
    assert err.strip() == (
        f"Error: {path.resolve()}:{line}: period.target: greater than or equal to 0 (got -4)"
    )


def test_settings_contact_email_follows_the_one_email_rule(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_main(["init", str(tmp_path)], capsys)
    path = tmp_path / "tiptrain.toml"
    old = 'contact_email = "training.coordinator@example.org"'
    text = path.read_text(encoding="utf-8").replace(old, 'contact_email = "Ines <ines@example.org>"')
    path.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), start=1) if t.startswith("contact_email"))

    code, _, err = run_main(["--workspace", str(tmp_path), "plan"], capsys)

    assert (code, err.strip()) == (
        2,
        f"Error: {path.resolve()}:{line}: programme.contact_email: an e-mail address such as name@example.org "
        "(got 'Ines <ines@example.org>')",
    )
