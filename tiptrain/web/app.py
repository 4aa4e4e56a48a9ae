"""`create_app(workspace)`: the FastAPI application; `app_from_environment` for uvicorn's --factory.

Routes live in `tiptrain/web/routes/`, one module per area, each exposing `router`; add a module and one
line in ROUTERS. Nothing is fetched from a CDN: the interactive docs pages are off, the OpenAPI schema is at
/api/openapi.json and every asset is served from the package's `static/` folder.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from tiptrain.web.errors import install_error_pages
from tiptrain.web.i18n import LanguageCookie
from tiptrain.web.routes import (
    api,
    dashboard,
    feeds,
    fonts,
    health,
    login,
    outbox,
    plan,
    report,
    requests,
    trainers,
    verify,
    workshop_documents,
    workshops,
)
from tiptrain.web.security import SecurityHeaders
from tiptrain.web.state import Web

STATIC = Path(__file__).resolve().parent / "static"
WORKSPACE_ENV = "TIPTRAIN_WORKSPACE"

ROUTERS: list[APIRouter] = [
    health.router,
    login.router,
    dashboard.router,
    feeds.router,
    api.router,
    verify.router,
    outbox.router,
    plan.router,
    workshops.router,
    workshop_documents.router,
    fonts.router,
    trainers.router,
    requests.router,
    report.router,
]
"""Every area of the application; a new page module adds its `router` here."""


def create_app(workspace: str | Path) -> FastAPI:
    """The application over one workspace, with one Register for the process (opened now, closed at exit)."""
    state = Web.open(workspace)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()

    app = FastAPI(
        title="tiptrain",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.web = state
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    install_error_pages(app)
    app.add_middleware(LanguageCookie)
    app.add_middleware(SecurityHeaders)
    return app


def app_from_environment() -> FastAPI:
    """The app for the workspace in TIPTRAIN_WORKSPACE: each uvicorn worker process calls this."""
    return create_app(os.environ.get(WORKSPACE_ENV, "."))
