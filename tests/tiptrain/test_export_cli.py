"""`tiptrain export ics|pack|signin|certificates` on a workspace with a SQLite register.

The command group is invoked directly (with the workspace in the click context object) until the lead adds
it to `tiptrain.cli`; the error-to-exit-code translation is `tiptrain.cli.main`'s and is tested there.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalcheck_kit import assert_libical_accepts

from curriculum.errors import UsageError
from exports import fontfiles, fonts
from exports.fontfiles import FaceSource
from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop
from tiptrain.commands.export import export
from tiptrain.context import App
from tiptrain.register.api import Register

SETTINGS = """\
[period]
start = 2026-01-01
end = 2026-06-30

[register]
url = "sqlite:///tiptrain.db"

[programme]
name = "Programme <sample> & Co"
contact_name = "Ines"
contact_email = "ines@example.org"
"""
TRAINERS = """\
trainers:
  - {id: t-amina, name: Amina Diallo, expertise: [law-enforcement], languages: [fr], home: SN}
  - {id: t-pedro, name: Pedro Alvarez, expertise: [criminal-justice], languages: [fr], home: ES}
"""


def workshop(
    workshop_id: str,
    start: date,
    *,
    country: str = "ML",
    city: str = "Bamako",
    language: str = "fr",
    tz: str | None = None,
) -> Workshop:
    days = [start + timedelta(days=n) for n in range(3)]
    return Workshop(
        id=workshop_id,
        request=workshop_id[2:],
        country=country,
        city=city,
        programme="criminal-justice-3d",
        language=language,
        start=days[0],
        end=days[-1],
        days=days,
        trainers=["t-amina", "t-pedro"],
        tz=tz,
    )


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "tiptrain.toml").write_text(SETTINGS, encoding="utf-8")
    (tmp_path / "trainers.yaml").write_text(TRAINERS, encoding="utf-8")
    plan = Plan(
        period=PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=2),
        workshops=[
            workshop("W-ml-cj", date(2026, 2, 2)),
            workshop("W-ml-cj2", date(2026, 3, 2)),
            workshop("W-eg-cj", date(2026, 4, 6), country="EG", city="Cairo", language="ar"),
            workshop("W-cn-cj", date(2026, 5, 4), country="CN", city="Beijing", language="zh", tz="Asia/Shanghai"),
        ],
        unscheduled=[],
        solver=SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0),
    )
    with Register(f"sqlite:///{tmp_path / 'tiptrain.db'}") as register:
        register.store_plan(plan)
    return tmp_path


def invoke(workspace: Path, *args: str) -> tuple[int, BaseException | None]:
    result = CliRunner().invoke(export, list(args), obj=App(workspace=str(workspace)))
    error = result.exception if not isinstance(result.exception, SystemExit) else None
    return result.exit_code, error


def test_export_ics_plan_has_every_workshop(workspace: Path) -> None:
    code, error = invoke(workspace, "ics", "-o", str(workspace / "plan.ics"))
    assert (code, error) == (0, None)
    data = (workspace / "plan.ics").read_bytes()
    assert data.count(b"BEGIN:VEVENT") == 4
    assert b"ORGANIZER;CN=Ines:mailto:ines@example.org" in data
    assert b"LOCATION;LANGUAGE=en:Cairo\\, Egypt" in data  # the plan is in English unless --lang says otherwise
    assert_libical_accepts([workspace / "plan.ics"])


def test_export_ics_trainer_has_travel_days(workspace: Path) -> None:
    code, _ = invoke(workspace, "ics", "--trainer", "t-amina", "-o", str(workspace / "amina.ics"))
    assert code == 0
    assert (workspace / "amina.ics").read_bytes().count(b"BEGIN:VEVENT") == 12
    assert_libical_accepts([workspace / "amina.ics"])


def test_export_ics_trainer_and_workshop_together_refused(workspace: Path) -> None:
    _, error = invoke(workspace, "ics", "--trainer", "t-amina", "--workshop", "W-ml-cj", "-o", "x.ics")
    assert isinstance(error, UsageError)


def test_export_ics_unknown_trainer_names_the_known_ones(workspace: Path) -> None:
    _, error = invoke(workspace, "ics", "--trainer", "t-nobody", "-o", str(workspace / "x.ics"))
    assert isinstance(error, UsageError)
    assert "t-amina, t-pedro" in str(error)
    assert not (workspace / "x.ics").exists()


def test_export_ics_workshop_sessions(workspace: Path) -> None:
    code, _ = invoke(workspace, "ics", "--workshop", "W-ml-cj", "-o", str(workspace / "cj.ics"))
    assert code == 0
    assert b"UID:W-ml-cj-d1-1@tiptrain" in (workspace / "cj.ics").read_bytes()
    assert_libical_accepts([workspace / "cj.ics"])


@pytest.mark.parametrize("kind", ["pack", "signin"])
def test_export_documents_write_a_pdf(workspace: Path, kind: str) -> None:
    out = workspace / f"{kind}.pdf"
    code, error = invoke(workspace, kind, "W-ml-cj", "--paper", "letter", "-o", str(out))
    assert (code, error) == (0, None)
    assert out.read_bytes().startswith(b"%PDF")


def test_export_certificates_need_a_roster(workspace: Path) -> None:
    _, error = invoke(workspace, "certificates", "W-ml-cj", "-o", str(workspace / "c.pdf"))
    assert isinstance(error, UsageError)
    assert "workshops deliver" in str(error)


def test_export_certificates_after_delivery(workspace: Path) -> None:
    people = [
        Participant(name="A<B & Co", profession="police", sex="f", country="ML", attendance=[True] * 3),
        Participant(name="Half Present", profession="police", sex="m", country="ML", attendance=[True, False, False]),
    ]
    with Register(f"sqlite:///{workspace / 'tiptrain.db'}") as register:
        register.transition("W-ml-cj", "confirmed")
        register.deliver("W-ml-cj", people)
    out = workspace / "certificates.pdf"
    code, error = invoke(workspace, "certificates", "W-ml-cj", "--lang", "en", "-o", str(out))
    assert (code, error) == (0, None)
    from pypdf import PdfReader

    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "A<B & Co" in reader.pages[0].extract_text()


def test_export_ics_one_workshop_is_in_its_language_by_default(workspace: Path) -> None:
    code, _ = invoke(workspace, "ics", "--workshop", "W-eg-cj", "-o", str(workspace / "cairo.ics"))
    assert code == 0
    data = (workspace / "cairo.ics").read_bytes().decode()
    assert "LOCATION;LANGUAGE=ar:Cairo، مصر" in data
    assert "SUMMARY;LANGUAGE=ar:الافتتاح والتعارف" in data
    assert_libical_accepts([workspace / "cairo.ics"])


def test_export_ics_plan_in_another_language_when_asked(workspace: Path) -> None:
    code, _ = invoke(workspace, "ics", "--lang", "zh", "-o", str(workspace / "plan-zh.ics"))
    assert code == 0
    assert "LOCATION;LANGUAGE=zh:Cairo（埃及）" in (workspace / "plan-zh.ics").read_bytes().decode()
    assert_libical_accepts([workspace / "plan-zh.ics"])


@pytest.mark.parametrize(
    ("kind", "title"), [("pack", "ملف المشارك — "), ("signin", "كشوف الحضور — ")], ids=["pack", "signin"]
)
def test_export_documents_default_to_the_workshops_language(workspace: Path, kind: str, title: str) -> None:
    from pypdf import PdfReader

    out = workspace / f"{kind}-ar.pdf"
    code, error = invoke(workspace, kind, "W-eg-cj", "-o", str(out))
    assert (code, error) == (0, None)
    reader = PdfReader(out)
    assert reader.trailer["/Root"]["/Lang"] == "ar"
    assert reader.metadata.title.startswith(title)


def test_export_documents_lang_option_overrides_the_workshops_language(workspace: Path) -> None:
    from pypdf import PdfReader

    out = workspace / "signin-es.pdf"
    code, _ = invoke(workspace, "signin", "W-eg-cj", "--lang", "es", "-o", str(out))
    assert code == 0
    assert PdfReader(out).trailer["/Root"]["/Lang"] == "es"


@pytest.fixture
def no_chinese_font(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An install without the Chinese font package (pylopdf-fonts-zh-cn) and no font in the settings."""
    real = fontfiles.find_face

    def find_face(source: FaceSource, override: Path | None = None) -> Path | None:
        return override if source.pattern == ":lang=zh" else real(source, override)

    monkeypatch.setattr(fontfiles, "find_face", find_face)
    fonts.clear_caches()
    yield
    monkeypatch.undo()
    fonts._overrides.pop("cjk", None)
    fonts.clear_caches()


