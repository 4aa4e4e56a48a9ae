"""`GET /healthz`: 200 when the register answers, 503 otherwise (for load balancers and monitors)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from tiptrain.web.state import WebState

router = APIRouter()


@router.get("/healthz", include_in_schema=False)
def healthz(state: WebState) -> JSONResponse:
    """Ask the register one trivial query."""
    try:
        with state.register.transaction() as session:
            session.execute(text("SELECT 1"))
    except Exception:
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})
