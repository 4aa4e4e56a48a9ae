"""The donor tables (SPEC 10): workshops, participants by profession x sex and nationality, indicators.

Delivered workshops one per row; indicator targets from `[indicators]` in tiptrain.toml shown as met or not.

Pure functions over the report's input. A workshop's partner and regional countries come from its request
in the workspace's request file (the register stores the workshop, not the request); a request no longer
in the file leaves them empty.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from exports.models import DeliveredWorkshop, Indicator, Participant
from scheduler.models import Request, Workshop

INDICATORS = ("women_share", "participants_per_workshop", "post_test_mean")
"""The indicators a target may be set for; each is met when the period's value reaches its target."""


def delivered_rows(
    delivered: Sequence[tuple[Workshop, Sequence[Participant]]], requests: Mapping[str, Request]
) -> list[DeliveredWorkshop]:
    """One row per delivered workshop, in the report's order (start, then id)."""
    rows = []
    for workshop, roster in delivered:
        present = [person for person in roster if person.attended()]
        request = requests.get(workshop.request)
        regional = set(request.regional) if request is not None else set()
        countries = {workshop.country} | regional | {person.country for person in present}
        rows.append(
            DeliveredWorkshop(
                id=workshop.id,
                programme=workshop.programme,
                start=workshop.start,
                end=workshop.end,
                city=workshop.city,
                country=workshop.country,
                countries=sorted(countries),
                partner=(request.partner or "") if request is not None else "",
                participants=len(present),
                by_sex=_count(person.sex for person in present),
            )
        )
    return rows


def by_profession_sex(present: Iterable[Participant]) -> dict[str, dict[str, int]]:
    """Profession -> sex -> participants, both levels sorted."""
    table: dict[str, Counter[str]] = {}
    for person in present:
        table.setdefault(person.profession, Counter())[person.sex] += 1
    return {profession: dict(sorted(table[profession].items())) for profession in sorted(table)}


def by_nationality(present: Iterable[Participant]) -> dict[str, int]:
    """Nationality (the roster's `country`) -> participants, sorted by country code."""
    return _count(person.country for person in present)


def post_test_mean(present: Sequence[Participant]) -> float | None:
    """Mean post-test score as a share (0-1) of those who took it, to four places; None when nobody did.

    The roster's `post_test` (0-100) is the source today; answer sheets, where recorded, give the same
    per-participant score, so this is the one place to take the mean from whichever source exists.
    """
    scores = [person.post_test for person in present if person.post_test is not None]
    return round(sum(scores) / len(scores) / 100, 4) if scores else None


def indicators(
    present: Sequence[Participant], workshops: int, targets: Mapping[str, float | None]
) -> dict[str, Indicator]:
    """The indicators that have a target, each with the period's value and whether it reached the target."""
    values = {
        "women_share": round(sum(p.sex == "f" for p in present) / len(present), 4) if present else None,
        "participants_per_workshop": round(len(present) / workshops, 2) if workshops else None,
        "post_test_mean": post_test_mean(present),
    }
    result = {}
    for name in INDICATORS:
        target = targets.get(name)
        if target is None:
            continue
        value = values[name]
        result[name] = Indicator(target=target, value=value, met=None if value is None else value >= target)
    return result


def _count(values: Iterable[str]) -> dict[str, int]:
    return dict(sorted(Counter(values).items()))
