"""`GET /`: the dashboard: the period, progress to its target, counts by status, the next workshops.

It also shows the last plan run (tiptrain.plan_runs). Only workshops in the user's reach count
(User.reaches); no names of people are shown, so the page is the same for a viewer (who does not see who
started the last plan run either).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from curriculum.names import country_name
from exports.labels import label
from scheduler.statuses import WORKSHOP_STATUSES
from tiptrain.plan_runs import last_runs
from tiptrain.web.auth import PageUser
from tiptrain.web.i18n import language
from tiptrain.web.plan_view import moment
from tiptrain.web.state import WebState
from tiptrain.web.templating import render

router = APIRouter()
NEXT_SHOWN = 8
"""How many of the coming workshops the dashboard lists."""


@router.get("/", include_in_schema=False)
def dashboard(request: Request, user: PageUser, state: WebState) -> Response:
    """The period at a glance for this user."""
    period = state.workspace.settings().period
    mine = user.reachable(state.register.workshops(first=period.start, last=period.end))
    counts = Counter(workshop.status for workshop in mine)
    today = state.register.today()
    coming = [w for w in mine if w.end >= today and w.status in ("planned", "confirmed")][:NEXT_SHOWN]
    lang = language(request)
    catalogue = state.workspace.catalogue()
    rows: list[dict[str, Any]] = [
        {
            "id": w.id,
            "start": w.start,
            "end": w.end,
            "programme": _title(catalogue, w.programme, lang),
            "place": label("place", lang, city=w.city, country=country_name(w.country, lang)),
            "status": w.status,
        }
        for w in coming
    ]
    last_run = next(iter(last_runs(state.register, ("done", "failed"))), None)
    delivered = counts.get("delivered", 0)
    target = period.target
    context = {
        "period": period,
        "target": target,
        "delivered": delivered,
        "scheduled": counts.get("planned", 0) + counts.get("confirmed", 0),
        "percent": min(100, round(100 * delivered / target)) if target else 0,
        "counts": [(status, counts.get(status, 0)) for status in WORKSHOP_STATUSES],
        "coming": rows,
        "last_run": last_run,
        "last_run_at": moment(last_run.started_at, lang) if last_run is not None else "",
    }
    return render(request, "dashboard.html", context)


def _title(catalogue: Any, programme: str, lang: str) -> str:
    from curriculum.models import in_language

    found = catalogue.programmes.get(programme)
    return in_language(found.title, lang) if found is not None else programme
