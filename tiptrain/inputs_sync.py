"""The plan's inputs between files and the register: import with a change list, export, and what `plan` reads.

The register holds requests and trainers so that a team can edit them on the web; files are import and
export formats. An import validates the whole file first (every problem at once, nothing written), then
upserts in one transaction. An export is written atomically and imports back without a change.

The one-person workflow stays: with requests.yaml / trainers.yaml in the workspace, `plan` imports them
first (`import_workspace`), but only a file that changed since `plan` last imported it, so that what the
team changed in the register meanwhile is not undone by a file nobody touched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from curriculum.errors import InvalidInput, Problem
from curriculum.models import Catalogue
from scheduler.inputs import load_requests, load_trainers
from scheduler.models import Request, Trainer
from tiptrain.files import write_atomic
from tiptrain.register.inputs import Changes, Kind, accepted_requests, all_trainers, upsert_requests, upsert_trainers
from tiptrain.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tiptrain.register.api import Register


@dataclass(frozen=True)
class FileInputs:
    """What the files of one import hold: either list may be None when that file is not imported."""

    requests: list[Request] | None = None
    trainers: list[Trainer] | None = None


def read_files(requests: Path | None, trainers: Path | None, catalogue: Catalogue | None) -> FileInputs:
    """Both files validated; InvalidInput lists every problem of both at once."""
    problems: list[Problem] = []
    found_requests: list[Request] | None = None
    found_trainers: list[Trainer] | None = None
    if trainers is not None:
        try:
            found_trainers = load_trainers(trainers)
        except InvalidInput as error:
            problems += error.problems
    if requests is not None:
        try:
            found_requests = load_requests(requests, catalogue)
        except InvalidInput as error:
            problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return FileInputs(found_requests, found_trainers)


def store_inputs(
    session: Session, found: FileInputs, *, replace: bool = False, files_only: bool = False
) -> list[Changes]:
    """Upsert what the files hold, inside the caller's transaction; trainers first, as files are read.

    `replace` removes what the files do not list; `files_only` limits that to requests that came from a
    file, so that proposals made on the web survive.
    """
    now = datetime.now(UTC)
    changes = []
    if found.trainers is not None:
        changes.append(upsert_trainers(session, found.trainers, now=now, replace=replace))
    if found.requests is not None:
        changes.append(upsert_requests(session, found.requests, now=now, replace=replace, files_only=files_only))
    return changes


def import_file(
    register: Register, kind: Kind, path: Path, catalogue: Catalogue | None = None, *, replace: bool = False
) -> Changes:
    """Import one requests or trainers file into the register in one transaction; what changed."""
    found = read_files(path, None, catalogue) if kind == "requests" else read_files(None, path, catalogue)
    with register.transaction(write=True) as session:
        return store_inputs(session, found, replace=replace)[0]


def export_file(register: Register, kind: Kind, path: Path) -> int:
    """Write the register's requests (all, any status) or trainers to `path` atomically; how many."""
    from tiptrain.inputs_files import file_bytes
    from tiptrain.register.inputs import request_rows, to_request

    with register.transaction() as session:
        requests = [to_request(row) for row in request_rows(session)] if kind == "requests" else []
        items: Sequence[Request] | Sequence[Trainer] = requests if kind == "requests" else all_trainers(session)
    write_atomic(path, file_bytes(path, kind, items))
    return len(items)


# --- what `plan` reads ----------------------------------------------------------------------------------


def fingerprint(path: Path) -> str:
    """The SHA-256 of a file's bytes: whether it changed since it was last imported."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def changed_files(session: Session, settings: Settings) -> dict[Kind, tuple[Path, str]]:
    """The workspace's input files that exist and differ from the ones `plan` imported last, with their hash.

    The hash is taken before the file is read: if the file changes in between, the next `plan` sees a
    different hash and imports it again, which changes nothing more than needed.
    """
    from tiptrain.register.orm_inputs import InputFileRow

    paths: dict[Kind, Path] = {"trainers": settings.trainers_path, "requests": settings.requests_path}
    found: dict[Kind, tuple[Path, str]] = {}
    for kind, path in paths.items():
        if not path.is_file():
            continue
        row, sha256 = session.get(InputFileRow, kind), fingerprint(path)
        if row is None or row.sha256 != sha256:
            found[kind] = (path, sha256)
    return found


def import_workspace(register: Register, settings: Settings, catalogue: Catalogue) -> list[Changes]:
    """Import the workspace files that changed since the last `plan`, in one transaction; what changed.

    The file is the one person's whole list, as it always was: what it no longer lists is removed (a
    trainer, a request that came from a file), but requests proposed on the web stay.
    """
    from tiptrain.register.orm_inputs import InputFileRow

    with register.transaction() as session:
        changed = changed_files(session, settings)
    if not changed:
        return []
    paths = {kind: path for kind, (path, _) in changed.items()}
    found = read_files(paths.get("requests"), paths.get("trainers"), catalogue)
    with register.transaction(write=True) as session:
        changes = store_inputs(session, found, replace=True, files_only=True)
        now = datetime.now(UTC)
        for kind, (_, sha256) in changed.items():
            session.merge(InputFileRow(kind=kind, sha256=sha256, imported_at=now))
        return changes


def planning_inputs(register: Register, catalogue: Catalogue | None = None) -> tuple[list[Trainer], list[Request]]:
    """What the planner plans from: every trainer, and the accepted requests, in file order.

    With `catalogue`, an accepted request whose programme the catalogue lacks (a proposal accepted
    without the check, a programme removed since) is refused with every such request named.
    """
    with register.transaction() as session:
        trainers, requests = all_trainers(session), accepted_requests(session)
    if catalogue is not None:
        known = ", ".join(sorted(catalogue.programmes))
        expected = f"a programme of the catalogue ({known})"
        problems = [
            Problem("register", None, f"requests.{r.id}.programme", r.programme, expected)
            for r in requests
            if r.programme not in catalogue.programmes
        ]
        if problems:
            raise InvalidInput(problems)
    return trainers, requests


# --- what documents, reports and notifications read -----------------------------------------------------


def workspace_trainers(settings: Settings) -> list[Trainer]:
    """The trainers as the workspace file states them now when it exists (as always), else the register's.

    For the readers that only need names, addresses and partners (documents, the report, notifications),
    so that a workspace whose team keeps its inputs only in the register still prints them.
    """
    if settings.trainers_path.exists():
        return load_trainers(settings.trainers_path)
    from tiptrain.register.api import Register

    with Register(settings.register_url) as register, register.transaction() as session:
        return all_trainers(session)


def workspace_requests(settings: Settings, catalogue: Catalogue) -> list[Request]:
    """The requests as the workspace file states them now when it exists, else every request of the register."""
    if settings.requests_path.exists():
        return load_requests(settings.requests_path, catalogue)
    from tiptrain.register.api import Register
    from tiptrain.register.inputs import request_rows, to_request

    with Register(settings.register_url) as register, register.transaction() as session:
        return [to_request(row) for row in request_rows(session)]
