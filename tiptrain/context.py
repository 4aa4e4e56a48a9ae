"""What every command shares: the workspace, its settings and catalogue, loaded once and only when needed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from curriculum.models import Catalogue
    from tiptrain.settings import Settings


@dataclass
class App:
    """The state of one command-line run."""

    workspace: str = "."
    debug: bool = False
    _settings: Settings | None = field(default=None, repr=False)
    _catalogue: Catalogue | None = field(default=None, repr=False)

    @property
    def folder(self) -> Path:
        return Path(self.workspace)

    def settings(self) -> Settings:
        """The workspace settings; InvalidInput when tiptrain.toml is missing or wrong."""
        if self._settings is None:
            from tiptrain.settings import load_settings

            self._settings = load_settings(self.workspace)
        return self._settings

    def has_settings(self) -> bool:
        """Whether the workspace has a tiptrain.toml (commands that work without one check this)."""
        from tiptrain.settings import SETTINGS_FILE

        return (self.folder / SETTINGS_FILE).exists()

    def catalogue(self) -> Catalogue:
        """The bundled catalogue, plus the workspace's extra folders when there is a workspace."""
        if self._catalogue is None:
            from curriculum.catalogue import load_catalogue

            extra = self.settings().catalogue_paths if self.has_settings() else []
            self._catalogue = load_catalogue(extra)
        return self._catalogue


pass_app = click.make_pass_decorator(App, ensure=True)


def json_option(function: Any) -> Any:
    """`--json`: print machine-readable JSON instead of a table."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(function)


LANGUAGE_CHOICE = click.Choice(["ar", "en", "es", "fr", "ru", "zh"])


def lang_option(function: Any) -> Any:
    """`--lang`: one of the six UN languages."""
    return click.option(
        "--lang", type=LANGUAGE_CHOICE, default=None, help="Language of the output: ar, en, es, fr, ru or zh."
    )(function)


class DocumentLanguage(click.ParamType):
    """`--lang` of a printed document: one of the six, or any language with a label file (pt, uk).

    Checked when used, not when `tiptrain --help` loads: the list is the files of exports/locales, so a
    language added as one file is accepted without touching the command line.
    """

    name = "LANG"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from exports.labels import languages

        known = languages()
        if value not in known:
            self.fail(f"{value!r} is not a language with labels: one of {', '.join(known)}", param, ctx)
        return str(value)


def document_lang_option(function: Any) -> Any:
    """`--lang` for printed documents: the six UN languages or one with a label file (`DocumentLanguage`)."""
    return click.option(
        "--lang",
        type=DocumentLanguage(),
        default=None,
        help="Language of the document: ar, en, es, fr, ru, zh, or another with a label file (pt, draft).",
    )(function)


class DayType(click.ParamType):
    """A day option (`--start`, `--from`, `--to`): YYYY-MM-DD, refused in the words data files use."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from curriculum.dates import parse_day

        try:
            return parse_day(str(value))
        except ValueError as error:
            self.fail(f"{value!r}: expected {error}", param, ctx)


DAY = DayType()
"""The type of every day option; its value is a `datetime.date`."""
