"""Error answers: JSON under /api/, a page (error.html) elsewhere; 303 redirects stay redirects.

A route may let tiptrain's own errors propagate: LoginLimited -> 429, RegisterBusy -> 503, any other
TiptrainError (UsageError, InvalidInput: a rule refused the request) -> 400 with its message on the page.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from curriculum.errors import TiptrainError
from tiptrain.register.accounts import LoginLimited
from tiptrain.register.db import RegisterBusy
from tiptrain.web.templating import render

TITLES = {
    400: "web.error.400",
    403: "web.error.403",
    404: "web.error.404",
    413: "web.error.413",
    429: "web.error.429",
    503: "web.error.503",
}


def error_page(request: Request, status: int, detail: str = "", shown: str = "") -> Response:
    """The error page for `status` (JSON with `detail` for API paths); `shown` is a message for the page."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=status)
    context = {"status": status, "title_key": TITLES.get(status, "web.error.other"), "message": shown}
    return render(request, "error.html", context, status)


def install_error_pages(app: FastAPI) -> None:
    """Register the handlers on `app`."""

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        if error.status_code in (301, 302, 303, 307) and error.headers and "Location" in error.headers:
            return RedirectResponse(error.headers["Location"], status_code=error.status_code)
        response = error_page(request, error.status_code, str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def limited(request: Request, error: Exception) -> Response:
        return error_page(request, 429, str(error))

    async def busy(request: Request, error: Exception) -> Response:
        return error_page(request, 503, str(error))

    async def refused(request: Request, error: Exception) -> Response:
        """A rule of the register refused the request (UsageError, InvalidInput): 400 with its message."""
        return error_page(request, 400, str(error), shown=str(error))

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(LoginLimited, limited)
    app.add_exception_handler(RegisterBusy, busy)
    app.add_exception_handler(TiptrainError, refused)
