"""The period report as CSV (key,value rows) and as a Markdown document; JSON is `PeriodReport.as_json()`."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from exports.cascade import cascade_rows, cascade_totals
from exports.csv import formula_safe
from exports.models import PeriodReport
from tiptrain.register.learning_formats import learning_markdown

_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""A figure the CSV may write as it is; anything else starting with '-' is text and gets neutralised."""


def report_json(report: PeriodReport) -> str:
    """The SPEC 6 JSON, indented, ending with a newline."""
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


def flatten(report: PeriodReport) -> list[tuple[str, str]]:
    """(key, value) pairs: mappings become `by_profession.police`, nested ones `reaction.U-1.mean`.

    Rows with an id become `workshops.W-1.partner`; other lists are joined with spaces.
    """
    pairs: list[tuple[str, str]] = []
    for key, value in report.as_json().items():
        pairs += _pairs(key, value)
    return pairs


def _pairs(key: str, value: Any) -> list[tuple[str, str]]:
    """One value's pairs; nested mappings (`learning.U-a.gain`) and lists of rows with an id go down to figures."""
    if isinstance(value, dict):
        return [pair for name, inner in value.items() for pair in _pairs(f"{key}.{name}", inner)]
    if isinstance(value, list) and value and all(isinstance(item, dict) and "id" in item for item in value):
        return [
            pair
            for item in value
            for pair in _pairs(f"{key}.{item['id']}", {name: v for name, v in item.items() if name != "id"})
        ]
    if isinstance(value, list):
        return [(key, " ".join(str(item) for item in value))]
    return [(key, _cell(value))]


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _safe(text: str) -> str:
    """Text a spreadsheet will not run as a formula, on one line.

    Line breaks go first: a carriage return is not quoted by the csv module when rows end in `\n`, and a
    spreadsheet would start a new row there, with whatever follows it as a cell of its own.
    """
    return formula_safe(_BREAKS.sub(" ", text))


