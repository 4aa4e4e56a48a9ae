"""`GET /outbox` and `POST /outbox/send` (coordinator): the trainers' invitations, and sending them (SPEC 11).

The page lists what `tiptrain notify list` lists: messages waiting (pending, or interrupted while sending)
and sent, each with the address it goes or went to, and the trainers who cannot be reached. "Send now"
runs `tiptrain notify send`'s own code (tiptrain.notify.send_outbox through the `[mail]` SMTP server), so
a message is marked sent only once the server accepted it; a failure (no [mail], no password, a refusal)
is shown on the page and the messages stay pending for the next try.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from curriculum.errors import UsageError
from tiptrain.register.accounts import User
from tiptrain.register.outbox import SENT, OutboxEntry, list_outbox
from tiptrain.web.auth import csrf_checked, require
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
Coordinator = Annotated[User, Depends(require("coordinator"))]


@router.get("/outbox", include_in_schema=False)
def outbox(request: Request, user: Coordinator, state: WebState) -> Response:
    """The pending and sent messages."""
    return render(request, "outbox.html", _context(state, result=None))


@router.post("/outbox/send", include_in_schema=False, dependencies=[Depends(csrf_checked)])
def send_now(request: Request, user: Coordinator, state: WebState) -> Response:
    """Send every waiting message through `[mail]` now, as `tiptrain notify send` does, and show the result."""
    from tiptrain.documents import Documents
    from tiptrain.notify import send_outbox, smtp_transport

    settings = state.workspace.settings()
    try:
        transport = smtp_transport(settings)
        report = send_outbox(settings, Documents.of(settings, state.workspace.catalogue()), transport)
    except UsageError as problem:  # no [mail], no password, another sender running: nothing was sent
        result: dict[str, Any] = {"sent": 0, "failure": str(problem), "refused": [], "unreachable": []}
        return render(request, "outbox.html", _context(state, result), 200)
    result = {
        "sent": len(report.sent),
        "failure": report.stopped,
        "refused": [(entry.trainer, entry.workshop, entry.error or "") for entry in report.refused],
        "unreachable": sorted({entry.trainer for entry in report.unreachable}),
    }
    return render(request, "outbox.html", _context(state, result))


def _context(state: Web, result: dict[str, Any] | None) -> dict[str, Any]:
    """The rows of the page, waiting first, each with where it goes; and the result of a send."""
    with state.register.transaction() as session:
        entries = list_outbox(session)
    addresses = _addresses(state)
    rows = [_row(entry, addresses) for entry in entries]
    return {
        "waiting": [row for row in rows if row["state"] != SENT],
        "sent": [row for row in rows if row["state"] == SENT],
        "unreachable": sorted({row["trainer"] for row in rows if not row["reachable"]}),
        "has_mail": state.workspace.settings().file.mail is not None,
        "result": result,
    }


def _addresses(state: Web) -> dict[str, str | None]:
    """Each trainer's e-mail as the sender resolves it now (trainers.yaml); absent when not in the file."""
    from scheduler.inputs import load_trainers

    path = state.workspace.settings().trainers_path
    return {trainer.id: trainer.email for trainer in load_trainers(path)} if path.exists() else {}


def _row(entry: OutboxEntry, addresses: dict[str, str | None]) -> dict[str, Any]:
    """An entry as `notify list` shows it: the address it went to, or will go to, or unreachable."""
    waiting = entry.state != SENT
    address = entry.recipient if entry.state != "pending" else addresses.get(entry.trainer)
    reachable = not waiting or address is not None
    return {
        "id": entry.id,
        "workshop": entry.workshop,
        "trainer": entry.trainer,
        "method": entry.method,
        "sequence": entry.sequence,
        "state": entry.state,
        "address": address,
        "sent_at": entry.sent_at,
        "error": entry.error or "",
        "reachable": reachable,
    }
