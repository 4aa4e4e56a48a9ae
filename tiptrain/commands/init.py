"""`tiptrain init`: a new workspace with commented example files to edit into your own."""

from __future__ import annotations

from pathlib import Path

import click

from tiptrain.render import say

SAMPLE_FILES = ("tiptrain.toml", "trainers.yaml", "requests.yaml")


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite example files that already exist.")
def init(folder: Path, force: bool) -> None:
    """Create a workspace: tiptrain.toml, trainers.yaml and requests.yaml with comments and examples.

    The examples are invented trainers and requests modelled on the countries of the 2012 report; edit
    them into your own, or point `[data]` in tiptrain.toml at CSV or XLSX sheets.

    \b
    Example:
      tiptrain init my-period && cd my-period && tiptrain plan
    """
    from curriculum.errors import UsageError
    from tiptrain.files import write_atomic
    from tiptrain.sample import sample_text

    existing = [name for name in SAMPLE_FILES if (folder / name).exists()]
    if existing and not force:
        raise UsageError(f"{folder} already has {', '.join(existing)}; use --force to overwrite them")
    folder.mkdir(parents=True, exist_ok=True)
    for name in SAMPLE_FILES:
        write_atomic(folder / name, sample_text(name).encode("utf-8"))
        say(f"wrote {folder / name}")
    say(f"Next: edit the files, then run `tiptrain --workspace {folder} plan`.")


COMMANDS = [init]