def report_csv(report: PeriodReport) -> str:
    """The report as `key,value` rows under a header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["key", "value"])
    for key, value in flatten(report):
        numeric = _NUMBER.fullmatch(value) is not None
        writer.writerow([_safe(key), value if numeric else _safe(value)])
    return out.getvalue()


def _md(text: object) -> str:
    """Text safe inside a Markdown table cell."""
    return _BREAKS.sub(" ", str(text).replace("\\", "\\\\").replace("|", "\\|"))


def _table(title: str, heading: str, counts: dict[str, int]) -> list[str]:
    if not counts:
        return [f"## {title}", "", "None in this period.", ""]
    lines = [f"## {title}", "", f"| {heading} | count |", "|---|---:|"]
    lines += [f"| {_md(name)} | {count} |" for name, count in counts.items()]
    return [*lines, ""]


def report_markdown(report: PeriodReport) -> str:
    """A readable report: the headline figures, then one table per breakdown."""
    title = f"# {_md(report.programme_name)}: report" if report.programme_name else "# Period report"
    gain = "n/a" if report.average_test_gain is None else f"{report.average_test_gain:+.2f} points"
    lines = [
        title,
        "",
        f"Period: {report.from_.isoformat()} to {report.to.isoformat()}",
        "",
        "| figure | value |",
        "|---|---:|",
        f"| workshops delivered | {report.workshops_delivered} |",
        f"| workshops planned or confirmed | {report.workshops_planned} |",
        f"| workshops cancelled | {report.workshops_cancelled} |",
        f"| countries | {len(report.countries)} |",
        f"| participants | {report.participants} |",
        f"| attendance rate | {report.attendance_rate:.1%} |",
        f"| average test gain | {gain} |",
        f"| certificates | {report.certificates} |",
        f"| workshops led by ToT-trained trainers (cascade) | {report.cascade} |",
        "",
        f"Countries: {', '.join(report.countries) or 'none'}",
        "",
    ]
    lines += _table("Workshops by programme", "programme", report.by_programme)
    lines += _table("Workshops by country", "country", report.by_country)
    lines += _table("Workshops by month", "month", report.by_month)
    lines += _table("Participants by profession", "profession", report.by_profession)
    lines += _table("Participants by sex", "sex", report.by_sex)
    lines += _table("Topics covered (workshops)", "topic", report.topics)
    lines += learning_markdown(report, _md)
    lines += reaction_markdown(report)
    lines += cascade_markdown(report)
    lines += donor_markdown(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def cascade_markdown(report: PeriodReport) -> list[str]:
    """The cascade by country: trainers certified at ToT workshops, the courses they ran, the people reached."""
    title = "## Cascade: trainers certified and the courses they ran"
    rows = cascade_rows(report)
    if not rows and not report.certified_trainers:
        return [title, "", "None in this period.", ""]
    lines = [title, "", "| country | trainers certified | follow-on courses | people reached |", "|---|---:|---:|---:|"]
    lines += [f"| {_md(country)} | {trainers} | {courses} | {reach} |" for country, trainers, courses, reach in rows]
    trainers, courses, reach = cascade_totals(report)
    return [*lines, f"| total | {trainers} | {courses} | {reach} |", "", *_certified_lines(report)]


def _certified_lines(report: PeriodReport) -> list[str]:
    """Trainees assessed with the guide's rubric and certified (roster `certified_trainer`), when any are.

    None recorded says nothing (rosters may not carry the column), so no line rather than a misleading 0.
    """
    if not report.certified_trainers:
        return []
    return [f"Certified as trainers after the practice-delivery assessment: {report.certified_trainers}", ""]


SEXES = ("f", "m", "x")
INDICATOR_NAMES = {
    "women_share": "share of women among participants",
    "participants_per_workshop": "participants per workshop",
    "post_test_mean": "post-test mean score",
}
SHARES = frozenset({"women_share", "post_test_mean"})
"""Indicators that are shares, written as percentages."""


def reaction_markdown(report: PeriodReport) -> list[str]:
    """Reaction per unit (and overall) from the anonymous evaluation forms: responses and mean rating."""
    if not report.reaction:
        return ["## Reaction (evaluation forms)", "", "None in this period.", ""]
    lines = ["## Reaction (evaluation forms)", "", "| unit | responses | mean rating (1-5) |", "|---|---:|---:|"]
    for unit, figures in report.reaction.items():
        mean = "n/a" if figures.mean is None else f"{figures.mean:.2f}"
        lines.append(f"| {_md(unit)} | {figures.responses} | {mean} |")
    return [*lines, ""]


def donor_markdown(report: PeriodReport) -> list[str]:
    """The donor tables: delivered workshops, participants by profession x sex and by nationality, indicators."""
    lines = ["## Delivered workshops", ""]
    if report.workshops:
        lines += [
            "| workshop | dates | host | participating countries | partner | programme | participants | f | m | x |",
            "|---|---|---|---|---|---|---:|---:|---:|---:|",
        ]
        for w in report.workshops:
            sexes = " | ".join(str(w.by_sex.get(sex, 0)) for sex in SEXES)
            lines.append(
                f"| {_md(w.id)} | {w.start.isoformat()} to {w.end.isoformat()} | {_md(w.city)}, {w.country} | "
                f"{_countries(w.countries)} | {_md(w.partner)} | {_md(w.programme)} | {w.participants} | {sexes} |"
            )
    else:
        lines.append("None in this period.")
    lines += ["", "## Participants by profession and sex", ""]
    if report.by_profession_sex:
        lines += ["| profession | f | m | x | total |", "|---|---:|---:|---:|---:|"]
        for profession, counts in report.by_profession_sex.items():
            cells = " | ".join(str(counts.get(sex, 0)) for sex in SEXES)
            lines.append(f"| {_md(profession)} | {cells} | {sum(counts.values())} |")
    else:
        lines.append("None in this period.")
    lines += ["", *_table("Participants by nationality", "nationality", report.by_nationality)]
    return lines + indicators_markdown(report)


def _countries(codes: list[str]) -> str:
    """Participating countries by English name and code, as a reader of the table looks them up: 'Benin (BJ)'."""
    from curriculum.names import country_name

    return ", ".join(f"{_md(country_name(code))} ({code})" for code in codes)


def indicators_markdown(report: PeriodReport) -> list[str]:
    """Each indicator with a target in tiptrain.toml: target, the period's value, met or not."""
    if not report.indicators:
        return ["## Indicators", "", "No targets set (`[indicators]` in tiptrain.toml).", ""]
    lines = ["## Indicators", "", "| indicator | target | value | met |", "|---|---:|---:|---|"]
    for name, figures in report.indicators.items():
        met = "n/a" if figures.met is None else ("yes" if figures.met else "no")
        shown = _indicator_value(name, figures.target), _indicator_value(name, figures.value)
        lines.append(f"| {INDICATOR_NAMES.get(name, name)} | {shown[0]} | {shown[1]} | {met} |")
    return [*lines, ""]


def _indicator_value(name: str, value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.1%}" if name in SHARES else f"{value:g}"
