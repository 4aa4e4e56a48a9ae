"""`/workshops/{id}`: one workshop's page, and the lifecycle on the web: confirm, cancel, deliver with a roster.

The page shows what the register and the documents know (tiptrain.documents.Documents: the same team names
and agenda as the pack). Actions are the command line's (`tiptrain workshops confirm|cancel|deliver`) with the
same rules and messages; the user's name goes into the history. An upload is read by the same roster reader
as `deliver --roster` and is stored whole or not at all: every bad row and cell is listed on the page.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from curriculum.errors import InvalidInput, Problem, UsageError
from curriculum.models import in_language
from curriculum.names import country_name
from exports.labels import label
from scheduler.models import Workshop
from tiptrain.documents import Documents
from tiptrain.register.accounts import User
from tiptrain.web.auth import PageUser, ReachableWorkshop, csrf_checked, require
from tiptrain.web.i18n import language
from tiptrain.web.routes.workshop_documents import allowed_documents, document_languages, language_name
from tiptrain.web.security import body_limit
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
ROSTER_LIMIT = 2 * 1024 * 1024
"""Largest roster upload (the whole request body): 2 MiB, far above a workshop's few dozen rows."""
ROSTER_TYPES = {".csv": "CSV", ".xlsx": "XLSX"}
ZIP_MAGIC = b"PK\x03\x04"
"""An XLSX file is a zip archive; a CSV file is text and never starts like one."""
DONE = ("confirmed", "cancelled", "delivered", "replaced")
"""The notices a successful action redirects to (`?done=`): anything else in the query is ignored."""

Actor = Annotated[User, Depends(require("coordinator", "office"))]
"""Who may change a workshop: the coordinator, and an office for the workshops of its countries (reach)."""


@dataclass
class Outcome:
    """What the page says about the action just tried: a notice, warnings, the roster's problems."""

    notice: str = ""
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    upload: str = ""


@router.get("/workshops/{workshop_id}", include_in_schema=False)
def workshop_page(request: Request, workshop: ReachableWorkshop, user: PageUser, state: WebState) -> Response:
    """The workshop as this user may see it; `?done=` names the action that just succeeded."""
    done = request.query_params.get("done", "")
    outcome = Outcome(notice=f"web.workshop.done.{done}" if done in DONE else "")
    return show(request, state, user, workshop, outcome)


async def reason_field(request: Request) -> str:
    """The form's `reason` (read here, on the event loop, so that the handlers stay plain functions)."""
    form = await request.form()
    return str(form.get("reason") or "").strip()


Reason = Annotated[str, Depends(reason_field)]


@router.post("/workshops/{workshop_id}/confirm", include_in_schema=False, dependencies=[Depends(csrf_checked)])
def confirm(request: Request, workshop: ReachableWorkshop, user: Actor, state: WebState, reason: Reason) -> Response:
    """Confirm a planned workshop, with the optional `reason`, in the user's name."""
    return transition(request, state, user, workshop, status="confirmed", reason=reason)


@router.post("/workshops/{workshop_id}/cancel", include_in_schema=False, dependencies=[Depends(csrf_checked)])
def cancel(request: Request, workshop: ReachableWorkshop, user: Actor, state: WebState, reason: Reason) -> Response:
    """Cancel a planned or confirmed workshop, with the `reason`, in the user's name."""
    return transition(request, state, user, workshop, status="cancelled", reason=reason)


def transition(request: Request, state: Web, user: User, workshop: Workshop, *, status: str, reason: str) -> Response:
    """The change in the user's name, then 303 back; a change the lifecycle refuses re-shows the page (400)."""
    try:
        state.register.transition(workshop.id, status, reason or None, by=user.name)
    except UsageError as error:
        return show(request, state, user, workshop, Outcome(error=str(error)), status=400)
    return RedirectResponse(f"/workshops/{workshop.id}?done={status}", status_code=303)


@dataclass(frozen=True)
class Upload:
    """The roster field of a multipart form: the file's name as sent, its bytes, and `replace`."""

    name: str
    data: bytes
    replace: bool


async def uploaded(request: Request) -> Upload | None:
    """The `roster` file of the form (None when none was chosen), read whole, then the form closed.

    Listed before csrf_checked and the reach check, so that the form's temporary file is closed whatever
    they answer; the body limit runs before it.
    """
    async with request.form() as form:
        sent = form.get("roster")
        replace = form.get("replace") == "1"
        if not isinstance(sent, UploadFile) or not sent.filename:
            return None
        return Upload(Path(sent.filename.replace("\\", "/")).name, await sent.read(), replace)


