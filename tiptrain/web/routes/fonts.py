"""`GET /fonts/fonts.css` and `GET /fonts/{version}/{file}`: the fonts of tiptrain.web.fonts, for anyone.

The stylesheet is small and revalidated (ETag, no-cache), since its URLs change when a font does; the font
files behind those versioned URLs never change and are cached for a year. No session is needed: the log-in
page needs the fonts too, and they are the package's public OFL fonts.
"""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, HTTPException, Request, Response
from fastapi.responses import FileResponse

from tiptrain.web import fonts

router = APIRouter()


@router.get("/fonts/fonts.css", include_in_schema=False)
def fonts_css(request: Request) -> Response:
    """The `@font-face` rules; 304 when the browser's copy is current."""
    css = fonts.stylesheet()
    etag = '"' + hashlib.sha256(css.encode()).hexdigest()[:20] + '"'
    headers = {"Cache-Control": "no-cache", "ETag": etag}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    return Response(css, media_type="text/css; charset=utf-8", headers=headers)


@router.get("/fonts/{version}/{file}", include_in_schema=False)
def font_file(version: str, file: str) -> Response:
    """One face; 404 for a file not served or a version that is not the current one."""
    item = fonts.served().get(file)
    if item is None or item.version != version:
        raise HTTPException(404)
    media_type, headers = fonts.MEDIA_TYPES[file.rsplit(".", 1)[1]], {"Cache-Control": fonts.IMMUTABLE}
    if item.face.whole:  # 8 MB: streamed from the package's file
        return FileResponse(item.path, media_type=media_type, headers=headers)
    return Response(fonts.font_bytes(item), media_type=media_type, headers=headers)
