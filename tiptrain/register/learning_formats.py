"""The learning sections of the Markdown report: gain per unit and per programme, and question analysis."""

from __future__ import annotations

from collections.abc import Callable

from exports.models import (
    EASY_BEFORE,
    MASTERED,
    MIN_FLAG_PARTICIPANTS,
    POOR_DISCRIMINATION,
    LearningFigure,
    PeriodReport,
)

Escape = Callable[[object], str]


def learning_markdown(report: PeriodReport, md: Escape) -> list[str]:
    """The learning sections; one line saying there were no answer sheets when there were none."""
    if not report.learning:
        return ["## Learning (pre- and post-test answer sheets)", "", "No answer sheets in this period.", ""]
    lines = [
        "## Learning (pre- and post-test answer sheets)",
        "",
        "Share of answers right before and after training, for the participants who sat both tests.",
        "",
        "| unit | participants | pre | post | gain |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += [f"| {md(unit)} | {_figures(figure)} |" for unit, figure in report.learning.items()]
    lines += ["", f"Weakest gain: {', '.join(md(unit) for unit in report.weakest_units)}", ""]
    lines += _programmes(report, md)
    lines += _questions(report, md)
    return lines


def _figures(figure: LearningFigure) -> str:
    return f"{figure.participants} | {figure.pre:.0%} | {figure.post:.0%} | {100 * figure.gain:+.0f} pp"


def _programmes(report: PeriodReport, md: Escape) -> list[str]:
    lines = [
        "## Learning by programme",
        "",
        "| programme | participants | pre | post | gain | weakest units |",
        "|---|---:|---:|---:|---:|---|",
    ]
    lines += [
        f"| {md(key)} | {_figures(figure)} | {', '.join(md(unit) for unit in figure.weakest_units)} |"
        for key, figure in report.learning_programmes.items()
    ]
    return [*lines, ""]


def _questions(report: PeriodReport, md: Escape) -> list[str]:
    lines = [
        "## Test questions",
        "",
        f"Flagged for revision: easy-before when at least {EASY_BEFORE:.0%} answer right before training; "
        f"discriminates-poorly when the upper-lower 27 % index on the post-test is below {POOR_DISCRIMINATION} "
        f"(not for questions at least {MASTERED:.0%} answer right after training). No flag with fewer than "
        f"{MIN_FLAG_PARTICIPANTS} participants.",
        "",
        "| question | unit | participants | pre | post | gain | discrimination | revise |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for key, figure in report.questions.items():
        index = "n/a" if figure.discrimination is None else f"{figure.discrimination:.2f}"
        flags = ", ".join(figure.flags)
        lines.append(f"| {md(key)} | {md(figure.unit)} | {_figures(figure)} | {index} | {flags} |")
    return [*lines, ""]
