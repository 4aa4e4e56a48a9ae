"""`/requests`: offices propose workshop requests for their countries, the coordinator accepts or declines them.

The list and every change go through tiptrain.register.requests_review, which holds the rules (an office
only for its countries, a known programme, a settled time zone, a reason to decline); this module turns
the form into a scheduler Request and shows every bad field on the form, with the values kept.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool

from curriculum.errors import InvalidInput, UsageError
from scheduler.models import Request as WorkshopRequest
from tiptrain.register import requests_review
from tiptrain.register.accounts import User
from tiptrain.register.inputs import FILE_USER
from tiptrain.register.orm_inputs import REVIEW_STATUSES
from tiptrain.web.auth import csrf_checked, require
from tiptrain.web.i18n import Texts, language
from tiptrain.web.routes.trainers import programme_title
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
DEFAULT_PRIORITY = 3
"""A proposal's priority until the coordinator sets one on accepting it."""
FIELDS = (
    "id", "programme", "country", "city", "tz", "earliest", "latest", "preferred_start",
    "participants", "language", "participant_languages", "partner",
)  # fmt: skip
"""The proposal form's text fields (audiences and interpretation are checkboxes)."""
Reviewer = Annotated[User, Depends(require("coordinator", "office"))]
Coordinator = Annotated[User, Depends(require("coordinator"))]


def reach(user: User) -> list[str] | None:
    """The countries whose requests the user sees and proposes: an office's, or None (all) for the coordinator."""
    return list(user.countries) if user.role == "office" else None


def form_options(state: Web, user: User, lang: str) -> dict[str, Any]:
    """The choices of the proposal form: programmes, audiences and (for an office) countries."""
    from curriculum.names import country_name

    catalogue = state.workspace.catalogue()
    audiences = list(dict.fromkeys(a for p in catalogue.programmes.values() for a in p.audiences))
    countries = reach(user)
    return {
        "programmes": [(p, programme_title(state, p, lang)) for p in catalogue.programmes],
        "audiences": audiences,
        "countries": None if countries is None else [(c, country_name(c, lang)) for c in countries],
    }


def page(
    request: Request, state: Web, user: User, values: dict[str, Any], errors: dict[str, str], *, status: int = 200
) -> Response:
    """The requests page: the list (filtered by `?status=`) and the proposal form with `values` and `errors`."""
    lang = language(request)
    shown = request.query_params.get("status") or None
    if shown not in REVIEW_STATUSES:
        shown = None
    listed = requests_review.requests(state.register, countries=reach(user), status=shown)
    context = {
        "requests": listed,
        "file_user": FILE_USER,
        "places": {r.request.id: place(r.request.city, r.request.country, lang) for r in listed},
        "statuses": REVIEW_STATUSES,
        "shown": shown,
        "titles": {p: programme_title(state, p, lang) for p in state.workspace.catalogue().programmes},
        "values": values,
        "errors": errors,
        "done": request.query_params.get("done", ""),
        "fields_named": (*FIELDS, "audiences", "interpretation"),
        **form_options(state, user, lang),
    }
    return render(request, "requests.html", context, status)


def place(city: str, country: str, lang: str) -> str:
    """The place as the documents write it ("City, Country"), in `lang`."""
    from curriculum.names import country_name
    from exports.labels import label

    return label("place", lang, city=city, country=country_name(country, lang))


def blank(user: User) -> dict[str, Any]:
    """The empty form: nothing chosen, except an office's country when it has only one."""
    countries = reach(user)
    values: dict[str, Any] = dict.fromkeys(FIELDS, "")
    values.update(country=countries[0] if countries and len(countries) == 1 else "", audiences=[], interpretation=False)
    return values


@router.get("/requests", include_in_schema=False)
def requests_page(request: Request, state: WebState, user: Reviewer) -> Response:
    """Every request the user may see with its review state, and the proposal form."""
    return page(request, state, user, blank(user), {})


@router.post("/requests", include_in_schema=False, dependencies=[Depends(csrf_checked)])
async def propose(request: Request, state: WebState, user: Reviewer) -> Response:
    """Store a proposal; every bad field is shown on the form with the values kept, nothing stored."""
    async with request.form() as form:
        values: dict[str, Any] = {name: str(form.get(name) or "").strip() for name in FIELDS}
        values["audiences"] = [str(a) for a in form.getlist("audiences") if a]
        values["interpretation"] = form.get("interpretation") == "1"
    texts = Texts(language(request))
    return await run_in_threadpool(_propose, request, state, user, values, texts)