@router.post(
    "/workshops/{workshop_id}/deliver",
    include_in_schema=False,
    dependencies=[Depends(body_limit(ROSTER_LIMIT)), Depends(uploaded), Depends(csrf_checked)],
)
def deliver(
    request: Request,
    workshop: ReachableWorkshop,
    user: Actor,
    state: WebState,
    upload: Annotated[Upload | None, Depends(uploaded)],
) -> Response:
    """Record the delivery with the uploaded roster (or replace a delivered one's with `replace=1`).

    Refused whole, with every bad row and cell on the page (422), a file of the wrong type (415), or a
    workshop the lifecycle does not let deliver (400); nothing is stored then.
    """
    if upload is None:
        missing = Outcome(error=label("web.workshop.upload.missing", language(request)))
        return show(request, state, user, workshop, missing, status=400)
    wrong = wrong_type(upload, workshop)
    if wrong:
        formats = ", ".join(ROSTER_TYPES.values())
        outcome = Outcome(error=label("web.workshop.upload.type", language(request), formats=formats))
        return show(request, state, user, workshop, outcome, status=415)
    try:
        done, warnings = record(state, user, workshop, upload)
    except InvalidInput as error:
        outcome = Outcome(problems=error.problems, upload=upload.name)
        return show(request, state, user, workshop, outcome, status=422)
    except UsageError as error:
        return show(request, state, user, workshop, Outcome(error=str(error)), status=400)
    if warnings:
        outcome = Outcome(notice=f"web.workshop.done.{done}", warnings=warnings)
        return show(request, state, user, state.register.workshop(workshop.id), outcome)
    return RedirectResponse(f"/workshops/{workshop.id}?done={done}", status_code=303)


def wrong_type(upload: Upload, workshop: Workshop) -> bool:
    """Whether the file is not what its name says: XLSX is a zip archive, CSV is text in a known encoding."""
    from tiptrain.register.professions import likely_code_pages

    suffix = Path(upload.name).suffix.lower()
    if suffix not in ROSTER_TYPES:
        return True
    if suffix == ".xlsx":
        return not upload.data.startswith(ZIP_MAGIC)
    if b"\x00" in upload.data or upload.data.startswith(ZIP_MAGIC):
        return True
    for encoding in ("utf-8", *likely_code_pages(workshop.language)):
        try:
            upload.data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        return False
    return True


def record(state: Web, user: User, workshop: Workshop, upload: Upload) -> tuple[str, list[str]]:
    """Read the roster as `tiptrain workshops deliver` does and store it: ("delivered" | "replaced", warnings)."""
    from tiptrain.date_warnings import early_roster
    from tiptrain.register.lifecycle import check_deliverable
    from tiptrain.register.roster import read_roster_file

    replace = upload.replace and workshop.status == "delivered"
    if not replace:
        check_deliverable(workshop.id, workshop.status)  # before reading the file: say what to do first
    programme = state.workspace.catalogue().programmes.get(workshop.programme)
    audiences = list(programme.audiences) if programme is not None else None
    tot = programme is not None and programme.trains_trainers
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="tiptrain-roster-") as folder:
        path = Path(folder) / f"roster{suffix}"
        path.write_bytes(upload.data)
        try:
            read = read_roster_file(path, workshop, audiences, trains_trainers=tot)
        except InvalidInput as error:
            raise InvalidInput([_named(problem, str(path), upload.name) for problem in error.problems]) from None
        warnings = [line.replace(str(path), upload.name) for line in read.warnings]
    if replace:
        state.register.replace_roster(workshop.id, read.participants, by=user.name)
    else:
        state.register.deliver(workshop.id, read.participants, by=user.name)
    early = early_roster(workshop, state.register.today())
    return ("replaced" if replace else "delivered"), [*warnings, *([early] if early else [])]


def _named(problem: Problem, temporary: str, name: str) -> Problem:
    """The problem with the uploaded file's name where the reader saw the temporary file's path."""
    return Problem(problem.file.replace(temporary, name), problem.line, problem.field, problem.value, problem.expected)


