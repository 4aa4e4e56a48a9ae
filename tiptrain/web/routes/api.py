"""The JSON API under /api/ (SPEC 9): bearer tokens from `tiptrain users token NAME`, the role rules of pages.

Every route here depends on `api_user` (401 without a valid token) or `require(..., api=True)` (403);
workshops through `api_workshop_in_reach` (404 out of reach). Add reads to this router or to a module of
their own with `APIRouter(prefix="/api")`.
"""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from tiptrain.web.auth import ApiUser

router = APIRouter(prefix="/api", tags=["api"])


class Me(BaseModel):
    """Who the token belongs to and what they reach."""

    name: str
    role: str
    countries: list[str]
    trainer: str | None


@router.get("/me")
def me(user: ApiUser) -> Me:
    """The holder of the bearer token."""
    return Me(name=user.name, role=user.role, countries=list(user.countries), trainer=user.trainer)
