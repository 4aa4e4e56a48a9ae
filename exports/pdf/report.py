"""The period report: a narrative paragraph, the figures, and bar charts of workshops and participants.

The narrative is composed here from the figures, in the plain manner of the source report ("In the period
from ... to ..., the programme held N workshops in M countries, training P people: ..."), in our own words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from babel.lists import format_list
from reportlab.platypus import Flowable, KeepTogether, Spacer

from curriculum.models import AUDIENCES
from exports.cascade import cascade_rows, cascade_totals
from exports.formats import country_name, long_date, month_name, number, percent
from exports.labels import DEFAULT_LANGUAGE, has_label, label, locale
from exports.models import PeriodReport
from exports.pdf import donor
from exports.pdf.charts import caption, column_chart, row_chart
from exports.pdf.learning import learning_flow
from exports.pdf.page import Bookmark, DocumentInfo, Furniture, build_pdf, frame_width
from exports.pdf.styles import CJK_LANGUAGES, Styles, stylesheet
from exports.pdf.tables import data_table, key_value_table
from exports.text import plain

TOP_GROUPS = 3
"""Professions named in the narrative."""
TOP_ROWS = 15
"""Categories shown in a chart or table before the rest are summed as 'Other'."""
OTHER = "*other*"


def report_pdf(
    report: PeriodReport,
    *,
    lang: str = "en",
    paper: str = "a4",
    programme_titles: Mapping[str, str] | None = None,
    invariant: bool = False,
    unit_titles: Mapping[str, str] | None = None,
) -> bytes:
    """The report of a period as PDF.

    A narrative paragraph, the figures table, charts by month, profession and country, and tables by
    programme, sex and topic, then what participants learned (exports.pdf.learning). `programme_titles` and
    `unit_titles` map ids to readable titles.
    """
    styles = stylesheet(lang)
    width = frame_width(paper)
    period = label("dates.range", lang, first=long_date(report.from_, lang), last=long_date(report.to, lang))
    name = plain(report.programme_name) or label("report.programme", lang)
    flow: list[Flowable] = [
        Bookmark("summary", label("report.summary", lang)),
        styles.p(label("report.title", lang), styles.cover_title),
        styles.p(name, styles.cover_subtitle),
        styles.p(period, styles.cover_meta),
        Spacer(1, 14),
        styles.p(label("report.summary", lang), styles.h2),
        styles.p(narrative(report, lang)),
        styles.p(label("report.figures", lang), styles.h2),
        key_value_table(figures(report, lang), styles, available=width, value_weight=1.2),
    ]
    flow += _charts(report, styles, lang, width)
    flow += _tables(report, styles, lang, width, programme_titles or {})
    flow += learning_flow(report, styles, lang, width, unit_titles=unit_titles, programme_titles=programme_titles)
    flow += donor.monitoring(report, styles, lang, width, programme_titles or {})
    flow += cascade_section(report, styles, lang, width)
    info = DocumentInfo(title=label("report.meta.title", lang, period=period), subject=name, author=name, lang=lang)
    furniture = Furniture(header_start=label("report.title", lang), header_end=period, footer_start=name)
    return build_pdf(flow, info=info, styles=styles, paper=paper, furniture=furniture, invariant=invariant)


def narrative(report: PeriodReport, lang: str) -> str:
    """A few sentences saying what the period delivered, built only from the report's figures."""
    first, last = long_date(report.from_, lang), long_date(report.to, lang)
    if report.workshops_delivered == 0:
        return label("report.narrative.none", lang, first=first, last=last)
    names = format_list(sorted(country_name(c, lang) for c in report.countries), locale=locale(lang))
    sentences = [
        label(
            "report.narrative.main",
            lang,
            first=first,
            last=last,
            workshops=label("report.n.workshops", lang, count=report.workshops_delivered),
            countries=label("report.n.countries", lang, count=len(report.countries)),
            names=names,
            people=label("report.n.people", lang, count=report.participants),
        )
    ]
    groups = _largest(report.by_profession, TOP_GROUPS, other=False)
    if groups:
        listed = [
            label("report.group", lang, group=_name(key, "professions", lang), count=value) for key, value in groups
        ]
        sentences.append(label("report.narrative.groups", lang, groups=format_list(listed, locale=locale(lang))))
    women = report.by_sex.get("f", 0)
    if report.participants:
        sentences.append(label("report.narrative.women", lang, share=percent(women / report.participants, lang)))
    sentences.append(
        label(
            "report.narrative.certificates", lang, count=report.certificates, rate=percent(report.attendance_rate, lang)
        )
    )
    if report.average_test_gain is not None:
        sentences.append(label("report.narrative.gain", lang, gain=number(round(report.average_test_gain, 1), lang)))
    if report.cascade:
        sentences.append(label("report.narrative.cascade", lang, count=report.cascade))
    if report.workshops_cancelled:
        sentences.append(label("report.narrative.cancelled", lang, count=report.workshops_cancelled))
    return ("" if lang in CJK_LANGUAGES else " ").join(sentences)  # no space after "。"


