"""Cross-checks of the catalogue's materials: each one named exists, and each one is named somewhere.

References are read from the raw files (like prerequisites in `curriculum.catalogue`), so one run reports a
bad value and a missing material of the same unit together, each at the exact field that names it
(`units[3].activities[2].materials[0]`), with file and line.

An unused material is an error rather than a warning: it is printed nowhere (neither pack nor guide), so it
is almost always a misspelt id on the unit that meant to use it, and the catalogue has no warning channel
that `tiptrain catalogue check` and the loaders of every command would show alike. A unit that a workspace
overrides still counts as using the materials it named, so overriding a bundled unit never breaks the check.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from curriculum.errors import Problem
from curriculum.loader import Document, Loc


@dataclass(frozen=True)
class Reference:
    """A material id named in a file, and where."""

    material: str
    document: Document
    loc: Loc


def references(document: Document) -> Iterator[Reference]:
    """Material ids named by the units of a file: `units[i].materials[j]` and `units[i].activities[k].materials[j]`."""
    for index, unit in _items(document, "units"):
        yield from _listed(document, unit.get("materials"), ("units", index, "materials"))
        activities = unit.get("activities")
        if isinstance(activities, list):
            for number, activity in enumerate(activities):
                if isinstance(activity, dict):
                    loc = ("units", index, "activities", number, "materials")
                    yield from _listed(document, activity.get("materials"), loc)


def declared(document: Document) -> Iterator[tuple[str, Loc]]:
    """Ids of the materials a file declares, with the path of each id."""
    for index, material in _items(document, "materials"):
        material_id = material.get("id")
        if isinstance(material_id, str):
            yield material_id, ("materials", index, "id")


def check_materials(documents: Sequence[Document]) -> list[Problem]:
    """Unknown materials named by units or activities, and materials no unit or activity names."""
    known: dict[str, tuple[Document, Loc]] = {}
    for document in documents:
        for material, loc in declared(document):
            known[material] = (document, loc)
    named = [reference for document in documents for reference in references(document)]
    problems = [
        reference.document.problem(reference.loc, "the id of a material in the catalogue", reference.material)
        for reference in named
        if reference.material not in known
    ]
    used = {reference.material for reference in named}
    problems += [
        document.problem(loc, "a material that some unit or activity lists under `materials:` (none does)", material)
        for material, (document, loc) in sorted(known.items())
        if material not in used
    ]
    return problems


def _items(document: Document, key: str) -> Iterator[tuple[int, dict[str, object]]]:
    data = document.data
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield index, item


def _listed(document: Document, values: object, loc: Loc) -> Iterator[Reference]:
    if isinstance(values, list):
        for position, value in enumerate(values):
            if isinstance(value, str):
                yield Reference(value, document, (*loc, position))
