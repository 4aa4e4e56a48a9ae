"""`GET /report`: the period report with SVG charts and tables; `/report.{pdf,csv,json,md}`: its files.

Both come from tiptrain.reporting, the functions `tiptrain report` calls: the page shows the figures of
the same PeriodReport, and a download is byte for byte the CLI's `--format X` output for the same
register and range (`?from=&to=`, default the workspace's period). Coordinator and viewer only: the
report holds no names of people.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response

from curriculum.errors import UsageError
from exports.models import PeriodReport
from tiptrain.register.accounts import User
from tiptrain.reporting import FORMATS, MEDIA_TYPES, period_report, report_file
from tiptrain.web.auth import require
from tiptrain.web.charts import Bar, bar_chart
from tiptrain.web.i18n import Texts, direction, language
from tiptrain.web.routes.trainers import programme_title
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
Reader = Annotated[User, Depends(require("coordinator", "viewer"))]


def day_parameter(request: Request, name: str) -> date | None:
    """`?from=` or `?to=` as a date (None when absent); a UsageError (400 page) names a bad one."""
    given = request.query_params.get(name, "").strip()
    if not given:
        return None
    try:
        return date.fromisoformat(given)
    except ValueError:
        raise UsageError(f"{name} {given!r}: expected a date as YYYY-MM-DD") from None


def figures_for(request: Request, state: Web) -> PeriodReport:
    """The report of the range the query asks for, as `tiptrain report --from --to` computes it."""
    return period_report(state.workspace, state.register, day_parameter(request, "from"), day_parameter(request, "to"))


@router.get("/report", include_in_schema=False)
def report_page(request: Request, user: Reader, state: WebState) -> Response:
    """The period's figures, charts and tables, with the downloads of the same range."""
    figures = figures_for(request, state)
    lang = language(request)
    texts = Texts(lang)
    query = f"from={figures.from_.isoformat()}&to={figures.to.isoformat()}&lang={lang}"
    units = unit_titles(state, figures, lang)
    context = {
        "report": figures,
        "charts": charts(figures, texts, direction(lang) == "rtl", units),
        "tables": {
            "profession": [(_named(texts.t, "profession." + k, k), v) for k, v in figures.by_profession.items()],
            "sex": [(_named(texts.t, "sex." + k, k), v) for k, v in figures.by_sex.items()],
            "programmes": [(programme_title(state, k, lang), v) for k, v in figures.by_programme.items()],
        },
        "units": units,
        "downloads": [(kind, f"/report.{kind}?{query}") for kind in FORMATS],
    }
    return render(request, "report.html", context)


def unit_titles(state: Web, figures: PeriodReport, lang: str) -> dict[str, str]:
    """The titles of the units the learning figures name, in `lang` (the id for a unit the catalogue lacks)."""
    from curriculum.models import in_language

    units = state.workspace.catalogue().units
    return {u: in_language(units[u].title, lang) if u in units else u for u in figures.learning}


def charts(figures: PeriodReport, texts: Texts, rtl: bool, units: dict[str, str]) -> dict[str, Any]:
    """The page's SVG charts: workshops by status, participants by profession and by sex, learning gain."""
    t, number = texts.t, texts.number
    statuses = [
        ("delivered", figures.workshops_delivered),
        ("planned", figures.workshops_planned),
        ("cancelled", figures.workshops_cancelled),
    ]
    found: dict[str, Any] = {
        "status": bar_chart(
            "chart-status",
            t("web.report.chart.status"),
            [Bar(key, t("web.report.status." + key), count, number(count)) for key, count in statuses],
            rtl=rtl,
        )
    }
    if figures.by_profession:
        professions = [
            Bar("p", _named(t, "profession." + k, k), v, number(v)) for k, v in figures.by_profession.items()
        ]
        found["profession"] = bar_chart("chart-profession", t("report.chart.professions"), professions, rtl=rtl)
    if figures.by_sex:
        sexes = [Bar("s", _named(t, "sex." + k, k), v, number(v)) for k, v in figures.by_sex.items()]
        found["sex"] = bar_chart("chart-sex", t("report.t.sex"), sexes, rtl=rtl)
    if figures.learning:
        gains = [
            Bar(
                "g",
                units.get(unit, unit),
                round(f.gain * 100, 1),
                t("web.report.points", n=number(round(f.gain * 100, 1))),
            )
            for unit, f in figures.learning.items()
        ]
        found["learning"] = bar_chart("chart-learning", t("report.chart.gain"), gains, rtl=rtl)
    return found


def _named(t: Any, key: str, code: str) -> str:
    """The label `key`, or the code itself when the locale files do not name it."""
    try:
        return str(t(key))
    except KeyError:
        return code


@router.get("/report.{kind}", include_in_schema=False)
def report_download(kind: str, request: Request, user: Reader, state: WebState) -> Response:
    """The report file, the bytes `tiptrain report --format KIND [--lang]` prints or writes."""
    if kind not in FORMATS:
        raise HTTPException(404, "no such report format")
    figures = figures_for(request, state)
    body = report_file(state.workspace, figures, kind, language(request))
    name = f"report-{figures.from_.isoformat()}-{figures.to.isoformat()}.{kind}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(body, media_type=MEDIA_TYPES[kind], headers=headers)
