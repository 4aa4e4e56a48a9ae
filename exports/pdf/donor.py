"""The report's reaction and donor pages (SPEC 10): evaluation ratings per unit, then the donor tables.

Kept apart from `exports.pdf.report` so that each part of the monitoring report stays a function of its own:
reaction (a chart and a table of mean ratings), delivered workshops one per row, participants by profession
and sex, by nationality, and the indicator targets as met or not.
"""

from __future__ import annotations

from collections.abc import Mapping

from reportlab.platypus import Flowable, KeepTogether, Spacer

from curriculum.models import AUDIENCES
from exports.evaluation import OVERALL, SCALE
from exports.formats import country_name, date_range, number, percent
from exports.labels import label
from exports.models import PeriodReport
from exports.pdf.charts import row_chart
from exports.pdf.page import Bookmark
from exports.pdf.styles import Styles
from exports.pdf.tables import data_table
from exports.text import plain

SEXES = ("f", "m", "x")
SHARES = frozenset({"women_share", "post_test_mean"})
"""Indicators that are shares of 1, printed as percentages."""


def monitoring(
    report: PeriodReport, styles: Styles, lang: str, width: float, titles: Mapping[str, str]
) -> list[Flowable]:
    """Every reaction and donor section that has data, each under its own heading and bookmark."""
    return [
        *reaction(report, styles, lang, width),
        *delivered(report, styles, lang, width, titles),
        *profession_sex(report, styles, lang, width),
        *nationality(report, styles, lang, width),
        *indicators(report, styles, lang, width),
    ]


def _block(key: str, title: str, styles: Styles, *flowables: Flowable) -> list[Flowable]:
    return [KeepTogether([Bookmark(key, title), styles.p(title, styles.h2), *flowables, Spacer(1, 4)])]


def _unit_name(unit: str, lang: str) -> str:
    return label("evaluation.overall.title", lang) if unit == OVERALL else plain(unit)


def reaction(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Mean rating (1-5) per unit and overall as lying bars, then responses and mean in a table."""
    rated = [(unit, figures) for unit, figures in report.reaction.items() if figures.mean is not None]
    if not rated:
        return []
    title = label("report.t.reaction", lang, scale=SCALE)
    names = [_unit_name(unit, lang) for unit, _ in rated]
    chart = row_chart(
        names, [figures.mean or 0 for _, figures in rated], styles, width=width, number=lambda v: number(v, lang)
    )
    rows = [
        [name, number(f.responses, lang), number(f.mean or 0, lang)] for name, (_, f) in zip(names, rated, strict=True)
    ]
    header = [label("field.unit", lang), label("report.h.responses", lang), label("report.h.mean", lang)]
    table = data_table(header, rows, [4, 1.2, 1.2], styles, available=width, centred_columns=[1, 2])
    return _block("reaction", title, styles, chart, Spacer(1, 6), table)


def delivered(
    report: PeriodReport, styles: Styles, lang: str, width: float, titles: Mapping[str, str]
) -> list[Flowable]:
    """One row per delivered workshop: host, dates, participating countries, partner, programme, people."""
    if not report.workshops:
        return []
    header = [
        label("report.h.host", lang),
        label("report.h.dates", lang),
        label("report.h.countries", lang),
        label("report.h.partner", lang),
        label("report.h.programme", lang),
        label("report.h.participants", lang),
        " / ".join(label(f"report.h.sex.{sex}", lang) for sex in SEXES),
    ]
    rows = [
        [
            label("place", lang, city=plain(w.city), country=country_name(w.country, lang)),
            date_range(w.start, w.end, lang),
            ", ".join(w.countries),
            plain(w.partner),
            plain(titles.get(w.programme, w.programme)),
            number(w.participants, lang),
            " / ".join(number(w.by_sex.get(sex, 0), lang) for sex in SEXES),
        ]
        for w in report.workshops
    ]
    weights = [2, 1.8, 1.8, 2, 2.4, 1.6, 1.6]
    table = data_table(header, rows, weights, styles, available=width, centred_columns=[5, 6])
    key, title = "table-workshops", label("report.t.workshops", lang)
    return [Bookmark(key, title), styles.p(title, styles.h2), table, Spacer(1, 4)]


def profession_sex(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Participants by profession (rows) and sex (columns), with a total per profession."""
    if not report.by_profession_sex:
        return []
    header = [
        label("report.h.profession", lang),
        *(label(f"report.h.sex.{sex}", lang) for sex in SEXES),
        label("report.h.total", lang),
    ]
    rows = [
        [
            label(f"professions.{key}", lang) if key in AUDIENCES else plain(key),
            *(number(counts.get(sex, 0), lang) for sex in SEXES),
            number(sum(counts.values()), lang),
        ]
        for key, counts in report.by_profession_sex.items()
    ]
    table = data_table(header, rows, [4, 1, 1, 1, 1], styles, available=width, centred_columns=[1, 2, 3, 4])
    return _block("table-profession-sex", label("report.t.profession_sex", lang), styles, table)


def nationality(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Participants by nationality, largest first."""
    if not report.by_nationality:
        return []
    ordered = sorted(report.by_nationality.items(), key=lambda kv: (-kv[1], kv[0]))
    rows = [[country_name(code, lang), number(count, lang)] for code, count in ordered]
    header = [label("report.h.nationality", lang), label("report.h.participants", lang)]
    table = data_table(header, rows, [5, 1], styles, available=width, centred_columns=[1])
    return _block("table-nationality", label("report.t.nationality", lang), styles, table)


def indicators(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Each indicator with a target from tiptrain.toml: target, the period's value, met or not."""
    if not report.indicators:
        return []

    def shown(name: str, value: float | None) -> str:
        if value is None:
            return "–"
        return percent(value, lang) if name in SHARES else number(value, lang)

    rows = [
        [
            label(f"report.indicator.{name}", lang),
            shown(name, figures.target),
            shown(name, figures.value),
            label("report.indicator.unknown" if figures.met is None else f"report.indicator.met.{figures.met}", lang),
        ]
        for name, figures in report.indicators.items()
    ]
    header = [
        label("report.h.indicator", lang),
        label("report.h.target", lang),
        label("report.h.value", lang),
        label("report.h.met", lang),
    ]
    table = data_table(header, rows, [4, 1.2, 1.2, 1.4], styles, available=width, centred_columns=[1, 2, 3])
    return _block("table-indicators", label("report.t.indicators", lang), styles, table)