def show(
    request: Request, state: Web, user: User, workshop: Workshop, outcome: Outcome, *, status: int = 200
) -> Response:
    """The workshop page with `outcome` (a notice, an error, the roster's problems) at the top."""
    lang = language(request)
    documents = Documents.of(state.workspace.settings(), state.workspace.catalogue())
    context = {
        "w": workshop,
        "title": _title(documents, workshop, lang),
        "place": label("place", lang, city=workshop.city, country=country_name(workshop.country, lang)),
        "language_name": language_name(workshop.language, lang),
        "team": documents.team_names(workshop) if user.sees_personal_data else [],
        "agenda": agenda_days(documents, workshop, lang),
        "history": history(state, workshop, user),
        "roster": roster_summary(state, workshop, user, documents, lang),
        "actions": actions(user, workshop),
        "documents": downloads(user, workshop, lang),
        "outcome": outcome,
        "roster_limit_mb": ROSTER_LIMIT // (1024 * 1024),
        "roster_types": ", ".join(ROSTER_TYPES.values()),
    }
    return render(request, "workshop.html", context, status)


def _title(documents: Documents, workshop: Workshop, lang: str) -> str:
    programme = documents.catalogue.programmes.get(workshop.programme)
    return in_language(programme.title, lang) if programme is not None else workshop.programme


def agenda_days(documents: Documents, workshop: Workshop, lang: str) -> list[dict[str, Any]]:
    """The agenda as the pack prints it: in the page's language, or the workshop's when the catalogue lacks it."""
    from exports.reach import text_language
    from exports.text import plain

    try:
        agenda = documents.agenda(workshop, text_language(lang, workshop.language))
    except (UsageError, InvalidInput, KeyError):
        return []  # a programme no longer in the catalogue: the page still shows the rest
    days = []
    for day in agenda.days:
        sessions = []
        for session in day.sessions:
            title = (
                label(f"session.{session.kind}", lang)
                if not session.unit
                else label("session.unit", lang, unit=session.unit, title=plain(session.title))
            )
            if session.parts:
                title = label("session.part", lang, title=title, part=session.part, parts=session.parts)
            sessions.append({"start": session.start, "end": session.end, "title": title, "kind": session.kind})
        days.append({"date": day.date, "sessions": sessions})
    return days


def history(state: Web, workshop: Workshop, user: User) -> list[dict[str, Any]]:
    """Every change, oldest first, with who made it (hidden from viewers: a name is personal data)."""
    return [
        {
            "at": change.at,
            "old": change.old,
            "new": change.new,
            "reason": change.reason,
            "actor": change.actor,
            "shown": user.sees_personal_data,  # the template shows "—" to a viewer
        }
        for change in state.register.history(workshop.id)
    ]


def roster_summary(state: Web, workshop: Workshop, user: User, documents: Documents, lang: str) -> dict[str, Any]:
    """Counts by profession and sex for everyone; the names only for users who see personal data."""
    people = state.register.participants(workshop.id)
    threshold = documents.settings.file.certificates.threshold
    professions = Counter(person.profession for person in people)
    sexes = Counter(person.sex for person in people)
    return {
        "total": len(people),
        "present": sum(person.attended() for person in people),
        "certificates": sum(person.earns_certificate(threshold) for person in people),
        "professions": [(label(f"profession.{key}", lang), n) for key, n in professions.most_common()],
        "sexes": [(label(f"sex.{key}", lang), n) for key, n in sorted(sexes.items())],
        "people": [
            {
                "name": person.name,
                "organisation": person.organisation,
                "profession": label(f"profession.{person.profession}", lang),
                "days": sum(person.attendance),
            }
            for person in people
        ]
        if user.sees_personal_data
        else [],
    }


def actions(user: User, workshop: Workshop) -> dict[str, bool]:
    """Which forms the page offers: by role (coordinator, office in reach) and by the workshop's status."""
    may = user.role in ("coordinator", "office")
    return {
        "confirm": may and workshop.status == "planned",
        "cancel": may and workshop.status in ("planned", "confirmed"),
        "deliver": may and workshop.status == "confirmed",
        "replace": may and workshop.status == "delivered",
    }


def downloads(user: User, workshop: Workshop, lang: str) -> dict[str, Any]:
    """The documents this user may download, and the languages offered (the page's first when a document has it)."""
    kinds = allowed_documents(user, workshop)
    offered = document_languages(lang)
    default = workshop.language if workshop.language in dict(offered) else offered[0][0]
    return {"kinds": kinds, "languages": offered, "default": default}
