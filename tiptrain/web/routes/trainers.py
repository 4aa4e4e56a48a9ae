"""A trainer's pages: `GET /trainers/{id}` (schedule, days away, calendar subscription) and its availability.

Only the coordinator and the trainer user whose trainer id it is may open them (others 403); an id the
register does not hold answers 404. The trainer is read from the register (requests_review), which the
team edits on the web; `tiptrain plan` imports the workspace files into it first. Saving the availability
replaces every range at once through requests_review.set_unavailable: one bad row and nothing is stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import RedirectResponse, Response

from curriculum.errors import InvalidInput, UsageError
from scheduler.models import Trainer
from tiptrain.register import requests_review
from tiptrain.register.accounts import User
from tiptrain.web.auth import PageUser, csrf_checked
from tiptrain.web.i18n import Texts, language
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
EMPTY_ROWS = 3
"""Empty rows the availability form offers for new ranges."""
ROW_FIELD = re.compile(r"^(from|to|remove)_(\d{1,3})$")


def trainer_in_reach(trainer_id: str, user: PageUser, state: WebState) -> Trainer:
    """The trainer of the path, when the user is the coordinator or that trainer: 403 for others, 404 if unknown."""
    if not (user.role == "coordinator" or (user.role == "trainer" and user.trainer == trainer_id)):
        raise HTTPException(403, "only the coordinator and the trainer may open a trainer's pages")
    found = {trainer.id: trainer for trainer in requests_review.trainers(state.register)}.get(trainer_id)
    if found is None:
        raise HTTPException(404, "no such trainer")
    return found


def programme_title(state: Web, programme: str, lang: str) -> str:
    """A programme's title in `lang` from the catalogue (its id when the catalogue lacks it)."""
    from curriculum.models import in_language

    found = state.workspace.catalogue().programmes.get(programme)
    return in_language(found.title, lang) if found is not None else programme


def feed_urls(request: Request, state: Web, trainer_id: str) -> tuple[str, str]:
    """The trainer's calendar subscription as an https/http URL and as webcal:// (calendar apps open it)."""
    token = state.accounts.feed_token("trainer", trainer_id)
    url = str(request.base_url).rstrip("/") + f"/feeds/{token}.ics"
    return url, "webcal://" + url.split("://", 1)[1]


def schedule(request: Request, state: Web, trainer_id: str) -> list[dict[str, Any]]:
    """The trainer's workshops of the register, in date order, as the page lists them."""
    from curriculum.names import country_name
    from exports.labels import label

    lang = language(request)
    mine = sorted((w for w in state.register.workshops() if trainer_id in w.trainers), key=lambda w: (w.start, w.id))
    return [
        {
            "id": w.id,
            "start": w.start,
            "end": w.end,
            "programme": programme_title(state, w.programme, lang),
            "place": label("place", lang, city=w.city, country=country_name(w.country, lang)),
            "status": w.status,
        }
        for w in mine
    ]


@router.get("/trainers/{trainer_id}", include_in_schema=False)
def trainer_page(request: Request, user: PageUser, state: WebState, trainer_id: str) -> Response:
    """The trainer's schedule, their days away and their calendar feed."""
    trainer = trainer_in_reach(trainer_id, user, state)
    url, webcal = feed_urls(request, state, trainer.id)
    context = {
        "trainer": trainer,
        "workshops": schedule(request, state, trainer.id),
        "ranges": requests_review.unavailable(state.register, trainer.id),
        "feed_url": url,
        "webcal_url": webcal,
        "rotated": request.query_params.get("rotated") == "1",
    }
    return render(request, "trainer.html", context)


@router.post("/trainers/{trainer_id}/feed/rotate", include_in_schema=False, dependencies=[Depends(csrf_checked)])
def rotate_feed(user: PageUser, state: WebState, trainer_id: str) -> Response:
    """A new feed token for the trainer: the old URL answers 404 from now on."""
    trainer = trainer_in_reach(trainer_id, user, state)
    state.accounts.rotate_feed("trainer", trainer.id)
    return RedirectResponse(f"/trainers/{trainer.id}?rotated=1", status_code=303)


