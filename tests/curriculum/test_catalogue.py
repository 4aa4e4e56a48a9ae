"""The catalogue: the bundled units and programmes, extra folders, and the checks across files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from curriculum.catalogue import catalogue_files, load_catalogue
from curriculum.errors import InvalidInput, Problem, UnknownProgramme, UnknownUnit
from curriculum.models import Catalogue

SPEC_PROGRAMMES = {
    "first-responders-1d": {"law-enforcement": 1},
    "tot-5d": {"law-enforcement": 1, "criminal-justice": 1, "psychology": 1},
    "criminal-justice-3d": {"law-enforcement": 1, "criminal-justice": 1},
    "victim-protection-2d": {"psychology": 1, "criminal-justice": 1},
    "legislation-2d": {"legislative-drafting": 1, "criminal-justice": 1},
}
"""The bundled programme ids and their teams, as SPEC section 4 fixes them."""


def unit_yaml(
    unit_id: str,
    *,
    source: str = "custom",
    minutes: int = 60,
    title: str = "A test unit",
    topics: Sequence[str] = ("testing",),
    audiences: Sequence[str] = ("police",),
    prerequisites: Sequence[str] = (),
) -> str:
    """One unit as a YAML list item, 12 lines long."""
    return (
        f"  - id: {unit_id}\n"
        f"    source: {source}\n"
        f"    title: {{en: {title}}}\n"
        "    summary: {en: A unit made for a test}\n"
        f"    minutes: {minutes}\n"
        f"    topics: [{', '.join(topics)}]\n"
        f"    audiences: [{', '.join(audiences)}]\n"
        "    objectives: {en: [one, two, three]}\n"
        "    key_points: {en: [a point]}\n"
        "    activities:\n"
        f"      - {{kind: lecture, minutes: {minutes}, description: {{en: A talk}}}}\n"
        f"    prerequisites: [{', '.join(prerequisites)}]\n"
    )


def programme_yaml(programme_id: str, units: Sequence[str], days: int = 1) -> str:
    """One programme as a YAML list item, 8 lines long."""
    return (
        f"  - id: {programme_id}\n"
        "    title: {en: A test programme}\n"
        f"    days: {days}\n"
        f"    units: [{', '.join(units)}]\n"
        "    team: {law-enforcement: 1}\n"
        "    audiences: [police]\n"
        "    participants: {min: 10, max: 20}\n"
        "    translation: draft\n"
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(call: Callable[[], object]) -> list[Problem]:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.problems


@pytest.fixture(scope="module")
def bundled() -> Catalogue:
    return load_catalogue()


# --- the bundled catalogue --------------------------------------------------------------------------------


def test_load_catalogue_bundled_has_thirteen_manual_modules(bundled: Catalogue) -> None:
    assert [u.id for u in bundled.filter_units(source="manual")] == [f"MAN-{n:02d}" for n in range(1, 14)]


def test_load_catalogue_bundled_manual_modules_are_numbered_in_order(bundled: Catalogue) -> None:
    assert [u.number for u in bundled.filter_units(source="manual")] == list(range(1, 14))


def test_load_catalogue_bundled_has_five_first_aid_kit_units(bundled: Catalogue) -> None:
    assert [u.id for u in bundled.filter_units(source="first-aid-kit")] == [f"FAK-{n}" for n in range(1, 6)]


def test_load_catalogue_bundled_has_the_programmes_of_the_spec(bundled: Catalogue) -> None:
    assert sorted(bundled.programmes) == sorted(SPEC_PROGRAMMES)


@pytest.mark.parametrize(("programme_id", "team"), SPEC_PROGRAMMES.items())
def test_load_catalogue_bundled_programme_team_matches_spec(
    bundled: Catalogue, programme_id: str, team: dict[str, int]
) -> None:
    assert bundled.programme(programme_id).team == team


def test_load_catalogue_bundled_first_responders_uses_the_first_aid_kit(bundled: Catalogue) -> None:
    assert bundled.programme("first-responders-1d").units == [f"FAK-{n}" for n in range(1, 6)]


def test_load_catalogue_bundled_tot_covers_every_manual_module(bundled: Catalogue) -> None:
    """The team demonstrates some modules; trainees teach back the rest in the practice rounds."""
    from datetime import date

    from curriculum.agenda import build_agenda
    from curriculum.teachback import teach_back_plan

    tot = bundled.programme("tot-5d")
    agenda = build_agenda(tot, bundled.units, date(2027, 2, 15), "UTC")
    trainees = [f"Trainee {n}" for n in range(1, tot.participants.min + 1)]
    presented = {slot.module for slot in teach_back_plan(tot, bundled, agenda, trainees)}
    manual = {u.id for u in bundled.filter_units(source="manual")}

    assert manual - set(tot.units) <= presented
    assert manual <= set(tot.units) | presented


def test_load_catalogue_bundled_prerequisites_come_earlier_in_each_programme(bundled: Catalogue) -> None:
    late = [
        (programme.id, unit_id, required)
        for programme in bundled.programmes.values()
        for position, unit_id in enumerate(programme.units)
        for required in bundled.unit(unit_id).prerequisites
        if required in programme.units and programme.units.index(required) > position
    ]

    assert late == []


def test_catalogue_unit_unknown_id_raises_unknown_unit(bundled: Catalogue) -> None:
    with pytest.raises(UnknownUnit):
        bundled.unit("MAN-99")


def test_catalogue_programme_unknown_id_raises_unknown_programme(bundled: Catalogue) -> None:
    with pytest.raises(UnknownProgramme):
        bundled.programme("tot-9d")


# --- checks across files ------------------------------------------------------------------------------------


def test_load_catalogue_prerequisite_cycle_is_named(tmp_path: Path) -> None:
    text = "units:\n" + unit_yaml("B", prerequisites=["A"]) + unit_yaml("A", prerequisites=["B"])
    path = write(tmp_path, "units.yaml", text)

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(str(path), 25, "units[1].prerequisites", None, "prerequisites without a cycle (A -> B -> A)")
    ]


def test_load_catalogue_three_unit_cycle_is_named_once(tmp_path: Path) -> None:
    text = (
        "units:\n"
        + unit_yaml("C", prerequisites=["A"])
        + unit_yaml("A", prerequisites=["B"])
        + unit_yaml("B", prerequisites=["C", "MAN-01"])
    )
    path = write(tmp_path, "units.yaml", text)

    assert [p.expected for p in problems_of(lambda: load_catalogue(extra=[path]))] == [
        "prerequisites without a cycle (A -> B -> C -> A)"
    ]


def test_load_catalogue_cycle_across_two_files_is_named(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "units:\n" + unit_yaml("A", prerequisites=["B"]))
    write(tmp_path, "b.yaml", "units:\n" + unit_yaml("B", prerequisites=["A"]))

    assert [str(p) for p in problems_of(lambda: load_catalogue(extra=[tmp_path]))] == [
        f"{tmp_path / 'a.yaml'}:13: units[0].prerequisites: prerequisites without a cycle (A -> B -> A)"
    ]


def test_load_catalogue_unit_its_own_prerequisite_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "units.yaml", "units:\n" + unit_yaml("A", prerequisites=["A"]))

    problems = problems_of(lambda: load_catalogue(extra=[path]))
    assert [(p.line, p.field, p.expected) for p in problems] == [
        (13, "units[0].prerequisites", "prerequisites without a cycle (A -> A)")
    ]


def test_load_catalogue_unknown_programme_unit_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "programmes.yaml", "programmes:\n" + programme_yaml("p-1", ["FAK-1", "FAK-9"]))

    assert problems_of(lambda: load_catalogue(extra=[path])) == [
        Problem(str(path), 5, "programmes[0].units[1]", "'FAK-9'", "the id of a unit in the catalogue")
    ]


def test_load_catalogue_programme_that_does_not_fit_its_days_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "programmes.yaml", "programmes:\n" + programme_yaml("p-1", ["A", "B"]))
    write(tmp_path, "units.yaml", "units:\n" + unit_yaml("A", minutes=200) + unit_yaml("B", minutes=200))

    assert problems_of(lambda: load_catalogue(extra=[tmp_path], include_bundled=False)) == [
        Problem(
            str(path),
            4,
            "programmes[0].days",
            "1",
            "units that fit in 1 day(s): they need 400 minutes of teaching, and the days leave at most 290 "
            "after opening, tests and closing",
        )
    ]


def test_load_catalogue_programme_that_fits_in_more_days_loads(tmp_path: Path) -> None:
    write(tmp_path, "programmes.yaml", "programmes:\n" + programme_yaml("p-2", ["A", "B"], days=2))
    write(tmp_path, "units.yaml", "units:\n" + unit_yaml("A", minutes=200) + unit_yaml("B", minutes=200))

    assert load_catalogue(extra=[tmp_path], include_bundled=False).programme("p-2").days == 2


# --- extra folders ------------------------------------------------------------------------------------------


def test_load_catalogue_extra_folder_overrides_bundled_unit(tmp_path: Path, bundled: Catalogue) -> None:
    write(tmp_path, "units.yaml", "units:\n" + unit_yaml("TOT-1", title="Our own trainer course"))

    catalogue = load_catalogue(extra=[tmp_path])

    assert catalogue.unit("TOT-1").title == {"en": "Our own trainer course"}
    assert catalogue.units.keys() == bundled.units.keys()


def test_load_catalogue_extra_folder_overrides_bundled_programme(tmp_path: Path) -> None:
    write(tmp_path, "programmes.yaml", "programmes:\n" + programme_yaml("first-responders-1d", ["FAK-1", "FAK-2"]))

    assert load_catalogue(extra=[tmp_path]).programme("first-responders-1d").units == ["FAK-1", "FAK-2"]


def test_load_catalogue_extra_unit_and_programme_are_added(tmp_path: Path, bundled: Catalogue) -> None:
    text = (
        "units:\n"
        + unit_yaml("OWN-1", prerequisites=["MAN-01"])
        + "programmes:\n"
        + programme_yaml("own-1d", ["OWN-1"])
    )
    write(tmp_path, "own.yml", text)

    catalogue = load_catalogue(extra=[tmp_path])

    assert sorted(set(catalogue.units) - set(bundled.units)) == ["OWN-1"]
    assert sorted(set(catalogue.programmes) - set(bundled.programmes)) == ["own-1d"]


def test_load_catalogue_without_bundled_has_only_the_extra_units(tmp_path: Path) -> None:
    write(tmp_path, "units.yaml", "units:\n" + unit_yaml("OWN-1"))

    catalogue = load_catalogue(extra=[tmp_path], include_bundled=False)

    assert (list(catalogue.units), list(catalogue.programmes)) == (["OWN-1"], [])


def test_load_catalogue_missing_extra_folder_is_invalid_input(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"

    assert problems_of(lambda: load_catalogue(extra=[missing])) == [
        Problem(str(missing), None, "", None, "a file that exists")
    ]


def test_catalogue_files_lists_yaml_and_yml_of_a_folder_by_name(tmp_path: Path) -> None:
    for name in ["b.yaml", "a.yml", "c.txt", "a.yaml"]:
        write(tmp_path, name, "")

    assert [p.name for p in catalogue_files([tmp_path])] == ["a.yaml", "a.yml", "b.yaml"]


# --- filter_units -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    folder = tmp_path_factory.mktemp("small")
    text = (
        "units:\n"
        + unit_yaml("OWN-2", topics=["evidence"], audiences=["judges"])
        + unit_yaml("OWN-1", topics=["evidence", "trauma"], audiences=["police", "judges"])
        + unit_yaml("FAK-2", source="first-aid-kit", topics=["first-response"], audiences=["police"])
        + unit_yaml("MAN-01", source="manual", topics=["trauma"], audiences=["prosecutors", "judges"])
    )
    write(folder, "units.yaml", text)
    return load_catalogue(extra=[folder], include_bundled=False)


def test_filter_units_without_criteria_gives_catalogue_order(small: Catalogue) -> None:
    assert [u.id for u in small.filter_units()] == ["FAK-2", "MAN-01", "OWN-1", "OWN-2"]


@pytest.mark.parametrize(
    ("criteria", "ids"),
    [
        ({"source": "custom"}, ["OWN-1", "OWN-2"]),
        ({"source": "manual"}, ["MAN-01"]),
        ({"audience": "judges"}, ["MAN-01", "OWN-1", "OWN-2"]),
        ({"audience": "police"}, ["FAK-2", "OWN-1"]),
        ({"topic": "trauma"}, ["MAN-01", "OWN-1"]),
        ({"source": "custom", "audience": "judges", "topic": "trauma"}, ["OWN-1"]),
        ({"topic": "cooking"}, []),
    ],
)
def test_filter_units_by_source_audience_and_topic(small: Catalogue, criteria: dict[str, str], ids: list[str]) -> None:
    assert [u.id for u in small.filter_units(**criteria)] == ids


def test_load_catalogue_bundled_only_tot_trains_trainers(bundled: Catalogue) -> None:
    marked = sorted(key for key, programme in bundled.programmes.items() if programme.trains_trainers)

    assert marked == ["tot-5d"]
