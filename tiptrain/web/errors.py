"""Error answers: JSON under /api/, a page (error.html) elsewhere; 303 redirects stay redirects."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from tiptrain.register.accounts import LoginLimited
from tiptrain.web.templating import render

TITLES = {403: "web.error.403", 404: "web.error.404", 413: "web.error.413", 429: "web.error.429"}


def error_page(request: Request, status: int, detail: str = "") -> Response:
    """The error page for `status` (JSON for API paths)."""
    if request.url.path.startswith("/api/"):
        return JSONResponse({"detail": detail}, status_code=status)
    return render(request, "error.html", {"status": status, "title_key": TITLES.get(status, "web.error.other")}, status)


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

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(LoginLimited, limited)
