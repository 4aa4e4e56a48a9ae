"""The learning pages of the period report: a chart of gain per unit, and tables per unit, programme, question.

Shares print as percentages, gains as signed percentage points; a unit with a loss gets an empty bar (the
chart draws from zero) and its negative figure in the table beneath. Nothing is printed for a period
without answer sheets.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, KeepTogether, Spacer

from exports.formats import number, percent
from exports.labels import label
from exports.models import (
    EASY_BEFORE,
    MASTERED,
    MIN_FLAG_PARTICIPANTS,
    POOR_DISCRIMINATION,
    LearningFigure,
    PeriodReport,
)
from exports.pdf.charts import row_chart
from exports.pdf.page import Bookmark
from exports.pdf.styles import Styles
from exports.pdf.tables import data_table
from exports.text import plain


def learning_flow(
    report: PeriodReport,
    styles: Styles,
    lang: str,
    width: float,
    *,
    unit_titles: Mapping[str, str] | None = None,
    programme_titles: Mapping[str, str] | None = None,
) -> list[Flowable]:
    """The learning section: heading, note, gain chart and the unit, programme and question tables."""
    if not report.learning:
        return []
    units = unit_titles or {}
    title = label("report.learning.title", lang)
    note = label(
        "report.learning.note",
        lang,
        easy=percent(EASY_BEFORE, lang),
        index=number(POOR_DISCRIMINATION, lang),
        mastered=percent(MASTERED, lang),
        minimum=number(MIN_FLAG_PARTICIPANTS, lang),
    )
    names = [plain(units.get(key, key)) for key in report.learning]
    gains = [max(0.0, round(100 * figure.gain)) for figure in report.learning.values()]
    chart = row_chart(names, gains, styles, width=width, number=lambda value: number(int(value), lang))
    weakest = ", ".join(plain(units.get(key, key)) for key in report.weakest_units)
    flow: list[Flowable] = [
        KeepTogether(
            [
                Bookmark("learning", title),
                styles.p(title, styles.h2),
                styles.p(note, styles.muted),
                styles.p(label("report.chart.gain", lang), styles.small),
                chart,
                Spacer(1, 4),
            ]
        ),
        _unit_table(report, styles, lang, width, units),
        Spacer(1, 4),
        styles.p(label("report.learning.weakest", lang, units=weakest)),
    ]
    flow += _programme_table(report, styles, lang, width, titles=(programme_titles or {}, units))
    flow += _question_table(report, styles, lang, width)
    return flow


def _cells(figure: LearningFigure, lang: str) -> list[str | None]:
    gain = round(100 * figure.gain)
    return [
        number(figure.participants, lang),
        percent(figure.pre, lang),
        percent(figure.post, lang),
        ("+" if gain > 0 else "") + number(gain, lang),
    ]


def _heads(lang: str, first: str) -> list[str]:
    return [label(first, lang), *(label(f"report.h.{key}", lang) for key in ("participants", "pre", "post", "gain"))]


def _unit_table(report: PeriodReport, styles: Styles, lang: str, width: float, units: Mapping[str, str]) -> Flowable:
    rows = [[plain(units.get(key, key)), *_cells(figure, lang)] for key, figure in report.learning.items()]
    return data_table(
        _heads(lang, "report.h.unit"), rows, [5, 1.4, 1, 1, 1], styles, available=width, centred_columns=[1, 2, 3, 4]
    )


def _programme_table(
    report: PeriodReport,
    styles: Styles,
    lang: str,
    width: float,
    *,
    titles: tuple[Mapping[str, str], Mapping[str, str]],
) -> list[Flowable]:
    """Per programme: participants, before, after, gain and weakest units; `titles` of programmes, units."""
    programmes, units = titles
    title = label("report.t.learning_programmes", lang)
    rows = [
        [
            plain(programmes.get(key, key)),
            *_cells(figure, lang),
            ", ".join(plain(units.get(unit, unit)) for unit in figure.weakest_units),
        ]
        for key, figure in report.learning_programmes.items()
    ]
    heads = [*_heads(lang, "report.h.programme"), label("report.h.weakest", lang)]
    table = data_table(heads, rows, [3, 1.4, 1, 1, 1, 3], styles, available=width, centred_columns=[1, 2, 3, 4])
    return [KeepTogether([Bookmark("table-learning-programmes", title), styles.p(title, styles.h2), table])]


def _question_table(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    title = label("report.t.questions", lang)
    rows = [
        [
            plain(key),
            *_cells(figure, lang),
            "" if figure.discrimination is None else number(figure.discrimination, lang),
            ", ".join(label(f"report.flag.{flag}", lang) for flag in figure.flags),
        ]
        for key, figure in report.questions.items()
    ]
    heads = [
        *_heads(lang, "report.h.question"),
        label("report.h.discrimination", lang),
        label("report.h.revise", lang),
    ]
    table = data_table(
        heads, rows, [2.2, 1.4, 1, 1, 1, 1.4, 2], styles, available=width, centred_columns=[1, 2, 3, 4, 5]
    )
    return [Bookmark("table-questions", title), styles.p(title, styles.h2), table]
