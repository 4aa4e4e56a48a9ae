"""`GET /feeds/{token}.ics`: the plan's or a trainer's calendar, the same bytes `tiptrain export ics` writes.

The calendar's DTSTAMP is the time of the register's latest workshop change rather than the clock, so the
bytes, the ETag and Last-Modified stay the same until something changes, and clients polling with
If-None-Match or If-Modified-Since get 304. An unknown or rotated token answers 404.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import func, select

from tiptrain.documents import Documents
from tiptrain.register.orm import WorkshopRow
from tiptrain.web.i18n import LANGUAGES
from tiptrain.web.state import Web, WebState

router = APIRouter()
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
"""The stamp of an empty register's feed."""


def last_change(state: Web) -> datetime:
    """When a workshop of the register last changed (to the second, as HTTP dates are)."""
    with state.register.transaction() as session:
        latest = session.scalar(select(func.max(WorkshopRow.updated_at)))
    stamp = latest or EPOCH
    return stamp.astimezone(UTC).replace(microsecond=0)


def calendar(state: Web, kind: str, trainer_id: str | None, stamp: datetime, lang: str) -> bytes:
    """The feed's iCalendar; 404 when the trainer is no longer in the workspace."""
    documents = Documents.of(state.workspace.settings(), state.workspace.catalogue())
    workshops = state.register.workshops()
    if kind == "plan":
        return documents.plan_ics(workshops, stamp, lang)
    trainer = documents.trainers.get(trainer_id or "")
    if trainer is None:
        raise HTTPException(404, "no such feed")
    return documents.trainer_ics(trainer, workshops, stamp, lang)


def not_modified(request: Request, etag: str, stamp: datetime) -> bool:
    """Whether the client's copy is current: If-None-Match wins over If-Modified-Since (RFC 9110)."""
    match = request.headers.get("if-none-match")
    if match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
        return "*" in tags or etag in tags
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return stamp <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


@router.get("/feeds/{name}", include_in_schema=False)
def feed(name: str, request: Request, state: WebState) -> Response:
    """The calendar for the token in `name` (TOKEN.ics); `?lang=` as `export ics --lang`."""
    token = name.removesuffix(".ics")
    target = state.accounts.feed_target(token) if name.endswith(".ics") and token else None
    if target is None:
        raise HTTPException(404, "no such feed")
    lang = request.query_params.get("lang", "en")
    stamp = last_change(state)
    body = calendar(state, target[0], target[1], stamp, lang if lang in LANGUAGES else "en")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Last-Modified": format_datetime(stamp, usegmt=True), "Cache-Control": "no-cache"}
    if not_modified(request, etag, stamp):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="text/calendar; charset=utf-8", headers=headers)
