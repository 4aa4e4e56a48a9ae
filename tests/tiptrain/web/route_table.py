"""THE route x role table of the web application (SPEC 9): who gets what from every route, per target.

Each Row is one route (method and path as SPEC 9 writes it; `{...}` is a path parameter whatever its name)
with, per role, the expected answer for each target substituted into the parameter. test_route_roles.py
walks every cell, and checks that every route the app registers has a row: a new route without a row
fails, and so does a row whose route the app does not answer (SPEC 9 is the contract).

Targets: workshops of web_kit (W-ml-bamako: the office's and the trainer's; W-ua-kyiv: neither's;
W-sn-dakar: the trainer's only) and W-nowhere, which does not exist; trainers t-amina (the trainer user)
and t-pedro; requests ml-bamako-tot (Mali) and ua-kyiv-tot; feeds by symbolic token (`@plan-feed`,
`@trainer-feed`, resolved by the test); a well-formed certificate code nobody holds.

Expected answers: an int is that status exactly; LOGIN is 303 to /login?next=...; ALLOWED is any answer
of a route that let the user in (not 401/403/404/405, not a login redirect, no 5xx: the route's own
tests check what it does); DENIED is 403 or 404 (a role refused on a workshop out of reach may answer
either; test_route_roles checks it answers a missing workshop the same way).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from starlette.routing import Mount

ROLES = ("anonymous", "coordinator", "office", "trainer", "viewer")
SIGNED_IN = ROLES[1:]
LOGIN = "login"
ALLOWED = "allowed"
DENIED = "denied"
Expect = int | str
Cell = Expect | Mapping[str, Expect]
"""One role's answer: the same for every target, or per target."""

W_OFFICE = "W-ml-bamako"
W_OTHER = "W-ua-kyiv"
W_TRAINER = "W-sn-dakar"
W_MISSING = "W-nowhere"
WORKSHOP_TARGETS = (W_OFFICE, W_OTHER, W_TRAINER, W_MISSING)
OUT_OF_REACH = {"office": (W_OTHER, W_TRAINER), "trainer": (W_OTHER,)}
"""Workshops that exist but are out of the role's reach: answered as W_MISSING is."""
TRAINER_OWN, TRAINER_OTHER = "t-amina", "t-pedro"
REQUEST_ML, REQUEST_UA = "ml-bamako-tot", "ua-kyiv-tot"
UNKNOWN_CODE = "ABCD-EFGH-JKMN"


@dataclass(frozen=True)
class Row:
    """One route: expected answers per role (and target), the form sent with a POST."""

    method: str
    path: str
    expect: Mapping[str, Cell]
    targets: tuple[str, ...] = ("",)
    data: Mapping[str, str] = field(default_factory=dict)
    changes: bool = False
    """A POST that changes the register when allowed: its allowed cells run on a fresh workspace."""
    api: bool = False
    """Authenticated by bearer token (the role's API token) instead of the session cookie."""

    def cell(self, role: str, target: str) -> Expect:
        found = self.expect[role]
        return found[target] if isinstance(found, Mapping) else found

    def url(self, target: str) -> str:
        """The path with the target in its parameter."""
        if "{" not in self.path:
            return self.path
        head, _, rest = self.path.partition("{")
        return head + target + rest.partition("}")[2]


def everyone(answer: Expect) -> dict[str, Cell]:
    return dict.fromkeys(ROLES, answer)


def page(**roles: Cell) -> dict[str, Cell]:
    """A page: anonymous to the login page; signed-in roles 200 unless given."""
    return {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 200), **roles}


def only(allowed: Cell, roles: tuple[str, ...], denied: Cell = 403) -> dict[str, Cell]:
    """Signed-in `roles` get `allowed`, the other signed-in roles `denied`, anonymous the login page."""
    return {"anonymous": LOGIN, **{role: allowed if role in roles else denied for role in SIGNED_IN}}


def workshops(ok: Expect, *, viewer: Expect, trainer_acts: bool, office_acts: bool = True) -> dict[str, Cell]:
    """A route on one workshop: the coordinator everywhere, an office in Mali, a trainer on their own."""

    def per(reached: tuple[str, ...], allowed: bool) -> dict[str, Expect]:
        cells: dict[str, Expect] = {}
        for target in WORKSHOP_TARGETS:
            if target in reached:
                cells[target] = ok if allowed else 403
            else:
                cells[target] = 404 if allowed else DENIED
        return cells

    return {
        "anonymous": LOGIN,
        "coordinator": per((W_OFFICE, W_OTHER, W_TRAINER), True),
        "office": per((W_OFFICE,), office_acts),
        "trainer": per((W_OFFICE, W_TRAINER), trainer_acts),
        "viewer": {target: (viewer if target != W_MISSING else DENIED) for target in WORKSHOP_TARGETS},
    }


def api(**roles: Cell) -> dict[str, Cell]:
    return {"anonymous": 401, **dict.fromkeys(SIGNED_IN, 200), **roles}


def api_workshop() -> dict[str, Cell]:
    everywhere = dict.fromkeys((W_OFFICE, W_OTHER, W_TRAINER), 200) | {W_MISSING: 404}
    return api(
        coordinator=everywhere,
        viewer=everywhere,
        office={W_OFFICE: 200, W_OTHER: 404, W_TRAINER: 404, W_MISSING: 404},
        trainer={W_OFFICE: 200, W_OTHER: 404, W_TRAINER: 200, W_MISSING: 404},
    )


