"""Jinja2 pages: `render(request, "name.html", context)` with what every page needs already set.

Globals in every template: `t(key, count=None, **values)` labels, `day(date)`, `number(x)`, `lang`, `dir`,
`languages` (code -> native name), `lang_url(code)` (this page in another language), `csrf` (the session's
token, or the login form's), `user` (the signed-in User or None), `path`. Autoescape is on for .html.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tiptrain.web.i18n import LANG_COOKIE, LANGUAGES, NATIVE_NAMES, Texts, chosen, direction, language

ENVIRONMENT = Environment(
    loader=PackageLoader("tiptrain.web", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
YEAR = 365 * 24 * 3600


def lang_url(request: Request, code: str) -> str:
    """The page's path and query with `lang=code` (a local URL: path only, no host)."""
    query = [(key, value) for key, value in request.query_params.multi_items() if key != "lang"]
    query.append(("lang", code))
    from urllib.parse import urlencode

    return f"{request.url.path}?{urlencode(query)}"


def render(request: Request, template: str, context: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    """The page `template` filled with `context` and the globals; remembers a `?lang=` choice in a cookie."""
    lang = language(request)
    texts = Texts(lang)
    signed = getattr(request.state, "signed_in", None)
    values: dict[str, Any] = {
        "t": texts.t,
        "day": texts.day,
        "number": texts.number,
        "lang": lang,
        "dir": direction(lang),
        "languages": {code: NATIVE_NAMES[code] for code in LANGUAGES},
        "lang_url": lambda code: lang_url(request, code),
        "csrf": signed.csrf if signed is not None else getattr(request.state, "login_csrf", ""),
        "user": signed.user if signed is not None else None,
        "path": request.url.path,
    }
    values.update(context or {})
    html = ENVIRONMENT.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})
    if chosen(request) and request.cookies.get(LANG_COOKIE) != lang:
        response.set_cookie(LANG_COOKIE, lang, max_age=YEAR, httponly=True, samesite="lax", path="/")
    return response
