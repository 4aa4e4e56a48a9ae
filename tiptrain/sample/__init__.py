"""The bundled sample workspace: what `tiptrain init` writes and what `tiptrain demo` runs on."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def sample_text(name: str) -> str:
    """The text of one sample file, comments included."""
    return (resources.files("tiptrain.sample") / name).read_text(encoding="utf-8")


def sample_folder() -> Path:
    """The folder of the sample files inside the installed package."""
    return Path(str(resources.files("tiptrain.sample")))
