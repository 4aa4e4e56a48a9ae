"""`tiptrain plan` on a period in the past warns on stderr and still plans (issue 11: never refuse)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from tiptrain.cli import main


def run(*args: str) -> tuple[int, str, str]:
    with CliRunner().isolation() as (out, err, _):
        try:
            main(list(args))
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    return code, out.getvalue().decode(), err.getvalue().decode()


def test_plan_of_a_past_period_warns_on_stderr_and_exits_0(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    settings = tmp_path / "tiptrain.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("start = 2027-01-01", "start = 2020-01-01").replace("end = 2027-06-30", "end = 2020-06-30")
    )
    requests = tmp_path / "requests.yaml"
    old = "{earliest: 2027-01-18, latest: 2027-03-12}   # first day >= earliest, last day <= latest\n"
    old += "    preferred_start: 2027-02-01"
    new = "{earliest: 2020-01-13, latest: 2020-03-13}\n    preferred_start: 2020-02-03"
    text = requests.read_text(encoding="utf-8")
    assert old in text
    requests.write_text(text.replace(old, new))

    code, _, err = run("--workspace", str(tmp_path), "plan", "--time-limit", "5")

    warnings = [line.split(" before today (")[0] for line in err.splitlines() if line.startswith("Warning:")]
    assert (code, warnings) == (
        0,
        ["Warning: 1 request(s) have a window that ended", "Warning: the period 2020-01-01..2020-06-30 ended"],
    )
