"""The report's cascade section as rows: one per country, trainers certified, follow-on courses, reach.

Shared by the Markdown (tiptrain.register.formats) and PDF (exports.pdf.report) reports so that both
show the same table; the figures themselves are computed from the register (tiptrain.register.cascade).
"""

from __future__ import annotations

from exports.models import PeriodReport


def cascade_rows(report: PeriodReport) -> list[tuple[str, int, int, int]]:
    """(country, trainers certified, follow-on courses, people reached) per country, sorted by country."""
    countries = sorted({*report.cascade_trainers, *report.cascade_courses, *report.cascade_reach})
    return [
        (
            country,
            report.cascade_trainers.get(country, 0),
            report.cascade_courses.get(country, 0),
            report.cascade_reach.get(country, 0),
        )
        for country in countries
    ]


def cascade_totals(report: PeriodReport) -> tuple[int, int, int]:
    """Trainers certified, follow-on courses and people reached, all countries together."""
    return (
        sum(report.cascade_trainers.values()),
        sum(report.cascade_courses.values()),
        sum(report.cascade_reach.values()),
    )
