"""Materials: every material a unit or activity names exists, every material is used, forms have fields."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from curriculum.catalogue import load_catalogue
from curriculum.errors import Problem
from curriculum.models import Catalogue, Material
from tests.curriculum.test_catalogue import problems_of, write


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return load_catalogue()


def unit_with_material(unit_id: str, *, unit_lists: str, activity_lists: str) -> str:
    """A custom unit whose one activity names materials; 13 lines, the activity's list on line 13."""
    return (
        "units:\n"
        f"  - id: {unit_id}\n"
        "    source: custom\n"
        "    title: {en: A unit with a case}\n"
        "    summary: {en: For a test}\n"
        "    minutes: 30\n"
        f"    materials: [{unit_lists}]\n"
        "    topics: [testing]\n"
        "    audiences: [police]\n"
        "    objectives: {en: [one, two, three]}\n"
        "    key_points: {en: [a point]}\n"
        "    activities:\n"
        f"      - {{kind: case-study, minutes: 30, description: {{en: A case}}, materials: [{activity_lists}]}}\n"
    )


def material_yaml(material_id: str, kind: str = "case-study") -> str:
    return (
        "materials:\n"
        f"  - id: {material_id}\n"
        f"    kind: {kind}\n"
        "    audience: participant\n"
        "    title: {en: A case}\n"
        "    body: {en: Somebody somewhere.}\n"
    )


def test_load_catalogue_bundled_every_named_material_exists(bundled: Catalogue) -> None:
    named = {m for unit in bundled.units.values() for a in unit.activities for m in a.materials}

    assert sorted(named - set(bundled.materials)) == []


def test_load_catalogue_bundled_every_material_is_used_by_an_activity(bundled: Catalogue) -> None:
    used = {m for unit in bundled.units.values() for a in unit.activities for m in a.materials}

    assert sorted(set(bundled.materials) - used) == []


@pytest.mark.parametrize(
    ("unit_id", "names"),
    [
        ("FAK-4", {"FAK-4-scene-log", "FAK-4-handover"}),
        ("FAK-5", {"FAK-5-referral-sheet"}),
        ("MAN-01", {"MAN-01-fact-patterns", "MAN-01-marisol-bay"}),
    ],
)
def test_load_catalogue_bundled_materials_the_issue_names_exist(
    bundled: Catalogue, unit_id: str, names: set[str]
) -> None:
    assert names <= set(bundled.units[unit_id].materials)


def test_load_catalogue_bundled_forms_are_forms_with_something_to_fill_in(bundled: Catalogue) -> None:
    forms = {m.id for m in bundled.materials.values() if m.form is not None}

    assert {"FAK-4-scene-log", "FAK-4-handover", "FAK-5-referral-sheet"} <= forms
    assert all(bundled.materials[m].kind == "form" for m in forms)


def test_load_catalogue_bundled_material_fact_patterns_number_twelve(bundled: Catalogue) -> None:
    body = bundled.materials["MAN-01-fact-patterns"].body["en"]

    assert len(re.findall(r"^- \d+\. ", body, flags=re.MULTILINE)) == 12


def test_load_catalogue_activity_naming_a_missing_material_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", unit_with_material("X-1", unit_lists="X-1-case", activity_lists="X-1-case"))

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(str(path), 7, "units[0].materials[0]", "'X-1-case'", "the id of a material in the catalogue"),
        Problem(
            str(path), 13, "units[0].activities[0].materials[0]", "'X-1-case'", "the id of a material in the catalogue"
        ),
    ]


def test_load_catalogue_activity_material_not_listed_on_its_unit_is_an_error(tmp_path: Path) -> None:
    units = write(tmp_path, "units.yaml", unit_with_material("X-1", unit_lists="", activity_lists="X-1-case"))
    write(tmp_path, "materials.yaml", material_yaml("X-1-case"))

    problems = problems_of(lambda: load_catalogue(extra=[tmp_path]))

    assert [(p.file, p.field) for p in problems] == [(str(units), "units[0]")]
    assert "activity 0 names material 'X-1-case'" in problems[0].expected


def test_load_catalogue_unused_material_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "materials.yaml", material_yaml("X-unused"))

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(
            str(path),
            2,
            "materials[0].id",
            "'X-unused'",
            "a material that some unit or activity lists under `materials:` (none does)",
        )
    ]


def test_load_catalogue_material_used_by_a_new_unit_loads(tmp_path: Path) -> None:
    write(tmp_path, "units.yaml", unit_with_material("X-1", unit_lists="X-1-case", activity_lists="X-1-case"))
    write(tmp_path, "materials.yaml", material_yaml("X-1-case"))

    catalogue = load_catalogue(extra=[tmp_path])

    assert [m.id for m in catalogue.materials_of(catalogue.units["X-1"], "participant")] == ["X-1-case"]


def test_material_form_without_layout_is_rejected() -> None:
    with pytest.raises(ValidationError, match="a `form:` layout"):
        Material.model_validate(
            {"id": "f", "kind": "form", "audience": "participant", "title": {"en": "F"}, "body": {"en": "B"}}
        )


def test_material_form_columns_without_rows_are_rejected() -> None:
    data = {
        "id": "f",
        "kind": "form",
        "audience": "participant",
        "title": {"en": "F"},
        "body": {"en": "B"},
        "form": {"columns": [{"en": "Name"}]},
    }
    with pytest.raises(ValidationError, match="columns and a number of rows together"):
        Material.model_validate(data)


def test_load_catalogue_bundled_every_unit_has_guidance_for_the_guide(bundled: Catalogue) -> None:
    lacking = [
        unit.id
        for unit in bundled.units.values()
        if not (unit.facilitation and unit.facilitation.questions and unit.facilitation.difficulties)
    ]

    assert lacking == []


def test_load_catalogue_bundled_tot_units_have_spanish_guidance(bundled: Catalogue) -> None:
    """The ToT runs in Latin America: its guide reads in Spanish without English stand-ins."""
    tot = bundled.programme("tot-5d")
    lacking = [
        unit_id
        for unit_id in tot.units
        if (notes := bundled.units[unit_id].facilitation) is None
        or not all("es" in (part or {}) for part in (notes.prepare, notes.questions, notes.difficulties))
    ]

    assert lacking == []
