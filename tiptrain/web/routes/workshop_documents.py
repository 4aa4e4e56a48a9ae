"""`GET /workshops/{id}/pack.pdf`, `/signin.pdf`, `/certificates.pdf` (`?lang=`): the CLI's documents.

The bytes are `tiptrain export pack|signin|certificates`'s: the same tiptrain.documents.Documents call with
the same arguments (A4, the register's roster). Making a PDF takes a moment, so the handlers are plain
functions and run in the threadpool, never on the event loop.

Who gets which: every document names people (the pack its trainers, the sign-in sheets the roster once
there is one, the certificates the participants), so a viewer, who sees no personal data, gets none (403).
Certificates exist only for a delivered workshop (409 before).
"""

from __future__ import annotations

import re

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from curriculum.errors import UsageError
from scheduler.models import Workshop
from tiptrain.documents import Documents
from tiptrain.register.accounts import User
from tiptrain.web.auth import PageUser, ReachableWorkshop
from tiptrain.web.i18n import NATIVE_NAMES
from tiptrain.web.state import Web, WebState

router = APIRouter()
KINDS = ("pack", "signin", "certificates")
"""The documents of a workshop, in the order the page offers them."""
_UNSAFE = re.compile(r"[^A-Za-z0-9_]+")


def allowed_documents(user: User, workshop: Workshop) -> list[str]:
    """The documents `user` may download for `workshop` (in reach already): none for a viewer."""
    if not user.sees_personal_data:
        return []
    return [kind for kind in KINDS if kind != "certificates" or workshop.status == "delivered"]


def document_languages(page_lang: str) -> list[tuple[str, str]]:
    """(code, name) of every language a document can be printed in (`export --lang`): the six, then the rest."""
    from exports.labels import languages

    codes = sorted(languages(), key=lambda code: (code not in NATIVE_NAMES, code))
    return [(code, language_name(code, page_lang)) for code in codes]


def language_name(code: str, page_lang: str) -> str:
    """A language's name in the page's language (babel), or its code when babel does not know it."""
    from exports.labels import locale

    found = locale(code)
    if str(found.language) != code:
        return code  # babel stood English in for an unknown code
    return str(found.get_display_name(locale(page_lang)) or code)


def file_name(kind: str, workshop: Workshop, lang: str) -> str:
    """`pack-W-ml-bamako-fr.pdf`: ASCII letters, digits, underscores and single dashes (safe in a header, on disk)."""
    return _UNSAFE.sub("-", f"{kind}-{workshop.id}-{lang}").strip("-") + ".pdf"


def pdf(data: bytes, kind: str, workshop: Workshop, lang: str) -> Response:
    """The PDF as an attachment; not cached on the way (it may carry names)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{file_name(kind, workshop, lang)}"',
        "Cache-Control": "no-store",
    }
    return Response(data, media_type="application/pdf", headers=headers)


def chosen(request: Request, workshop: Workshop) -> str:
    """`?lang=` when a document can be printed in it, the workshop's language without it; 400 otherwise."""
    from exports.labels import languages

    lang = request.query_params.get("lang") or workshop.language
    if lang not in languages():
        raise UsageError(f"no document language {lang!r}: use one of {', '.join(languages())}")
    return lang


def permitted(user: User, workshop: Workshop, kind: str) -> None:
    """403 for a viewer (documents name people), 409 for certificates before delivery."""
    if not user.sees_personal_data:
        raise HTTPException(403, "documents with names are not shown to viewers")
    if kind == "certificates" and workshop.status != "delivered":
        raise HTTPException(409, f"{workshop.id} is {workshop.status}: certificates come with the delivered roster")


def documents(state: Web) -> Documents:
    """The workspace's documents as `tiptrain export` makes them."""
    return Documents.of(state.workspace.settings(), state.workspace.catalogue())


@router.get("/workshops/{workshop_id}/pack.pdf", include_in_schema=False)
def pack(request: Request, workshop: ReachableWorkshop, user: PageUser, state: WebState) -> Response:
    """The participant pack (`tiptrain export pack`)."""
    permitted(user, workshop, "pack")
    lang = chosen(request, workshop)
    return pdf(documents(state).pack(workshop, lang), "pack", workshop, lang)


@router.get("/workshops/{workshop_id}/signin.pdf", include_in_schema=False)
def signin(request: Request, workshop: ReachableWorkshop, user: PageUser, state: WebState) -> Response:
    """The sign-in sheets, roster names filled in once delivered (`tiptrain export signin`)."""
    permitted(user, workshop, "signin")
    lang = chosen(request, workshop)
    roster = state.register.participants(workshop.id)
    return pdf(documents(state).signin(workshop, roster, lang), "signin", workshop, lang)


@router.get("/workshops/{workshop_id}/certificates.pdf", include_in_schema=False)
def certificates(request: Request, workshop: ReachableWorkshop, user: PageUser, state: WebState) -> Response:
    """Certificates of a delivered workshop (`tiptrain export certificates`)."""
    permitted(user, workshop, "certificates")
    lang = chosen(request, workshop)
    roster = state.register.participants(workshop.id)
    data = documents(state).certificates(workshop, roster, lang, register=state.register)
    return pdf(data, "certificates", workshop, lang)
