"""`GET/POST /login`, `POST /logout` (SPEC 9): form fields username, password, csrf_token (and next)."""

from __future__ import annotations

import contextlib
import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from itsdangerous import BadSignature

from tiptrain.web.auth import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    Signed,
    csrf_checked,
    safe_next,
    same,
    set_cookie,
)
from tiptrain.web.state import WebState
from tiptrain.web.templating import render

router = APIRouter()


def _login_page(request: Request, next_path: str, error: str | None = None, status: int = 200) -> Response:
    """The login form, with a fresh anonymous CSRF token in its field and in a cookie (double submit)."""
    token = secrets.token_urlsafe(32)
    request.state.login_csrf = token
    response = render(request, "login.html", {"next": next_path, "error": error}, status)
    set_cookie(response, request, LOGIN_CSRF_COOKIE, token)
    return response


@router.get("/login", include_in_schema=False)
def login_form(request: Request, signed: Signed, next: str = "/") -> Response:
    """The login page; a signed-in user goes straight on."""
    if signed is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return _login_page(request, safe_next(next))


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    state: WebState,
    *,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    """Check the password; on success a NEW session (the old one ends) and 303 to `next` (local only)."""
    if not same(request.cookies.get(LOGIN_CSRF_COOKIE, ""), csrf_token):
        raise HTTPException(403, "the login form has expired; reload the page")
    client = request.client.host if request.client else "unknown"
    user = state.accounts.authenticate(username, password, client)  # LoginLimited -> 429 page
    if user is None:
        return _login_page(request, safe_next(next), "web.login.failed", status=400)
    old = request.cookies.get(SESSION_COOKIE)
    if old:
        with contextlib.suppress(BadSignature, UnicodeDecodeError):  # a forged cookie has no session to end
            state.accounts.close_session(state.signer.unsign(old).decode("ascii"))
    sid, _ = state.accounts.open_session(user)
    response = RedirectResponse(safe_next(next), status_code=303)
    set_cookie(response, request, SESSION_COOKIE, state.signer.sign(sid).decode("ascii"))
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")
    return response


@router.post("/logout", include_in_schema=False, dependencies=[Depends(csrf_checked)])
def logout(signed: Signed, state: WebState) -> Response:
    """End the session here and in every process; back to the login page."""
    if signed is not None:
        state.accounts.close_session(signed.sid)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