def _propose(request: Request, state: Web, user: User, values: dict[str, Any], texts: Texts) -> Response:
    """The register calls of a proposal (in the threadpool): 303 to the list, or the form again with its errors."""
    errors: dict[str, str] = {}
    proposal = build_request(state, values, errors, texts)
    if proposal is not None:
        catalogue = state.workspace.catalogue()
        try:
            requests_review.propose_request(
                state.register, proposal, by=user.name, countries=reach(user), programmes=list(catalogue.programmes)
            )
        except InvalidInput as error:
            errors.update({problem.field or "form": problem.expected for problem in error.problems})
        except UsageError as error:  # beyond the user's countries, or an id taken: shown at the field it is about
            beyond = reach(user) is not None and proposal.country not in (reach(user) or [])
            errors["country" if beyond else "id"] = str(error)
    if errors:
        return page(request, state, user, values, errors, status=400)
    return RedirectResponse(f"/requests?done=proposed-{proposal.id if proposal else ''}", status_code=303)


def build_request(state: Web, values: dict[str, Any], errors: dict[str, str], texts: Texts) -> WorkshopRequest | None:
    """The scheduler Request the form describes, or None with `errors` filled (form field -> message)."""
    for name in ("programme", "country", "city", "earliest", "latest", "participants", "language"):
        if not values[name]:
            errors[name] = texts.t("web.requests.required")
    if not values["audiences"]:
        errors["audiences"] = texts.t("web.requests.pick_audience")
    if errors:
        return None
    country = values["country"].upper()
    data: dict[str, Any] = {
        "id": values["id"] or new_id(state, country, values["city"], values["programme"]),
        "country": country,
        "city": values["city"],
        "tz": values["tz"] or None,
        "programme": values["programme"],
        "language": values["language"],
        "audiences": values["audiences"],
        "participants": values["participants"],
        "window": {"earliest": values["earliest"], "latest": values["latest"]},
        "preferred_start": values["preferred_start"] or None,
        "priority": DEFAULT_PRIORITY,
        "partner": values["partner"] or None,
        "interpretation": values["interpretation"],
        "participant_languages": [
            code.strip() for code in re.split(r"[,\s]+", values["participant_languages"]) if code
        ],
    }
    try:
        return WorkshopRequest.model_validate(data)
    except ValidationError as error:
        for problem in error.errors():
            errors[form_field(problem["loc"])] = str(problem["msg"]).removeprefix("Value error, ")
        return None


def form_field(location: tuple[int | str, ...]) -> str:
    """The form field a pydantic error points at (window.earliest -> earliest; the whole model -> preferred_start)."""
    if not location:
        return "preferred_start"
    if location[0] == "window":
        return str(location[1]) if len(location) > 1 else "latest"
    return str(location[0])


def new_id(state: Web, country: str, city: str, programme: str) -> str:
    """An id from the country, city and programme (`ml-bamako-tot-5d`), numbered when that one is taken."""
    city_part = re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-") or "city"
    base = f"{country.lower()}-{city_part}-{programme}"[:60].strip("-.")
    taken = {reviewed.request.id for reviewed in requests_review.requests(state.register)}
    found, number = base, 2
    while found in taken:
        found, number = f"{base}-{number}", number + 1
    return found


@router.post("/requests/{request_id}/accept", include_in_schema=False, dependencies=[Depends(csrf_checked)])
async def accept(request: Request, request_id: str, state: WebState, user: Coordinator) -> Response:
    """Accept a request for planning, with a new priority (1-5) when the form gives one."""
    await _known(state, request_id)
    async with request.form() as form:
        given = str(form.get("priority") or "").strip()
    if given and not given.isdigit():
        raise InvalidInput(f"priority {given!r}: expected a number from 1 to 5")
    priority = int(given) if given else None
    await run_in_threadpool(lambda: requests_review.accept(state.register, request_id, by=user.name, priority=priority))
    return RedirectResponse(f"/requests?done=accepted-{request_id}", status_code=303)


@router.post("/requests/{request_id}/decline", include_in_schema=False, dependencies=[Depends(csrf_checked)])
async def decline(request: Request, request_id: str, state: WebState, user: Coordinator) -> Response:
    """Decline a request with the reason its office will read; without one requests_review refuses it (400)."""
    await _known(state, request_id)
    async with request.form() as form:
        reason = str(form.get("reason") or "").strip()
    await run_in_threadpool(lambda: requests_review.decline(state.register, request_id, reason=reason, by=user.name))
    return RedirectResponse(f"/requests?done=declined-{request_id}", status_code=303)


async def _known(state: Web, request_id: str) -> None:
    """404 for an id the register has no request under, as for any other missing thing (not a 400 message)."""
    if not await run_in_threadpool(requests_review.exists, state.register, request_id):
        raise HTTPException(404, "no such request")