def figures(report: PeriodReport, lang: str) -> list[tuple[str, str | None]]:
    """The figures table: name and value, numbers written the language's way."""
    rows = [
        (label("report.f.delivered", lang), number(report.workshops_delivered, lang)),
        (label("report.f.planned", lang), number(report.workshops_planned, lang)),
        (label("report.f.cancelled", lang), number(report.workshops_cancelled, lang)),
        (label("report.f.countries", lang), number(len(report.countries), lang)),
        (label("report.f.participants", lang), number(report.participants, lang)),
        (label("report.f.women", lang), number(report.by_sex.get("f", 0), lang)),
        (label("report.f.certificates", lang), number(report.certificates, lang)),
        (label("report.f.attendance", lang), percent(report.attendance_rate, lang)),
    ]
    if report.average_test_gain is not None:
        rows.append((label("report.f.gain", lang), number(round(report.average_test_gain, 1), lang)))
    rows.append((label("report.f.cascade", lang), number(report.cascade, lang)))
    rows += _travel_rows(report, lang)
    return rows  # type: ignore[return-value]


def _travel_rows(report: PeriodReport, lang: str) -> list[tuple[str, str]]:
    """The kilometres flown by the trainers and the estimated CO2e, when the report knows them."""
    if report.travel_km is None or report.co2_tonnes is None:
        return []
    return [
        (label("report.f.km", lang), number(report.travel_km, lang)),
        (label("report.f.co2", lang), number(report.co2_tonnes, lang)),
    ]