def trainer_route(ok: Expect) -> dict[str, Cell]:
    """A trainer's schedule or availability: the coordinator, and that trainer only."""
    return {
        "anonymous": LOGIN,
        "coordinator": ok,
        "trainer": {TRAINER_OWN: ok, TRAINER_OTHER: DENIED},
        "office": DENIED,
        "viewer": DENIED,
    }


WS = WORKSHOP_TARGETS
TRAINERS = (TRAINER_OWN, TRAINER_OTHER)
REQUESTS = (REQUEST_ML, REQUEST_UA)
REASON = {"reason": "route table"}
REPORT_FILES = ("/report.pdf", "/report.csv", "/report.json", "/report.md")

TABLE: tuple[Row, ...] = (
    Row("GET", "/healthz", everyone(200)),
    Row("GET", "/login", {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 303)}),
    Row("POST", "/login", everyone(403), data={"username": "kofi", "password": "not it"}),
    Row("POST", "/logout", {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, 303)}, changes=True),
    Row("GET", "/", page()),
    Row("GET", "/plan", page()),
    Row("POST", "/plan/replan", only(ALLOWED, ("coordinator",)), changes=True),
    # SPEC 9 says "signed in"; the page lists delivered workshops of every country, so offices and trainers
    # (who reach only some) are refused it, as they are its downloads
    Row("GET", "/report", only(200, ("coordinator", "viewer"))),
    *(Row("GET", path, only(200, ("coordinator", "viewer"))) for path in REPORT_FILES),
    Row("GET", "/report.{format}", only(404, ("coordinator", "viewer")), ("docx",)),
    Row("GET", "/workshops/{id}", workshops(200, viewer=200, trainer_acts=True), WS),
    Row("GET", "/workshops/{id}/pack.pdf", workshops(200, viewer=403, trainer_acts=True), WS),
    Row("GET", "/workshops/{id}/signin.pdf", workshops(200, viewer=403, trainer_acts=True), WS),
    Row("GET", "/workshops/{id}/certificates.pdf", workshops(ALLOWED, viewer=403, trainer_acts=True), WS),
    Row("POST", "/workshops/{id}/confirm", workshops(ALLOWED, viewer=403, trainer_acts=False), WS, REASON, True),
    Row("POST", "/workshops/{id}/cancel", workshops(ALLOWED, viewer=403, trainer_acts=False), WS, REASON, True),
    Row("POST", "/workshops/{id}/deliver", workshops(ALLOWED, viewer=403, trainer_acts=False), WS, changes=True),
    Row("GET", "/trainers/{id}", trainer_route(200), TRAINERS),
    Row("GET", "/trainers/{id}/availability", trainer_route(200), TRAINERS),
    Row("POST", "/trainers/{id}/availability", trainer_route(ALLOWED), TRAINERS, changes=True),
    Row("POST", "/trainers/{id}/feed/rotate", trainer_route(ALLOWED), TRAINERS, changes=True),
    Row("GET", "/requests", only(200, ("coordinator", "office"))),
    Row("POST", "/requests", only(ALLOWED, ("coordinator", "office")), changes=True),
    Row("POST", "/requests/{id}/accept", only(ALLOWED, ("coordinator",)), REQUESTS, changes=True),
    Row("POST", "/requests/{id}/decline", only(ALLOWED, ("coordinator",)), REQUESTS, REASON, changes=True),
    Row("GET", "/feeds/{token}", everyone(200), ("@plan-feed", "@trainer-feed")),
    Row("HEAD", "/feeds/{token}", everyone(200), ("@plan-feed",)),
    Row("GET", "/feeds/{token}", everyone(404), ("wrong.ics", "@plan-token-without-ics")),
    Row("GET", "/api/openapi.json", everyone(200)),
    Row("GET", "/api/me", api(), api=True),
    Row("GET", "/api/workshops", api(), api=True),
    Row("GET", "/api/workshops/{id}", api_workshop(), WS, api=True),
    Row("GET", "/api/plan", api(), api=True),
    Row("GET", "/api/report", api(office=403, trainer=403), api=True),
    Row("GET", "/verify", everyone(200)),
    Row("GET", "/verify/{code}", everyone(404), (UNKNOWN_CODE,)),
    Row("GET", "/outbox", only(200, ("coordinator",))),
    Row("POST", "/outbox/send", only(ALLOWED, ("coordinator",)), changes=True),
    Row("GET", "/static/{path}", everyone(200), ("tiptrain.css", "favicon.svg")),
    Row("GET", "/fonts/fonts.css", everyone(200)),
    Row("GET", "/fonts/{version}/{file}", everyone(404), ("no-such-font",)),
)
"""Every route of SPEC 9 and of this application, each cell an expected answer."""


def template(path: str) -> str:
    """A route path with every parameter as `{}`: /workshops/{workshop_id} and /workshops/{id} compare equal."""
    return re.sub(r"\{[^}]*\}", "{}", path)


def registered(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path template) of every route the app answers: included routers walked, the static mount too.

    FastAPI keeps included routers as routes of their own; `iter_route_contexts` (what its OpenAPI uses)
    yields each route with its full path.
    """
    found: set[tuple[str, str]] = set()
    for context in iter_route_contexts(app.routes):
        route, path = context.original_route, context.path or ""
        if isinstance(route, Mount):
            found.add(("GET", template(path + "/{path}")))
        found |= {(method, template(path)) for method in getattr(route, "methods", None) or ()}
    return found
