"""`tiptrain demo`: the whole job on the bundled sample workspace, leaving files worth opening."""

from __future__ import annotations

from pathlib import Path

import click

from tiptrain.context import lang_option
from tiptrain.render import say


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tiptrain-demo"),
    show_default=True,
    help="Folder to write the demo's files into.",
)
@lang_option
def demo(out: Path, lang: str | None) -> None:
    """Run tiptrain end to end on sample data and write what it makes into --out.

    \b
    Example:
      tiptrain demo --out demo-out
    """
    from tiptrain.demo import run_demo

    written = run_demo(out, lang)
    say(f"\nThe demo wrote {len(written)} files into {out}:")
    for path in written:
        say(f"  {path}")


COMMANDS = [demo]