def months(first: date, last: date) -> list[tuple[int, int]]:
    """Every (year, month) from the month of `first` to that of `last`."""
    year, month, result = first.year, first.month, []
    while (year, month) <= (last.year, last.month):
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def _charts(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    def count(value: float) -> str:
        return number(int(value), lang)

    def _row_figure(key: str, title: str, kind: str, counts: Mapping[str, int]) -> Flowable:
        """A horizontal bar chart of the largest categories, or a 'no data' line when there are none."""
        largest = _largest(counts, TOP_ROWS)
        names = [_name(k, kind, lang) for k, _ in largest]
        if not largest:
            return _figure(key, label(title, lang), styles, caption(label("report.no_data", lang), styles, width))
        chart = row_chart(names, [v for _, v in largest], styles, width=width, number=count)
        return _figure(key, label(title, lang), styles, chart)

    flow: list[Flowable] = []
    spans = months(report.from_, report.to)
    short = len(spans) > 6
    values = [report.by_month.get(f"{y:04d}-{m:02d}", 0) for y, m in spans]
    names = [month_name(y, m, lang, short=short) for y, m in spans]
    flow.append(
        _figure(
            "chart-months",
            label("report.chart.months", lang),
            styles,
            column_chart(names, values, styles, width=width, number=count)
            if any(values)
            else caption(label("report.no_data", lang), styles, width),
        )
    )
    flow.append(_row_figure("chart-professions", "report.chart.professions", "profession", report.by_profession))
    flow.append(_row_figure("chart-countries", "report.chart.countries", "country", report.by_country))
    return flow


def _tables(report: PeriodReport, styles: Styles, lang: str, width: float, titles: Mapping[str, str]) -> list[Flowable]:
    flow: list[Flowable] = []
    tables: Sequence[tuple[str, str, list[tuple[str, int]]]] = (
        (
            "programme",
            label("report.t.programmes", lang),
            [(_name(k, "programme", lang, titles), v) for k, v in _largest(report.by_programme, TOP_ROWS)],
        ),
        ("sex", label("report.t.sex", lang), [(label(f"sex.{k}", lang), v) for k, v in sorted(report.by_sex.items())]),
        (
            "topic",
            label("report.t.topics", lang),
            [(_name(k, "topic", lang), v) for k, v in _largest(report.topics, TOP_ROWS)],
        ),
    )
    for key, title, rows in tables:
        if not rows:
            continue
        cells = [[name, number(v, lang)] for name, v in rows]
        table = data_table(
            [label(f"report.h.{key}", lang), label("report.t.count", lang)],
            cells,
            [5, 1],
            styles,
            available=width,
            centred_columns=[1],
        )
        flow.append(KeepTogether([Bookmark(f"table-{key}", title), styles.p(title, styles.h2), table]))
    return flow


def cascade_section(report: PeriodReport, styles: Styles, lang: str, width: float) -> list[Flowable]:
    """Per country: trainers certified at the period's ToT workshops, the courses they ran, the people reached."""
    rows = cascade_rows(report)
    if not rows:
        return []
    cells = [[country_name(c, lang), *(number(v, lang) for v in values)] for c, *values in rows]
    cells.append([label("report.cascade.total", lang), *(number(v, lang) for v in cascade_totals(report))])
    header = [label(f"report.cascade.{key}", lang) for key in ("country", "trainers", "courses", "reach")]
    table = data_table(
        header, cells, [3, 1.4, 1.4, 1.4], styles, available=width, centred_columns=[1, 2, 3], shaded_rows=[len(rows)]
    )
    title = label("report.cascade.title", lang)
    return [KeepTogether([Bookmark("table-cascade", title), styles.p(title, styles.h2), table])]


def _figure(key: str, title: str, styles: Styles, drawing: Flowable) -> Flowable:
    return KeepTogether([Bookmark(key, title), styles.p(title, styles.h2), drawing, Spacer(1, 4)])


def _largest(counts: Mapping[str, int], limit: int, other: bool = True) -> list[tuple[str, int]]:
    """The `limit` largest entries, largest first, ties by key; with `other`, the rest summed as one entry."""
    ordered = sorted(((k, v) for k, v in counts.items() if v), key=lambda kv: (-kv[1], kv[0]))
    if len(ordered) <= limit or not other:
        return ordered[:limit]
    head, rest = ordered[: limit - 1], ordered[limit - 1 :]
    return [*head, (OTHER, sum(v for _, v in rest))]


def _name(key: str, kind: str, lang: str, titles: Mapping[str, str] | None = None) -> str:
    """A category's printed name: a profession, country, programme or topic, or 'Other' for the rest."""
    if key == OTHER:
        return label("report.other", lang)
    if kind in ("profession", "professions"):
        return label(f"{kind}.{key}", lang) if key in AUDIENCES else plain(key)
    if kind == "country":
        return country_name(key, lang)
    if kind == "programme":
        return plain((titles or {}).get(key, key))
    if has_label(f"topic.{key}", DEFAULT_LANGUAGE):
        return label(f"topic.{key}", lang)
    return plain(key.replace("-", " ")).capitalize()
