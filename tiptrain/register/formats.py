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

_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
"""A figure the CSV may write as it is; anything else starting with '-' is text and gets neutralised."""


def report_json(report: PeriodReport) -> str:
    """The SPEC 6 JSON, indented, ending with a newline."""
    return json.dumps(report.as_json(), indent=2, ensure_ascii=False) + "\n"


def flatten(report: PeriodReport) -> list[tuple[str, str]]:
    """(key, value) pairs: mappings become `by_profession.police`, lists are joined with spaces."""
    pairs: list[tuple[str, str]] = []
    for key, value in report.as_json().items():
        if isinstance(value, dict):
            pairs += [(f"{key}.{name}", _cell(count)) for name, count in value.items()]
        elif isinstance(value, list):
            pairs.append((key, " ".join(str(item) for item in value)))
        else:
            pairs.append((key, _cell(value)))
    return pairs


def _cell(value: Any) -> str:
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
    lines += cascade_markdown(report)
    return "\n".join(lines).rstrip("\n") + "\n"


def cascade_markdown(report: PeriodReport) -> list[str]:
    """The cascade by country: trainers certified at ToT workshops, the courses they ran, the people reached."""
    title = "## Cascade: trainers certified and the courses they ran"
    rows = cascade_rows(report)
    if not rows:
        return [title, "", "None in this period.", ""]
    lines = [title, "", "| country | trainers certified | follow-on courses | people reached |", "|---|---:|---:|---:|"]
    lines += [f"| {_md(country)} | {trainers} | {courses} | {reach} |" for country, trainers, courses, reach in rows]
    trainers, courses, reach = cascade_totals(report)
    return [*lines, f"| total | {trainers} | {courses} | {reach} |", ""]
