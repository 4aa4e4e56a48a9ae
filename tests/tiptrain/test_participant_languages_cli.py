"""`tiptrain export` for a workshop whose participants read another language, or come from several countries.

The done-when of issue 15: a Kyiv request with participant language `uk` and workshop language `en` gets a
pack whose first page says, in English and in Ukrainian, which texts are in English and why.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest
from ci_kit import missing
from click.testing import CliRunner

from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.cli import cli
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2027-01-01
end = 2027-06-30

[register]
url = "sqlite:///tiptrain.db"

[programme]
name = "Global training initiative"
contact_name = "Ines"
contact_email = "ines@example.org"
"""
REQUESTS = """\
requests:
  - id: ua-kyiv-fr
    country: UA
    city: Kyiv
    programme: first-responders-1d
    language: en
    interpretation: true
    participant_languages: [uk]
    audiences: [police]
    participants: 20
    window: {earliest: 2027-02-01, latest: 2027-03-31}
    priority: 5
  - id: cv-praia-fr
    country: CV
    city: Praia
    programme: first-responders-1d
    language: fr
    regional: [BJ, TG, GN]
    audiences: [police]
    participants: 20
    window: {earliest: 2027-02-01, latest: 2027-03-31}
    priority: 4
"""
DAY = date(2027, 2, 16)


def workshop(request: str, country: str, city: str, language: str, start: date) -> Workshop:
    return Workshop(
        id=f"W-{request}",
        request=request,
        country=country,
        city=city,
        programme="first-responders-1d",
        language=language,
        start=start,
        end=start,
        days=[start],
        trainers=[],
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Kyiv (English, participants read Ukrainian) planned; Praia (regional) delivered to one participant."""
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "requests.yaml").write_text(REQUESTS, encoding="utf-8")
    kyiv = workshop("ua-kyiv-fr", "UA", "Kyiv", "en", DAY)
    praia = workshop("cv-praia-fr", "CV", "Praia", "fr", DAY + timedelta(days=1))
    plan = Plan(
        period=PeriodSummary(start=date(2027, 1, 1), end=date(2027, 6, 30), target=2),
        workshops=[kyiv, praia],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    person = Participant(name="Afi Mensah", profession="police", sex="f", country="TG", attendance=[True])
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        register.store_plan(plan)
        register.transition(praia.id, "confirmed")
        register.deliver(praia.id, [person])
    return tmp_path


def export(workspace: Path, *args: str) -> tuple[int, str, Path]:
    out = workspace / "out.pdf"
    result = CliRunner().invoke(cli, ["--workspace", str(workspace), "export", *args, "-o", str(out)])
    return result.exit_code, result.output, out


def first_page(path: Path) -> str:
    """The first page as pdftotext reads it, spaces collapsed."""
    command = shutil.which("pdftotext")
    if command is None:
        missing("pdftotext is missing in CI", "no pdftotext (apt-get install poppler-utils)")
    text = subprocess.run([command, "-enc", "UTF-8", "-l", "1", str(path), "-"], capture_output=True, check=True)
    return " ".join(text.stdout.decode("utf-8").split()).replace("\u00a0", " ")


def test_kyiv_pack_says_in_english_and_ukrainian_that_its_texts_are_english_and_why(workspace: Path) -> None:
    code, output, out = export(workspace, "pack", "W-ua-kyiv-fr")
    text = first_page(out)

    assert code == 0, output
    assert (
        "The texts of this pack are in English: the course catalogue has no Ukrainian version yet."
        " Interpretation English–Ukrainian is provided." in text,
        "Мова текстів цього пакета: англійська. У каталозі курсу ще немає версії мовою: українська." in text,
    ) == (True, True)


def test_pack_in_portuguese_keeps_unit_texts_in_the_workshop_language(workspace: Path) -> None:
    code, output, out = export(workspace, "pack", "W-cv-praia-fr", "--lang", "pt")
    text = first_page(out)

    assert code == 0, output
    assert (
        "DOSSIÊ DO PARTICIPANTE" in text,
        "Os textos das unidades estão em francês: o catálogo do curso ainda não tem versão em português." in text,
        "Países participantes: Cabo Verde, Benim, Guiné e Togo" in text,
    ) == (True, True, True)


def test_export_lang_without_label_file_is_a_usage_error(workspace: Path) -> None:
    code, output, out = export(workspace, "pack", "W-ua-kyiv-fr", "--lang", "ro")

    assert (code, "'ro' is not a language with labels" in output, out.exists()) == (2, True, False)


def test_certificates_of_the_regional_workshop_name_every_country(workspace: Path) -> None:
    code, output, out = export(workspace, "certificates", "W-cv-praia-fr")
    text = first_page(out)

    assert code == 0, output
    assert "Pays participants : Cap-Vert, Bénin, Guinée et Togo" in text
