"""Printing results: rich tables on a terminal, plain aligned text when piped, JSON on request.

Commands hand over headers and rows; this module decides how they look, so every listing behaves the same
way with pipes, `NO_COLOR` and `--json`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from typing import Any

import click


def is_terminal() -> bool:
    """Whether stdout is an interactive terminal (tables and progress) rather than a pipe or file."""
    return sys.stdout.isatty()


def print_json(data: Any) -> None:
    """JSON with sorted-free stable key order as given, dates as ISO text, one trailing newline."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> None:
    """A table: rich when on a terminal, plain columns separated by two spaces when piped."""
    cells = [[_text(value) for value in row] for row in rows]
    if is_terminal():
        _rich_table(headers, cells, title)
        return
    if title:
        click.echo(title)
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(headers)]
    click.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def _rich_table(headers: Sequence[str], cells: list[list[str]], title: str | None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, header_style="bold", show_lines=False)
    for header in headers:
        table.add_column(header)
    for row in cells:
        table.add_row(*row)
    Console(no_color=bool(os.environ.get("NO_COLOR"))).print(table)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(v) for v in value)
    return str(value)


def say(message: str) -> None:
    """A line for the user on stderr, so that stdout stays clean for pipes and JSON."""
    click.echo(message, err=True)
