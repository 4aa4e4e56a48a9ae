"""`/report` and its downloads: the figures and files of `tiptrain report`, for the coordinator and viewers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from ci_kit import missing
from click.testing import CliRunner
from starlette.testclient import TestClient
from web_kit import copy_workspace, open_register

from exports.models import Participant
from tiptrain.cli import cli

ROSTER = [
    Participant(name="Awa Test", profession="police", sex="f", country="ML", attendance=[True, True, True]),
    Participant(name="Binta Test", profession="judges", sex="f", country="ML", attendance=[True, True, False]),
    Participant(name="Cheick Test", profession="police", sex="m", country="ML", attendance=[True, True, True]),
]
"""Invented people for the delivered Bamako workshop."""


@pytest.fixture
def web_workspace(built_workspace: Path, tmp_path: Path) -> Path:
    """The web workspace with W-ml-bamako delivered (three participants) and W-ua-kyiv cancelled."""
    folder = copy_workspace(built_workspace, tmp_path / "ws")
    with open_register(folder) as register:
        register.transition("W-ml-bamako", "confirmed")
        register.deliver("W-ml-bamako", ROSTER)
        register.transition("W-ua-kyiv", "cancelled", "no venue")
    return folder


def cli_report(workspace: Path, *options: str) -> bytes:
    """What `tiptrain report OPTIONS` prints for the workspace."""
    result = CliRunner().invoke(cli, ["--workspace", str(workspace), "report", *options], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


@pytest.mark.parametrize("role", ["coordinator", "viewer"])
def test_report_page_opens_for_coordinator_and_viewer(client_for: Callable[[str], TestClient], role: str) -> None:
    assert client_for(role).get("/report").status_code == 200


@pytest.mark.parametrize("role", ["office", "trainer"])
def test_report_page_and_files_refuse_offices_and_trainers(client_for: Callable[[str], TestClient], role: str) -> None:
    user = client_for(role)

    assert (user.get("/report").status_code, user.get("/report.json").status_code) == (403, 403)


def test_report_page_anonymous_goes_to_login(client: TestClient) -> None:
    assert client.get("/report.csv", follow_redirects=False).headers["location"] == "/login?next=%2Freport.csv"


def test_report_page_draws_svg_charts_with_titles_and_tables(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("viewer").get("/report?lang=en").text

    assert text.count('<svg class="chart"') == 3
    assert '<title id="chart-status-title">Workshops by status</title>' in text
    assert '<desc id="chart-profession-desc">Judge: 1; Police officer: 2</desc>' in text
    assert '<desc id="chart-sex-desc">Women: 2; Men: 1</desc>' in text
    assert "<script" not in text and "style=" not in text


def test_report_page_arabic_mirrors_the_bars(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("coordinator").get("/report?lang=ar").text

    assert ('dir="rtl"' in text, '<rect x="0" y="20"' in text, '<rect x="56.0" y="20" width="344.0"' in text) == (
        True,
        False,
        True,
    )


def test_report_page_takes_the_range(client_for: Callable[[str], TestClient]) -> None:
    text = client_for("coordinator").get("/report?from=2027-03-01&to=2027-06-30&lang=en").text

    assert ('value="2027-03-01"' in text, "Police officer" in text) == (True, False)


def test_report_page_bad_date_answers_400_naming_it(client_for: Callable[[str], TestClient]) -> None:
    answer = client_for("coordinator").get("/report?from=2027-02-30")

    assert (answer.status_code, "from &#39;2027-02-30&#39;: expected a date as YYYY-MM-DD" in answer.text) == (
        400,
        True,
    )


@pytest.mark.parametrize("kind", ["json", "csv", "md"])
def test_report_file_is_the_cli_output_for_the_same_register(
    client_for: Callable[[str], TestClient], web_workspace: Path, kind: str
) -> None:
    answer = client_for("viewer").get(f"/report.{kind}?from=2027-01-01&to=2027-03-31&lang=en")

    expected = cli_report(web_workspace, "--format", kind, "--from", "2027-01-01", "--to", "2027-03-31")
    assert answer.status_code == 200
    assert answer.content == expected
    assert answer.headers["content-disposition"] == f'attachment; filename="report-2027-01-01-2027-03-31.{kind}"'


def test_report_pdf_is_the_cli_pdf(
    client_for: Callable[[str], TestClient], web_workspace: Path, tmp_path: Path
) -> None:
    answer = client_for("coordinator").get("/report.pdf?lang=fr")
    cli_report(web_workspace, "--format", "pdf", "--lang", "fr", "-o", str(tmp_path / "cli.pdf"))
    (tmp_path / "web.pdf").write_bytes(answer.content)

    assert (answer.status_code, answer.headers["content-type"], answer.content[:5]) == (
        200,
        "application/pdf",
        b"%PDF-",
    )
    if shutil.which("pdftotext") is None:
        missing("CI needs pdftotext (poppler-utils) to compare the PDFs", "no pdftotext")
    texts = [
        subprocess.run(["pdftotext", str(tmp_path / n), "-"], capture_output=True, check=True).stdout
        for n in ("cli.pdf", "web.pdf")
    ]
    assert texts[0] == texts[1]
    assert "Formations réalisées" in texts[1].decode()


def test_report_file_unknown_format_answers_404(client_for: Callable[[str], TestClient]) -> None:
    assert client_for("coordinator").get("/report.xlsx").status_code == 404
