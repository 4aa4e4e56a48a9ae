"""`tiptrain serve`: the web application (SPEC 9) with uvicorn, over the workspace's register."""

from __future__ import annotations

import os
from pathlib import Path

import click

from tiptrain.context import App, pass_app
from tiptrain.render import say


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Server processes.")
@pass_app
def serve(app: App, host: str, port: int, workers: int) -> None:
    """Serve the web application for the team: pages, calendar feeds and the JSON API.

    The register is migrated first. Every process reads the workspace from TIPTRAIN_WORKSPACE, and
    sessions, tokens and the cookie key live in the register, so --workers N (or several servers on one
    PostgreSQL register) serve the same users. Behind a reverse proxy that terminates HTTPS, let it send
    X-Forwarded-Proto and set FORWARDED_ALLOW_IPS to its address (default 127.0.0.1): cookies are then
    marked Secure.

    \b
    Example:
      tiptrain users add kofi --role coordinator
      tiptrain serve --port 8000 --workers 2
    """
    import uvicorn

    from tiptrain.register.api import Register

    workspace = str(Path(app.workspace).resolve())
    with Register(app.settings().register_url) as register:
        register.engine  # noqa: B018 (migrates the schema once, before the workers start)
    os.environ["TIPTRAIN_WORKSPACE"] = workspace
    say(f"tiptrain serving {workspace} on http://{host}:{port}/ ({workers} process{'es' if workers > 1 else ''})")
    uvicorn.run(
        "tiptrain.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips=os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
        log_level="info",
    )


COMMANDS = [serve]
