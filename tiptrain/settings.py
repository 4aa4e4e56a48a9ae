"""Workspace settings: `tiptrain.toml` validated, with paths resolved against the workspace folder.

A workspace is a folder holding `tiptrain.toml`, the trainer and request files and the register. Only this
application package reads settings; the domain packages receive plain models and paths.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field

from curriculum.emails import Email
from curriculum.errors import UsageError
from curriculum.loader import load_toml, validate
from curriculum.models import Frozen
from scheduler.models import Period

SETTINGS_FILE = "tiptrain.toml"
DEFAULT_REGISTER_URL = "sqlite:///tiptrain.db"


class DataSection(Frozen):
    """`[data]`: where the workspace's own files are."""

    trainers: str = "trainers.yaml"
    requests: str = "requests.yaml"
    catalogue: list[str] = []


class RegisterSection(Frozen):
    """`[register]`: the database URL; relative SQLite paths are relative to the workspace."""

    url: str = DEFAULT_REGISTER_URL


class ProgrammeSection(Frozen):
    """`[programme]`: who runs the programme; the contact is the ORGANIZER of calendar events."""

    name: str = Field(default="Global training initiative against trafficking in persons", min_length=1, max_length=200)
    contact_name: str = Field(default="Training coordinator", min_length=1, max_length=200)
    contact_email: Email = "coordinator@example.org"
    head: str = Field(default="", max_length=200)
    """Who signs certificates for the programme (a signature line under the name); unnamed line when empty."""
    verify_url: str = Field(default="https://example.org/verify/", pattern=r"^https?://\S+$", max_length=300)
    """Certificate codes are appended to this address in the certificate's QR code (SPEC 10)."""


class FontsSection(Frozen):
    """`[fonts]`: TrueType files to use for a script when the bundled ones do not cover it."""

    chinese: str | None = None


class CertificatesSection(Frozen):
    """`[certificates]`: share of days a participant must attend to get a certificate."""

    threshold: float = Field(default=0.8, gt=0, le=1)


class PlanningSection(Frozen):
    """`[planning]`: how trips are chained and what a day off a preferred date weighs against km (SPEC 4)."""

    max_gap_days: int = Field(default=6, ge=0, le=60)
    km_per_preferred_day: int = Field(default=1000, ge=0, le=1_000_000)


class IndicatorsSection(Frozen):
    """`[indicators]`: targets the report shows as met or not (SPEC 10); an indicator without one is not shown."""

    women_share: float | None = Field(default=None, ge=0, le=1)
    participants_per_workshop: float | None = Field(default=None, gt=0, le=1000)
    post_test_mean: float | None = Field(default=None, ge=0, le=1)
    """Mean post-test score as a share of the maximum (0.7 = 70 points of 100)."""


class MailSection(Frozen):
    """`[mail]`: the SMTP server `tiptrain notify send` hands invitations to (SPEC 11).

    The password is never in the file: `password_env` names the environment variable holding it. The port
    defaults by security: 587 for starttls, 465 for tls, 25 for none.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    host: str = Field(min_length=1, max_length=253, pattern=r"^[A-Za-z0-9.:\[\]-]+$")
    port: int | None = Field(default=None, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    user: str | None = Field(default=None, min_length=1, max_length=254)
    password_env: str | None = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    from_: Email = Field(alias="from")
    """Spelled `from` in the file (a Python keyword)."""

    @property
    def smtp_port(self) -> int:
        return self.port or {"starttls": 587, "tls": 465, "none": 25}[self.security]


class SettingsFile(Frozen):
    """The whole of tiptrain.toml."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    period: Period
    data: DataSection = DataSection()
    register_: RegisterSection = Field(default=RegisterSection(), alias="register")
    """Spelled `register` in the file; renamed here because pydantic models have a `register` method."""
    programme: ProgrammeSection = ProgrammeSection()
    fonts: FontsSection = FontsSection()
    certificates: CertificatesSection = CertificatesSection()
    planning: PlanningSection = PlanningSection()
    indicators: IndicatorsSection = IndicatorsSection()
    mail: MailSection | None = None


class Settings(Frozen):
    """Settings with every path made absolute; what the commands use."""

    workspace: Path
    file: SettingsFile

    @property
    def period(self) -> Period:
        return self.file.period

    @property
    def trainers_path(self) -> Path:
        return self.workspace / self.file.data.trainers

    @property
    def requests_path(self) -> Path:
        return self.workspace / self.file.data.requests

    @property
    def catalogue_paths(self) -> list[Path]:
        return [self.workspace / folder for folder in self.file.data.catalogue]

    @property
    def register_url(self) -> str:
        """The register URL: env TIPTRAIN_DB_URL first, then the file; SQLite paths made absolute."""
        url = os.environ.get("TIPTRAIN_DB_URL") or self.file.register_.url
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url.startswith(prefix + "/") and url != prefix + ":memory:":
            return prefix + str(self.workspace / url[len(prefix) :])
        return url


def no_workspace(folder: Path) -> str:
    """Why a command needs a workspace and the three ways to give it one: a new user's first error."""
    return (
        f"no {SETTINGS_FILE} found in {folder}, so it is not a workspace. Run tiptrain in your workspace folder,"
        f" name it with --workspace DIR (or $TIPTRAIN_WORKSPACE), or create one with `tiptrain init DIR`"
    )


def load_settings(workspace: Path | str) -> Settings:
    """Read and validate `tiptrain.toml` of the workspace; InvalidInput names the file and the line."""
    folder = Path(workspace).resolve()
    path = folder / SETTINGS_FILE
    if not path.exists():
        raise UsageError(no_workspace(folder))
    document = load_toml(path)
    return Settings(workspace=folder, file=validate(document, SettingsFile))
