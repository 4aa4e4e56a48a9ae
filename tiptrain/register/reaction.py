"""Reaction (SPEC 10): what participants thought of each unit, from the anonymous evaluation answers.

Pure functions over answers; the register hands them the answers of the period's delivered workshops.
"""

from __future__ import annotations

from collections.abc import Iterable

from exports.evaluation import OVERALL
from exports.models import FormAnswer, Reaction


def reaction(answers: Iterable[FormAnswer]) -> dict[str, Reaction]:
    """Unit id (or `overall`) -> the ratings given and their mean to two places; units first, `overall` last.

    A line answered with a comment only counts no rating; a unit with comments only has 0 responses and
    no mean.
    """
    ratings: dict[str, list[int]] = {}
    for answer in answers:
        given = ratings.setdefault(answer.unit, [])
        if answer.rating is not None:
            given.append(answer.rating)
    order = sorted(ratings, key=lambda unit: (unit == OVERALL, unit))
    return {unit: Reaction(responses=len(ratings[unit]), mean=_mean(ratings[unit])) for unit in order}


def _mean(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None