@pytest.mark.usefixtures("no_chinese_font")
def test_export_chinese_pack_without_a_chinese_font_says_what_to_install(workspace: Path) -> None:
    out = workspace / "pack-zh.pdf"
    code, error = invoke(workspace, "pack", "W-cn-cj", "-o", str(out))
    assert isinstance(error, fonts.ChineseFontMissing)
    assert error.exit_code == 2
    assert "install the Python package pylopdf-fonts-zh-cn" in str(error)
    assert "[fonts] chinese" in str(error)
    assert code != 0
    assert not out.exists()


@pytest.mark.usefixtures("no_chinese_font")
def test_export_uses_the_chinese_font_named_in_the_settings(workspace: Path) -> None:
    from pylopdf_fonts_zh_cn import sans_path

    installed = sans_path()  # the package's OpenType file, named by its path
    settings = workspace / "tiptrain.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + f'\n[fonts]\nchinese = "{installed}"\n', encoding="utf-8"
    )
    from pypdf import PdfReader

    out = workspace / "signin-zh.pdf"
    code, error = invoke(workspace, "signin", "W-cn-cj", "-o", str(out))
    assert (code, error) == (0, None)
    assert PdfReader(out).metadata.title.startswith("签到表 — ")


@pytest.mark.usefixtures("no_chinese_font")
def test_export_refuses_a_settings_font_file_that_is_not_there(workspace: Path) -> None:
    settings = workspace / "tiptrain.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + '\n[fonts]\nchinese = "fonts/none.ttf"\n', encoding="utf-8"
    )
    _, error = invoke(workspace, "pack", "W-cn-cj", "-o", str(workspace / "x.pdf"))
    assert isinstance(error, fonts.FontsMissing)
    assert error.exit_code == 2
    assert "none.ttf" in str(error)
