"""`GET /plan`: the period's workshops, a month calendar, the left-out requests; `POST /plan/replan`.

The table is filtered, the month calendar shows one month, and a coordinator re-plans in the background
(tiptrain/web/replan_jobs.py) and follows the run's progress here.

Every user sees only the workshops in their reach (User.reaches), viewers without trainer names; the
left-out requests come from the last finished plan run (tiptrain.plan_runs), offices seeing those of their
countries. Filters are GET parameters, so a filtered view is a link and the page needs no JavaScript; a
running re-plan's page refreshes itself (<meta http-equiv="refresh">) until the run ends.
"""

from __future__ import annotations

from typing import Annotated, Any

from babel.dates import format_date, get_day_names
from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from curriculum.names import country_name
from exports.labels import label, locale
from scheduler.models import Workshop
from scheduler.statuses import WORKSHOP_STATUSES
from tiptrain.plan_runs import PlanRun, RunGoing, last_runs, live_run, run
from tiptrain.register.accounts import User
from tiptrain.web.auth import PageUser, csrf_checked, require
from tiptrain.web.i18n import language
from tiptrain.web.plan_view import (
    Filters,
    moment,
    month_weeks,
    parse_filters,
    shifted,
    shown_month,
    visible_left_out,
)
from tiptrain.web.replan_jobs import start_replan, time_limit
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
REFRESH_SECONDS = 2
"""How often a running re-plan's page reloads itself."""
Coordinator = Annotated[User, Depends(require("coordinator"))]


@router.get("/plan", include_in_schema=False)
def plan_page(request: Request, user: PageUser, state: WebState) -> Response:
    """The plan as this user may see it, filtered by the query's status, country, programme and month."""
    filters = parse_filters(request.query_params)
    period = state.workspace.settings().period
    mine = user.reachable(state.register.workshops(first=period.start, last=period.end))
    chosen = [w for w in mine if filters.keeps(w)]
    lang = language(request)
    month = shown_month(filters, period.start, period.end, state.register.today())
    in_calendar = [w for w in mine if _same_but_month(filters, w)]
    context: dict[str, Any] = {
        "filters": filters,
        "choices": _choices(mine, state, lang),
        "rows": [_row(w, state, lang) for w in chosen],
        "total": len(mine),
        "period": period,
        "names": _trainer_names(state) if user.sees_personal_data else {},
        "month": _calendar(month, in_calendar, filters, lang),
        "left_out": _left_out(state, user, lang),
        "run": _run_shown(request, state, user),
        "live": live_run(state.register) if user.role == "coordinator" else None,
        "refresh": 0,
    }
    if context["run"] is not None:
        context["run_at"] = moment(context["run"].started_at, lang)
        context["refresh"] = REFRESH_SECONDS if context["run"].live else 0
    return render(request, "plan.html", context)


@router.post("/plan/replan", include_in_schema=False, dependencies=[Depends(csrf_checked)])
async def replan(request: Request, user: Coordinator, state: WebState) -> Response:
    """Start a re-plan in the background and show its page; 409 while another run is queued or running."""
    async with request.form() as form:
        given = form.get("time_limit")
    seconds = time_limit(given if isinstance(given, str) else None)
    try:
        started = start_replan(state, user, seconds)
    except RunGoing as going:
        live = live_run(state.register)
        context = {"message": str(going), "live": live}
        return render(request, "plan_busy.html", context, 409)
    return RedirectResponse(f"/plan?run={started.id}", status_code=303)


def _same_but_month(filters: Filters, workshop: Workshop) -> bool:
    """Whether the workshop passes every filter but the month (the calendar shows its month whatever it is)."""
    return Filters(filters.status, filters.country, filters.programme).keeps(workshop)


def _row(workshop: Workshop, state: Web, lang: str) -> dict[str, Any]:
    return {
        "workshop": workshop,
        "programme": _title(state, workshop.programme, lang),
        "place": label("place", lang, city=workshop.city, country=country_name(workshop.country, lang)),
    }


def _title(state: Web, programme: str, lang: str) -> str:
    from curriculum.models import in_language

    found = state.workspace.catalogue().programmes.get(programme)
    return in_language(found.title, lang) if found is not None else programme


def _choices(mine: list[Workshop], state: Web, lang: str) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: only those of the workshops in the user's reach."""
    countries = sorted({w.country for w in mine}, key=lambda code: country_name(code, lang))
    programmes = sorted({w.programme for w in mine})
    months = sorted({(d.year, d.month) for w in mine for d in w.days})
    return {
        "status": [(status, label(f"status.{status}", lang)) for status in WORKSHOP_STATUSES],
        "country": [(code, country_name(code, lang)) for code in countries],
        "programme": [(code, _title(state, code, lang)) for code in programmes],
        "month": [(f"{y:04d}-{m:02d}", _month_name((y, m), lang)) for y, m in months],
    }


def _month_name(month: tuple[int, int], lang: str) -> str:
    from datetime import date

    return format_date(date(month[0], month[1], 1), format="LLLL y", locale=locale(lang))


def _calendar(month: tuple[int, int], workshops: list[Workshop], filters: Filters, lang: str) -> dict[str, Any]:
    """The month block: its title, weekday names (Monday first), weeks, and links to the months around it."""
    wide = get_day_names("wide", locale=locale(lang))
    short = get_day_names("abbreviated", locale=locale(lang))
    return {
        "title": _month_name(month, lang),
        "days": [(short[n], wide[n]) for n in range(7)],
        "weeks": month_weeks(month, workshops),
        "previous": (filters.query(month=shifted(month, -1)), _month_name(shifted(month, -1), lang)),
        "next": (filters.query(month=shifted(month, 1)), _month_name(shifted(month, 1), lang)),
        "all": filters.query(month=None),
    }


def _trainer_names(state: Web) -> dict[str, str]:
    """Trainer id -> name, from the workspace's trainers file when there is one, else the register."""
    from tiptrain.inputs_sync import workspace_trainers

    return {trainer.id: trainer.name for trainer in workspace_trainers(state.workspace.settings())}


def _left_out(state: Web, user: User, lang: str) -> list[dict[str, Any]] | None:
    """The last finished run's left-out requests this user may see; None when there is no run or for trainers."""
    if user.role == "trainer":
        return None
    done = last_runs(state.register)
    if not done:
        return None
    hidden = [w.id for w in state.register.workshops() if not user.reaches(w)]
    known = [] if user.sees_personal_data else list(_trainer_names(state))
    return [
        {
            "item": item,
            "programme": _title(state, item.programme, lang),
            "place": label("place", lang, city=item.city, country=country_name(item.country, lang)),
        }
        for item in visible_left_out(done[0].unscheduled, user, hidden, known)
    ]


def _run_shown(request: Request, state: Web, user: User) -> PlanRun | None:
    """The run of `?run=` for a coordinator (404 when there is none); None without the parameter."""
    asked = request.query_params.get("run", "")
    if not asked or user.role != "coordinator":
        return None
    found = run(state.register, int(asked)) if asked.isdigit() and len(asked) < 10 else None
    if found is None:
        raise HTTPException(404, "no such plan run")
    return found
