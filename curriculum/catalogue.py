"""Loading the catalogue: the bundled YAML files, then extra folders that extend or override them.

Each file is validated on its own (every problem with its line), then the whole catalogue is cross-checked:
unknown prerequisites and programme units, prerequisite cycles (named), materials unknown or unused
(`curriculum.materials`), and programmes whose units do not fit their days. All problems of all files are
raised together.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from curriculum.errors import InvalidInput, Problem
from curriculum.loader import Document, load_yaml, validate_each
from curriculum.materials import check_materials
from curriculum.models import Catalogue, Material, Programme, Unit


@dataclass(frozen=True)
class Origin:
    """Where a unit or programme was declared, so that cross-checks can name the file and line."""

    document: Document
    key: str
    index: int

    def problem(self, subpath: tuple[int | str, ...], expected: str, value: object = None) -> Problem:
        return self.document.problem((self.key, self.index, *subpath), expected, value, value is not None)


def bundled_folder() -> Path:
    """The folder of YAML files shipped inside the package."""
    return Path(str(resources.files("curriculum") / "data"))


def catalogue_files(folders: Iterable[Path | str]) -> list[Path]:
    """The YAML files of each folder (or a single file), in a stable order."""
    files: list[Path] = []
    for folder in folders:
        path = Path(folder)
        if path.is_dir():
            files += sorted([*path.glob("*.yaml"), *path.glob("*.yml")])
        else:
            files.append(path)
    return files


def load_catalogue(extra: Sequence[Path | str] = (), include_bundled: bool = True) -> Catalogue:
    """The bundled catalogue extended or overridden by `extra` folders or files, fully checked."""
    folders: list[Path | str] = [bundled_folder()] if include_bundled else []
    units: dict[str, Unit] = {}
    programmes: dict[str, Programme] = {}
    materials: dict[str, Material] = {}
    declared: dict[str, dict[str, Declared]] = {"units": {}, "programmes": {}}
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in catalogue_files([*folders, *extra]):
        try:
            document = load_yaml(path)
        except InvalidInput as error:
            problems += error.problems
            continue
        documents.append(document)
        found_units, unit_problems = validate_each(document, "units", Unit, allowed=("programmes", "materials"))
        found_programmes, programme_problems = validate_each(
            document, "programmes", Programme, allowed=("units", "materials")
        )
        found_materials, material_problems = validate_each(
            document, "materials", Material, allowed=("units", "programmes")
        )
        seen: set[tuple[int | None, str]] = set()
        for problem in unit_problems + programme_problems + material_problems:
            if (problem.line, problem.field) not in seen:  # an unknown top-level key is found by all three
                seen.add((problem.line, problem.field))
                problems.append(problem)
        units.update({u.id: u for _, u in found_units})
        programmes.update({p.id: p for _, p in found_programmes})
        materials.update({m.id: m for _, m in found_materials})
        for key, found in declared.items():
            found.update(declarations(document, key))
    problems += cross_check(declared["units"], declared["programmes"])
    problems += check_materials(documents)
    if not problems:
        problems += programmes_that_do_not_fit(units, programmes, declared["programmes"])
    if problems:
        raise InvalidInput(problems)
    return Catalogue(units=units, programmes=programmes, materials=materials)


@dataclass(frozen=True)
class Declared:
    """What cross-checks need of a unit or programme, read from the raw file even when it is invalid.

    Reading references from the raw data lets one run report a bad value, an unknown key and an unknown
    prerequisite of the same unit together.
    """

    id: str
    references: tuple[str, ...]
    origin: Origin


def declarations(document: Document, key: str) -> dict[str, Declared]:
    """Ids and references (prerequisites of units, units of programmes) of every item under `key`."""
    data = document.data
    items = data.get(key) if isinstance(data, dict) else None
    if not isinstance(items, list):
        return {}
    field_name = "prerequisites" if key == "units" else "units"
    found: dict[str, Declared] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        references = item.get(field_name)
        if not isinstance(references, list) or not all(isinstance(r, str) for r in references):
            references = []
        found[item["id"]] = Declared(item["id"], tuple(references), Origin(document, key, index))
    return found


def cross_check(units: dict[str, Declared], programmes: dict[str, Declared]) -> list[Problem]:
    """Problems that only show across files: unknown references and prerequisite cycles."""
    problems = unknown_references(units, units, "prerequisites")
    problems += prerequisite_cycles(units)
    problems += unknown_references(programmes, units, "units")
    return problems


def unknown_references(declared: dict[str, Declared], units: dict[str, Declared], field: str) -> list[Problem]:
    """A prerequisite, or a programme's unit, must name a unit of the catalogue."""
    return [
        item.origin.problem((field, position), "the id of a unit in the catalogue", reference)
        for item in declared.values()
        for position, reference in enumerate(item.references)
        if reference not in units
    ]


def prerequisite_cycles(units: dict[str, Declared]) -> list[Problem]:
    """Each cycle of prerequisites, reported once at its first unit, naming the units around it."""
    problems: list[Problem] = []
    reported: set[frozenset[str]] = set()
    for start in sorted(units):
        cycle = _cycle_from(start, units)
        if cycle and frozenset(cycle) not in reported:
            reported.add(frozenset(cycle))
            path = " -> ".join([*cycle, cycle[0]])
            problems.append(
                units[cycle[0]].origin.problem(("prerequisites",), f"prerequisites without a cycle ({path})")
            )
    return problems


def _cycle_from(start: str, units: dict[str, Declared]) -> list[str] | None:
    """The cycle reachable from `start` by depth-first search, rotated to begin at its smallest id."""
    stack: list[str] = []
    on_stack: set[str] = set()
    done: set[str] = set()

    def visit(unit_id: str) -> list[str] | None:
        if unit_id in on_stack:
            cycle = stack[stack.index(unit_id) :]
            first = cycle.index(min(cycle))
            return cycle[first:] + cycle[:first]
        if unit_id in done or unit_id not in units:
            return None
        stack.append(unit_id)
        on_stack.add(unit_id)
        for required in units[unit_id].references:
            found = visit(required)
            if found:
                return found
        stack.pop()
        on_stack.discard(unit_id)
        done.add(unit_id)
        return None

    return visit(start)


def programmes_that_do_not_fit(
    units: dict[str, Unit], programmes: dict[str, Programme], declared: dict[str, Declared]
) -> list[Problem]:
    """A programme whose units, laid out by the agenda builder, overrun its last day."""
    from curriculum.agenda import ProgrammeDoesNotFit, lay_out

    problems: list[Problem] = []
    for programme in programmes.values():
        try:
            lay_out(programme, units)
        except ProgrammeDoesNotFit as error:
            problems.append(declared[programme.id].origin.problem(("days",), str(error), programme.days))
    return problems
