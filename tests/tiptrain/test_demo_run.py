"""The demo end to end: the first thing anyone runs must make every file it promises, and valid ones."""

import json
from pathlib import Path

import pytest
from icalcheck_kit import assert_libical_accepts
from icalendar import Calendar
from pypdf import PdfReader

from tiptrain.demo import DemoResult, run_demo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoResult]:
    out = tmp_path_factory.mktemp("demo")
    return out, run_demo(out, time_limit=20)


def test_demo_plans_target_and_explains_every_left_out_request(demo: tuple[Path, DemoResult]) -> None:
    out, result = demo
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    assert len(plan["workshops"]) == 23
    assert len(plan["workshops"]) + len(plan["unscheduled"]) == 35
    assert all(u["reason"] and u["kind"] in ("impossible", "displaced") for u in plan["unscheduled"])
    kinds = {u["request"]: u["kind"] for u in plan["unscheduled"]}
    assert (kinds["ng-lagos-fr"], kinds["cn-beijing-tot"]) == ("impossible", "impossible")
    assert result.plan.solver.status in ("OPTIMAL", "FEASIBLE")


def test_demo_plan_json_carries_register_status_and_sequence(demo: tuple[Path, DemoResult]) -> None:
    out, result = demo
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    status = {w["id"]: w["status"] for w in plan["workshops"]}
    assert {status[w] for w in result.delivered} == {"delivered"}
    assert sorted(w for w, s in status.items() if s != "planned") == sorted(result.confirmed)
    assert all("sequence" in w for w in plan["workshops"])


def test_demo_calendars_parse_with_two_independent_parsers(demo: tuple[Path, DemoResult]) -> None:
    import ics

    out, result = demo
    calendars = result.files["calendar"]
    assert calendars[0] == out / "calendars" / "plan.ics"
    for path in calendars:
        text = path.read_text(encoding="utf-8")
        assert len(ics.Calendar(text).events) >= 1, path
        assert Calendar.from_ical(text).walk("VEVENT"), path
    assert len(ics.Calendar((out / "calendars" / "plan.ics").read_text(encoding="utf-8")).events) == 23


def test_demo_calendars_are_all_accepted_by_libical(demo: tuple[Path, DemoResult]) -> None:
    out, result = demo
    written = sorted(out.rglob("*.ics"))
    assert written == sorted(result.files["calendar"])
    assert_libical_accepts(written)


def test_demo_writes_a_pack_per_workshop_and_sheets_for_delivered(demo: tuple[Path, DemoResult]) -> None:
    _, result = demo
    assert len(result.files["pack"]) == 23
    assert len(result.files["signin"]) == len(result.files["certificates"]) == len(result.delivered) > 0
    for path in [*result.files["pack"][:3], *result.files["signin"][:1], *result.files["certificates"][:1]]:
        assert len(PdfReader(path).pages) >= 1, path


def test_demo_pack_is_in_the_workshop_language(demo: tuple[Path, DemoResult]) -> None:
    out, _ = demo
    plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
    french = next(w for w in plan["workshops"] if w["language"] == "fr")
    assert (out / "packs" / f"{french['id']}-fr.pdf").exists()


def test_demo_writes_the_chinese_pack_with_the_font_from_pypi(demo: tuple[Path, DemoResult]) -> None:
    """No system font is needed: Noto Sans SC comes with the Python package and is embedded."""
    _, result = demo
    (chinese,) = [path for path in result.files["pack"] if path.name.endswith("-zh.pdf")]
    fonts = set()
    for page in PdfReader(chinese).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"].get_object()
            fonts.add((str(descriptor["/FontName"]).partition("+")[2], "/FontFile2" in descriptor))
    assert ("NotoSansSC-Regular", True) in fonts


def test_demo_report_counts_delivered_workshops(demo: tuple[Path, DemoResult]) -> None:
    out, result = demo
    report = (out / "report.md").read_text(encoding="utf-8")
    assert f"| workshops delivered | {len(result.delivered)} |" in report
    assert PdfReader(out / "report.pdf").pages


def test_demo_report_has_reaction_and_donor_tables_from_imported_evaluations(demo: tuple[Path, DemoResult]) -> None:
    out, result = demo
    lines = (out / "report.md").read_text(encoding="utf-8").splitlines()
    evaluations = sorted(path.stem for path in (out / "workspace" / "evaluations").glob("*.csv"))

    assert evaluations == sorted(result.delivered)
    assert lines[lines.index("## Reaction (evaluation forms)") + 2] == "| unit | responses | mean rating (1-5) |"
    assert sum(line.startswith("| W-") for line in lines) == len(result.delivered)
    assert "| participants per workshop | 22 | 20.83 | no |" in lines