@dataclass
class FormRow:
    """One row of the availability form as typed, with what is wrong with it."""

    first: str
    last: str
    remove: bool = False
    error: str = ""


def rows_of(ranges: list[tuple[date, date]]) -> list[FormRow]:
    """The stored ranges as form rows, plus EMPTY_ROWS empty rows to add new ones."""
    return [FormRow(first.isoformat(), last.isoformat()) for first, last in ranges] + [
        FormRow("", "") for _ in range(EMPTY_ROWS)
    ]


def availability_context(trainer: Trainer, rows: list[FormRow], saved: bool = False) -> dict[str, Any]:
    """What availability.html shows: the rows as typed or stored, and those with a problem."""
    return {"trainer": trainer, "rows": rows, "saved": saved, "errors": [r for r in rows if r.error]}


@router.get("/trainers/{trainer_id}/availability", include_in_schema=False)
def availability_page(request: Request, user: PageUser, state: WebState, trainer_id: str) -> Response:
    """The trainer's unavailable ranges as a form."""
    trainer = trainer_in_reach(trainer_id, user, state)
    rows = rows_of(requests_review.unavailable(state.register, trainer.id))
    return render(
        request, "availability.html", availability_context(trainer, rows, request.query_params.get("saved") == "1")
    )


@router.post("/trainers/{trainer_id}/availability", include_in_schema=False, dependencies=[Depends(csrf_checked)])
async def save_availability(request: Request, user: PageUser, state: WebState, trainer_id: str) -> Response:
    """Replace the trainer's ranges with the form's; every bad row is named on the page and nothing is stored."""
    from starlette.concurrency import run_in_threadpool

    trainer = await run_in_threadpool(trainer_in_reach, trainer_id, user, state)
    async with request.form() as form:
        fields = {key: str(value) for key, value in form.multi_items() if isinstance(value, str)}
    texts = Texts(language(request))
    rows = read_rows(fields, texts, state.register.today())
    if any(row.error for row in rows):
        return render(request, "availability.html", availability_context(trainer, rows), 400)
    ranges = [(date.fromisoformat(r.first), date.fromisoformat(r.last)) for r in rows if r.first and not r.remove]
    await run_in_threadpool(_store, state, trainer.id, ranges, user)
    return RedirectResponse(f"/trainers/{trainer.id}/availability?saved=1", status_code=303)


def _store(state: Web, trainer_id: str, ranges: list[tuple[date, date]], user: User) -> None:
    requests_review.set_unavailable(state.register, trainer_id, ranges, by=user.name)


def read_rows(fields: dict[str, str], texts: Texts, today: date) -> list[FormRow]:
    """The form's rows in order, each checked: both days given as dates, in order, in the sane window."""
    found: dict[int, dict[str, str]] = {}
    for key, value in fields.items():
        match = ROW_FIELD.match(key)
        if match:
            found.setdefault(int(match.group(2)), {})[match.group(1)] = value.strip()
    rows = []
    for number in sorted(found):
        given = found[number]
        row = FormRow(given.get("from", ""), given.get("to", ""), bool(given.get("remove")))
        if not row.remove and (row.first or row.last):
            row.error = _row_error(row, number + 1, texts, today)
        rows.append(row)
    return rows


def _row_error(row: FormRow, number: int, texts: Texts, today: date) -> str:
    """What is wrong with one kept row, in the page's language ("" when nothing)."""
    try:
        first, last = date.fromisoformat(row.first), date.fromisoformat(row.last)
    except ValueError:
        return texts.t("web.availability.bad_date", row=number)
    if last < first:
        return texts.t("web.availability.reversed", row=number)
    try:
        requests_review.check_ranges([(first, last)], today)
    except (InvalidInput, UsageError) as error:
        problems = getattr(error, "problems", [])
        detail = problems[0].expected if problems else str(error)
        return texts.t("web.availability.outside", row=number, detail=detail)
    return ""
