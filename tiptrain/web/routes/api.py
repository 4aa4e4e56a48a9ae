"""The JSON API under /api/ (SPEC 9): bearer tokens from `tiptrain users token NAME`, the role rules of pages.

Every route here depends on `api_user` (401 without a valid token) or `require(..., api=True)` (403);
workshops through `api_workshop_in_reach` (404 out of reach). The JSON is the CLI's: a workshop is
`Workshop.model_dump(mode="json")` as `tiptrain workshops list --json` prints it, the report is
`PeriodReport.as_json()` as `tiptrain report --format json` writes it. Viewers get no personal data: the
trainer ids of a team are emptied (the report holds figures only). Each route declares its response model,
so /api/openapi.json documents every field.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from exports.models import PeriodReport
from scheduler.models import PeriodSummary, Unscheduled, Workshop
from scheduler.statuses import WORKSHOP_STATUSES
from tiptrain import reporting
from tiptrain.register.accounts import User
from tiptrain.web.auth import ApiReachableWorkshop, ApiUser, require
from tiptrain.web.state import WebState

router = APIRouter(prefix="/api", tags=["api"])
UNAUTHORISED: dict[int | str, dict[str, Any]] = {401: {"description": "No valid bearer token"}}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such workshop, or out of the token's reach"}}
FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The token's role may not read this"}}
ReportReader = Annotated[User, Depends(require("coordinator", "viewer", api=True))]
FromDay = Annotated[date | None, Query(alias="from", description="Only workshops with a day on or after (YYYY-MM-DD)")]
ToDay = Annotated[date | None, Query(alias="to", description="Only workshops with a day on or before (YYYY-MM-DD)")]


class Me(BaseModel):
    """Who the token belongs to and what they reach."""

    name: str
    role: str
    countries: list[str]
    trainer: str | None


class PlanOut(BaseModel):
    """The period's plan as `tiptrain plan --json` gives it: the period, its workshops, the left-out requests.

    `unscheduled` is null while the register keeps no plan run's left-out requests; the workshops are the
    period's scheduled ones (not cancelled) in the token's reach.
    """

    period: PeriodSummary
    workshops: list[Workshop]
    unscheduled: list[Unscheduled] | None = None


def shown(user: User, workshop: Workshop) -> Workshop:
    """The workshop as this user may see it: without its team's trainer ids for a viewer."""
    return workshop if user.sees_personal_data else workshop.model_copy(update={"trainers": []})


@router.get("/me", responses=UNAUTHORISED)
def me(user: ApiUser) -> Me:
    """The holder of the bearer token."""
    return Me(name=user.name, role=user.role, countries=list(user.countries), trainer=user.trainer)


@router.get("/workshops", responses=UNAUTHORISED)
def workshops(
    user: ApiUser,
    state: WebState,
    status: Annotated[str | None, Query(description=f"One of {', '.join(WORKSHOP_STATUSES)}")] = None,
    first: FromDay = None,
    last: ToDay = None,
) -> list[Workshop]:
    """The workshops in the token's reach, by start date; filters as `tiptrain workshops list`."""
    found = state.register.workshops(status, first, last)  # an unknown status: UsageError -> 400
    return [shown(user, workshop) for workshop in user.reachable(found)]


@router.get("/workshops/{workshop_id}", responses={**UNAUTHORISED, **NOT_FOUND})
def workshop(user: ApiUser, found: ApiReachableWorkshop) -> Workshop:
    """One workshop; 404 when it does not exist or is out of the token's reach (the same answer)."""
    return shown(user, found)


@router.get("/plan", responses=UNAUTHORISED)
def plan(user: ApiUser, state: WebState) -> PlanOut:
    """The period of tiptrain.toml and its scheduled workshops in the token's reach."""
    period = state.workspace.settings().period
    summary = PeriodSummary(start=period.start, end=period.end, target=period.target)
    found = state.register.workshops(first=period.start, last=period.end)
    scheduled = [shown(user, w) for w in user.reachable(found) if w.status != "cancelled"]
    return PlanOut(period=summary, workshops=scheduled, unscheduled=None)


@router.get("/report", response_model=PeriodReport, responses={**UNAUTHORISED, **FORBIDDEN})
def report(user: ReportReader, state: WebState, first: FromDay = None, last: ToDay = None) -> JSONResponse:
    """The period report's figures, exactly as `tiptrain report --format json` (default: the period)."""
    return JSONResponse(reporting.period_report(state.workspace, state.register, first, last).as_json())
