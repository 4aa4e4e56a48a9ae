"""What the child processes of the hardening tests run: a tiptrain command, or a worker's share of work.

Children are forked from a multiprocessing forkserver that has imported tiptrain's heavy modules once, so a
child starts in milliseconds instead of the seconds a fresh interpreter needs; each is still a process of
its own, killed with SIGKILL or racing the others for the register. Kept out of conftest so that the
forkserver can import it by name.
"""

from __future__ import annotations

import os
import sys
from contextlib import redirect_stderr, redirect_stdout
from datetime import date, timedelta
from pathlib import Path

PRELOAD = ["tiptrain.cli", "tiptrain.register.api", "tiptrain.register.roster", "exports.pdf", "hardening_driver"]
"""Modules the forkserver imports before forking children (this one last: it also loads the catalogue)."""


def _bundled_catalogue_once() -> None:
    """Load the bundled catalogue in the forkserver, so that every child finds it loaded (as the tests do)."""
    import curriculum.catalogue as module

    original = module.load_catalogue
    bundled = original()

    def load(extra: object = (), include_bundled: bool = True) -> object:
        return bundled if not extra and include_bundled else original(extra, include_bundled)  # type: ignore[arg-type]

    module.load_catalogue = load  # type: ignore[assignment]


if __name__ != "__main__" and "pytest" not in sys.modules:  # imported by the forkserver, not by pytest
    _bundled_catalogue_once()


def command(argv: list[str], env: dict[str, str], log: str, umask: int | None = None) -> None:
    """Run `tiptrain ARGV` with `env` added to the environment (and `umask`); what it prints goes to `log`."""
    from tiptrain.cli import main

    os.environ.update(env)
    if umask is not None:
        os.umask(umask)
    code = 0
    with Path(log).open("w", encoding="utf-8") as stream, redirect_stdout(stream), redirect_stderr(stream):
        try:
            main(argv)
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 1
    os._exit(code)


def worker(workspace: str, number: int, env: dict[str, str], barrier: object, log: str) -> None:
    """One of several processes at once: store its plan, confirm, cancel, deliver, forget a participant.

    Every step is a real command (`tiptrain.cli.main`) except storing the plans, which needs the solver
    otherwise; each worker owns its month so that the plans of different workers do not cancel each other's.
    """
    from hardening_kit import roster_row, store, workshop, write_roster

    from tiptrain.cli import main
    from tiptrain.settings import load_settings

    os.environ.update(env)
    folder = Path(workspace)
    url = load_settings(folder).register_url
    start = date(2026, 1, 5) + timedelta(days=21 * number)
    ids = [f"W-{number}-{n}" for n in range(1, 4)]
    roster = write_roster(folder / f"roster-{number}.csv", [roster_row(f"P{number} {n}") for n in range(4)])
    steps = [
        ["workshops", "confirm", ids[0], "--reason", f"worker {number}"],
        ["workshops", "cancel", ids[1], "--reason", f"worker {number}"],
        ["workshops", "deliver", ids[0], "--roster", str(roster)],
        ["participants", "forget", f"P{number} 0"],
    ]
    barrier.wait()  # type: ignore[attr-defined]
    codes = []
    with Path(log).open("w", encoding="utf-8") as stream, redirect_stdout(stream), redirect_stderr(stream):
        planned = [workshop(i, start + timedelta(days=7 * n)) for n, i in enumerate(ids)]
        store(url, *planned, period=(start, start + timedelta(days=20)))
        for step in steps:
            try:
                main(["--workspace", workspace, *step])
            except SystemExit as done:
                codes.append(done.code)
        print(f"codes {codes}")
    os._exit(0 if codes == [0] * len(steps) else 3)


def measure(kind: str, path: str, result: str) -> None:
    """Load a big input the way a command does and write (items, seconds, peak RSS in MB) as JSON to `result`."""
    import json
    import resource
    import time

    started = time.monotonic()
    if kind == "requests":
        from curriculum.catalogue import load_catalogue
        from scheduler.inputs import load_requests

        count = len(load_requests(path, load_catalogue()))
    else:
        from datetime import date, timedelta

        from scheduler.models import Workshop
        from tiptrain.register.roster import read_roster

        days = [date(2026, 2, 2) + timedelta(days=n) for n in range(3)]
        found = Workshop(
            id="W-a", request="a", country="ML", city="Bamako", programme="p", language="fr",
            start=days[0], end=days[-1], days=days, trainers=[],
        )  # fmt: skip
        count = len(read_roster(path, found))
    seconds = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    Path(result).write_text(json.dumps([count, seconds, peak]), encoding="utf-8")
