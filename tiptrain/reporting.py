"""The period report as `tiptrain report` and the web's /report make it: one use case, two front doors.

`period_report` computes the figures from the register with the workspace's settings; `report_file` turns
them into the bytes of one format. The CLI and the web both call these two, so a figure or a file cannot
differ between them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from exports.models import PeriodReport
    from tiptrain.context import App
    from tiptrain.register.api import Register

FORMATS = ("pdf", "json", "csv", "md")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}
"""The content type of each format, for downloads."""


def period_report(app: App, register: Register, first: date | None = None, last: date | None = None) -> PeriodReport:
    """The figures of the delivered workshops starting between `first` and `last` (default: the period).

    Trainers (for the km of their trips) and requests (partners, regional countries) come from the
    workspace files when they exist, else from the register.
    """
    from tiptrain.inputs_sync import workspace_requests, workspace_trainers

    settings = app.settings()
    return register.report(
        first if first is not None else settings.period.start,
        last if last is not None else settings.period.end,
        catalogue=app.catalogue(),
        threshold=settings.file.certificates.threshold,
        programme_name=settings.file.programme.name,
        trainers=workspace_trainers(settings),
        max_gap_days=settings.file.planning.max_gap_days,
        requests={request.id: request for request in workspace_requests(settings, app.catalogue())},
        targets=settings.file.indicators.model_dump(),
    )


def report_file(app: App, figures: PeriodReport, kind: str, lang: str = "en", paper: str = "a4") -> bytes:
    """The report in format `kind` (pdf, json, csv, md); the text formats are UTF-8."""
    from tiptrain.register.formats import report_csv, report_json, report_markdown

    if kind == "pdf":
        return _pdf(app, figures, lang, paper)
    text = {"json": report_json, "csv": report_csv, "md": report_markdown}[kind](figures)
    return text.encode("utf-8")



def _pdf(app: App, figures: PeriodReport, lang: str, paper: str) -> bytes:
    """The period report as a PDF, with programme titles in the report's language."""
    from curriculum.models import in_language
    from exports.pdf.report import report_pdf
    from tiptrain.documents import configure_fonts

    configure_fonts(app.settings())
    titles = {p.id: in_language(p.title, lang) for p in app.catalogue().programmes.values()}
    units = {u.id: in_language(u.title, lang) for u in app.catalogue().units.values()}
    return report_pdf(figures, lang=lang, paper=paper, programme_titles=titles, unit_titles=units)
