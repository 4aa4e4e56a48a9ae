"""Who is asking: FastAPI dependencies for pages (session cookie) and the API (bearer token).

Pages:   `user: User = Depends(page_user)`            no session -> 303 to /login?next=<this page>
API:     `user: User = Depends(api_user)`             no or bad token -> 401 JSON
Roles:   `user: User = Depends(require("coordinator", "office"))`   others -> 403 (api=True for the API)
Reach:   `workshop: Workshop = Depends(workshop_in_reach)`  path parameter `workshop_id`; out of reach -> 404,
         the same answer as a workshop that does not exist (`api_workshop_in_reach` for the API)
POSTs:   `dependencies=[Depends(csrf_checked)]`        no valid `csrf_token` form field -> 403

The session cookie holds the session id signed with the register's key (itsdangerous); the register holds
only its SHA-256, the user and the CSRF token, so every process of one register knows every session. The
cookie is HttpOnly, SameSite=Lax, path /, and Secure when the request came over HTTPS: directly, or through
a reverse proxy that sends `X-Forwarded-Proto: https` from an address in FORWARDED_ALLOW_IPS (uvicorn's
proxy headers; `tiptrain serve` turns them on), or always with TIPTRAIN_SECURE_COOKIES=1.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlsplit

from fastapi import Depends, HTTPException, Request, Response
from itsdangerous import BadSignature

from curriculum.errors import UsageError
from scheduler.models import Workshop
from tiptrain.register.accounts import User
from tiptrain.web.state import Web, WebState

SESSION_COOKIE = "tiptrain_session"
LOGIN_CSRF_COOKIE = "tiptrain_login_csrf"
SECURE_ENV = "TIPTRAIN_SECURE_COOKIES"


class Redirect(HTTPException):
    """Answer 303 See Other to `location` (a local path)."""

    def __init__(self, location: str) -> None:
        super().__init__(303, "See Other", headers={"Location": location})


@dataclass(frozen=True)
class SignedIn:
    """A live session: its user, its CSRF token and its id (from the cookie)."""

    user: User
    csrf: str
    sid: str


def secure(request: Request) -> bool:
    """Whether cookies must be marked Secure for this request."""
    return request.url.scheme == "https" or os.environ.get(SECURE_ENV) == "1"


def set_cookie(response: Response, request: Request, name: str, value: str, max_age: int | None = None) -> None:
    """A cookie as every cookie of the app is set: HttpOnly, SameSite=Lax, path /, Secure over HTTPS."""
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax", secure=secure(request), path="/")


def signed_in(request: Request, state: WebState) -> SignedIn | None:
    """The request's live session, or None (read once per request, then kept on request.state)."""
    if hasattr(request.state, "signed_in"):
        found: SignedIn | None = request.state.signed_in
        return found
    found = None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        try:
            sid = state.signer.unsign(cookie).decode("ascii")
        except (BadSignature, UnicodeDecodeError):
            sid = ""
        session = state.accounts.session(sid) if sid else None
        if session is not None:
            found = SignedIn(session[0], session[1], sid)
    request.state.signed_in = found
    return found


Signed = Annotated[SignedIn | None, Depends(signed_in)]
"""Parameter type: the live session or None, without redirecting (the login page uses it)."""


def here(request: Request) -> str:
    """The request's local path and query, as a `next=` value."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def page_user(request: Request, signed: Signed) -> User:
    """The signed-in user of a page; without a session, 303 to the login page and back here after."""
    if signed is None:
        raise Redirect(f"/login?next={quote(here(request), safe='')}")
    return signed.user


def api_user(request: Request, state: WebState) -> User:
    """The user of an API call by `Authorization: Bearer TOKEN`; 401 without a valid token."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    user = state.accounts.user_for_token(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if user is None:
        raise HTTPException(401, "a valid bearer token is needed", headers={"WWW-Authenticate": "Bearer"})
    request.state.api_user = user
    return user


PageUser = Annotated[User, Depends(page_user)]
"""Parameter type of a page's user: `user: PageUser` (303 to the login page without a session)."""
ApiUser = Annotated[User, Depends(api_user)]
"""Parameter type of an API call's user: `user: ApiUser` (401 without a valid bearer token)."""


def require(*roles: str, api: bool = False) -> Callable[..., User]:
    """A dependency: the user, when their role is one of `roles`; 403 otherwise."""
    source = api_user if api else page_user

    def allowed(user: Annotated[User, Depends(source)]) -> User:
        if user.role not in roles:
            raise HTTPException(403, "your role may not do this")
        return user

    return allowed


def _reachable(state: Web, user: User, workshop_id: str) -> Workshop:
    try:
        workshop = state.register.workshop(workshop_id)
    except UsageError:
        workshop = None
    if workshop is None or not user.reaches(workshop):
        raise HTTPException(404, "no such workshop")
    return workshop


def workshop_in_reach(workshop_id: str, user: PageUser, state: WebState) -> Workshop:
    """The workshop of the path parameter `workshop_id` when the page's user reaches it; 404 otherwise."""
    return _reachable(state, user, workshop_id)


def api_workshop_in_reach(workshop_id: str, user: ApiUser, state: WebState) -> Workshop:
    """As workshop_in_reach, for the API's bearer-token user."""
    return _reachable(state, user, workshop_id)


def same(expected: str, given: object) -> bool:
    """Constant-time comparison of a CSRF token with a form field."""
    return bool(expected) and isinstance(given, str) and secrets.compare_digest(expected, given)


async def csrf_checked(request: Request, signed: Signed) -> None:
    """Every POST of a signed-in page: 303 to login without a session, 403 without the session's csrf_token."""
    if signed is None:
        raise Redirect(f"/login?next={quote(request.url.path, safe='')}")
    form = await request.form()
    if not same(signed.csrf, form.get("csrf_token")):
        raise HTTPException(403, "the form has expired or did not come from this site; reload the page")


def safe_next(target: str | None) -> str:
    """`target` when it is a path on this site, else "/": never a redirect to another host."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    if any(ord(char) < 32 or char == "\\" for char in target):
        return "/"
    parts = urlsplit(target)
    return target if not parts.scheme and not parts.netloc else "/"


ReachableWorkshop = Annotated[Workshop, Depends(workshop_in_reach)]
"""Parameter type of a page on one workshop (path parameter `workshop_id`): 404 when out of reach."""
ApiReachableWorkshop = Annotated[Workshop, Depends(api_workshop_in_reach)]
"""As ReachableWorkshop, for the API."""
