"""`GET /verify/{code}` and `GET /verify?code=`: anyone checks a certificate (SPEC 10), no login needed.

The QR code of a certificate holds `[programme] verify_url` + code, so `/verify/<code>` is the URL a phone
opens. The answer is `Register.verify_certificate`'s: valid, revoked (with date and reason), erased on the
holder's request, withdrawn from the roster, or unknown (404). The page shows only what the certificate
itself shows (holder's name, programme, dates, place); nothing else of the holder or the workshop.
Lookups are limited per client address in the register (Accounts.allow_lookup), so the limit holds
across every process; over it the page answers 429.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from curriculum.names import country_name
from exports.labels import label
from tiptrain.register.certs import Verification
from tiptrain.web.i18n import language
from tiptrain.web.state import Web, WebState
from tiptrain.web.templating import render

router = APIRouter()
LONGEST_CODE = 400
"""Longer input is no code nor verification URL: answered unknown without asking the register."""


@router.get("/verify", include_in_schema=False)
def verify_form(request: Request, state: WebState, code: str = "") -> Response:
    """The form; with `?code=` (a GET form, so it works without login and without JavaScript) the check."""
    if not code.strip():
        return render(request, "verify.html", {"code": "", "found": None})
    return _check(request, state, code)


@router.get("/verify/{code:path}", include_in_schema=False)
def verify_code(request: Request, state: WebState, code: str) -> Response:
    """The check of the code in the path: the URL a certificate's QR code holds."""
    return _check(request, state, code)


def _check(request: Request, state: Web, code: str) -> Response:
    client = request.client.host if request.client else "unknown"
    if not state.accounts.allow_lookup(client):
        return render(request, "verify.html", {"code": "", "found": None, "limited": True}, 429)
    typed = code if len(code) <= LONGEST_CODE and "\x00" not in code else ""
    found = state.register.verify_certificate(typed) if typed.strip() else None
    if found is None or found.status == "unknown":
        context = {"code": typed[:60], "found": {"status": "unknown"}}
        return render(request, "verify.html", context, 404)
    return render(request, "verify.html", {"code": found.code, "found": _shown(found, language(request), state)})


def _shown(found: Verification, lang: str, state: Web) -> dict[str, Any]:
    """What the page may show: the certificate's own fields, the programme's title in the page's language."""
    from curriculum.models import in_language

    programme = state.workspace.catalogue().programmes.get(found.programme or "")
    title = in_language(programme.title, lang) if programme is not None else found.programme
    place = label("place", lang, city=found.city or "", country=country_name(found.country or "", lang))
    return {
        "status": found.status,
        "code": found.code,
        "holder": found.holder if found.status in ("valid", "revoked") else None,
        "programme": title,
        "start": found.start,
        "end": found.end,
        "place": place,
        "revoked_at": found.revoked_at.date() if found.revoked_at is not None else None,
        "reason": found.reason if found.status == "revoked" else None,
    }
