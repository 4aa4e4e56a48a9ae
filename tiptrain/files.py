"""Writing output files safely: whole or not at all (SPEC 8), and names that stay in their folder."""

from __future__ import annotations

import contextlib
import glob
import os
import re
import tempfile
import time
from pathlib import Path

from curriculum.errors import TiptrainError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
PART_SUFFIX = ".part"
"""Temporary files are `.NAME.XXXXXXXX.part` beside their target: hidden, and never taken for the output."""
STALE_PART_SECONDS = 15 * 60
"""A temporary file of the same target older than this was left by a killed command; the next write removes it."""


class CannotWrite(TiptrainError):
    """An output file could not be written (no permission, disk full, a folder in the way)."""


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it into place.

    A command killed at any moment leaves either the old file or the new one at `path`, never half of one;
    at most a hidden `.part` file stays behind, and the next write of the same name removes it.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_parts(path)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    except OSError as error:
        raise CannotWrite(f"cannot write {path}: {error.strerror or error}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).chmod(mode)
        Path(temporary).replace(path)
        _sync_folder(path.parent)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise CannotWrite(f"cannot write {path}: {error.strerror or error}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def part_files(path: Path) -> list[Path]:
    """Temporary files that writes of `path` left behind (normally none)."""
    pattern = f".{glob.escape(Path(path).name)}.*{PART_SUFFIX}"
    return sorted(Path(path).parent.glob(pattern))


def _remove_stale_parts(path: Path) -> None:
    """Remove temporary files of `path` that a killed command left, once they are clearly abandoned."""
    limit = time.time() - STALE_PART_SECONDS
    for leftover in part_files(path):
        with contextlib.suppress(OSError):  # another command may be removing it too
            if leftover.stat().st_mtime < limit:
                leftover.unlink()


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk, so that a power cut does not bring the old file back (POSIX; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):  # some file systems cannot sync a folder; the file itself is whole
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def safe_name(text: str, limit: int = 80) -> str:
    """A file name made from user text (an id, a city): no separators, no traversal, not reserved, short."""
    name = _UNSAFE.sub("-", text).strip(".-")[:limit].rstrip(".-") or "unnamed"
    if name.lower().split(".")[0] in _RESERVED:
        name = f"_{name}"[:limit]
    return name


def inside(folder: Path, *parts: str, suffix: str = "") -> Path:
    """`folder/part/.../last+suffix` with every part made a safe name: a path that cannot leave `folder`."""
    names = [safe_name(part) for part in parts]
    names[-1] += suffix
    path = Path(folder).joinpath(*names)
    if not path.resolve().is_relative_to(Path(folder).resolve()):  # pragma: no cover - safe_name forbids it
        raise CannotWrite(f"{path} would lie outside {folder}")
    return path
