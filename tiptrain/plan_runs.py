"""Plan runs in the register: every plan and re-plan is recorded, with its progress and its result.

`tiptrain plan`/`replan` and the web's re-plan all go through `tiptrain.planning.run_plan`, which records
its run here (`recording`): started, by whom ("command" on the command line), the mode, progress from the
solver's callback, then the summary lines, what storing changed and the requests left out with their
reasons, or the error that stopped it. The plan page shows the left-out requests of the last finished run
and a run's progress; the web queues its run first (`queue_run`), which refuses while another run is live
in any process serving the register (the table is the one place every process sees).
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from curriculum.errors import TiptrainError, UsageError
from tiptrain.register.orm_plan_runs import PlanRunRow

if TYPE_CHECKING:
    from scheduler.models import Request
    from tiptrain.planning import PlanOptions, PlanOutcome
    from tiptrain.register.api import Register

COMMAND = "command"
"""Who started a run from the command line, in the run's `by`."""
LIVE = ("queued", "running")
ABANDONED = timedelta(minutes=30)
"""A live run its process has not updated for this long died with its process: it no longer blocks a re-plan.
Progress is written at least on every improving solution and every attempt, and one attempt's solve is
bounded by its time limit (at most 10 minutes from the web)."""
WRITE_EVERY = 1.0
"""Seconds between two progress writes: the solver may report many solutions a second."""


class RunGoing(TiptrainError):
    """A plan run is queued or running already: a second one would only redo its work."""

    exit_code = 2


@dataclass(frozen=True)
class LeftOut:
    """A request the plan left out, with where it was asked for (for the reach rules) and why."""

    request: str
    country: str
    city: str
    programme: str
    kind: str
    rule: str | None
    reason: str


@dataclass(frozen=True)
class PlanRun:
    """One recorded run as the pages read it."""

    id: int
    mode: str
    status: str
    by: str
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    progress: float
    summary: tuple[str, ...]
    changes: dict[str, list[str]]
    unscheduled: tuple[LeftOut, ...]
    error: str | None

    @property
    def live(self) -> bool:
        return self.status in LIVE


def _to_run(row: PlanRunRow) -> PlanRun:
    return PlanRun(
        id=row.id,
        mode=row.mode,
        status=row.status,
        by=row.by,
        started_at=row.started_at,
        updated_at=row.updated_at,
        finished_at=row.finished_at,
        progress=row.progress,
        summary=tuple(row.summary or ()),
        changes={name: list(ids) for name, ids in (row.changes or {}).items()},
        unscheduled=tuple(LeftOut(**item) for item in row.unscheduled or ()),
        error=row.error,
    )


def _live_row(register: Register, session: Any) -> PlanRunRow | None:
    """The newest run still queued or running and updated lately, if any."""
    fresh = PlanRunRow.updated_at > register.now() - ABANDONED
    query = select(PlanRunRow).where(PlanRunRow.status.in_(LIVE), fresh).order_by(PlanRunRow.id.desc())
    return session.scalars(query.limit(1)).first()


def queue_run(register: Register, mode: str, by: str) -> PlanRun:
    """Record a run about to start in the background; RunGoing when another is live (checked in the same write)."""
    with register.transaction(write=True) as session:
        going = _live_row(register, session)
        if going is not None:
            raise RunGoing(
                f"plan run {going.id} ({going.mode}, by {going.by}) is {going.status} since "
                f"{going.started_at:%Y-%m-%d %H:%M} UTC; wait for it to finish"
            )
        return _add(register, session, mode, by, "queued")


def start_run(register: Register, mode: str, by: str) -> PlanRun:
    """Record a run starting now (the command line: it does not wait for other runs)."""
    with register.transaction(write=True) as session:
        return _add(register, session, mode, by, "running")


def _add(register: Register, session: Any, mode: str, by: str, status: str) -> PlanRun:
    now = register.now()
    row = PlanRunRow(
        mode=mode, status=status, by=by[:64], started_at=now, updated_at=now, progress=0.0,
        summary=[], changes={}, unscheduled=[],
    )  # fmt: skip
    session.add(row)
    session.flush()
    return _to_run(row)


def _update(register: Register, run_id: int, **values: Any) -> None:
    with register.transaction(write=True) as session:
        row = session.get(PlanRunRow, run_id)
        if row is None:
            raise UsageError(f"no plan run {run_id} in the register")
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = register.now()


def set_progress(register: Register, run_id: int, progress: float) -> None:
    """The run is running and this far (0..1)."""
    _update(register, run_id, status="running", progress=min(1.0, max(0.0, progress)))


def finish_run(register: Register, run_id: int, outcome: PlanOutcome) -> None:
    """The run ended with a stored plan: its summary, what storing changed, the requests left out and why."""
    from tiptrain.planning import plan_summary_lines

    said = plan_summary_lines(outcome.plan)[:-1]  # the command line's words, less its "Next:" hint
    lines = [line.replace("listed above", "listed with the plan") for line in said]
    lines.append(f"Stored: {outcome.stored.describe()}.")
    requests = {request.id: request for request in outcome.inputs.requests}
    _update(
        register,
        run_id,
        status="done",
        progress=1.0,
        finished_at=register.now(),
        summary=lines,
        changes={name: ids for name in outcome.stored.counts() if (ids := getattr(outcome.stored, name))},
        unscheduled=[left_out(item, requests.get(item.request)) for item in outcome.plan.unscheduled],
    )


def left_out(item: Any, request: Request | None) -> dict[str, Any]:
    """An Unscheduled as the run stores it, with the request's country, city and programme."""
    return {
        "request": item.request,
        "country": request.country if request is not None else "",
        "city": request.city if request is not None else "",
        "programme": request.programme if request is not None else "",
        "kind": item.kind,
        "rule": item.rule,
        "reason": item.reason,
    }


def fail_run(register: Register, run_id: int, message: str) -> None:
    """The run stopped with an error: its message, as the command line would print it."""
    _update(register, run_id, status="failed", finished_at=register.now(), error=message or "the run failed")


def run(register: Register, run_id: int) -> PlanRun | None:
    """The run `run_id`, or None when the register has none."""
    with register.transaction() as session:
        row = session.get(PlanRunRow, run_id)
        return _to_run(row) if row is not None else None


def live_run(register: Register) -> PlanRun | None:
    """The run queued or running now in any process, if any."""
    with register.transaction() as session:
        row = _live_row(register, session)
        return _to_run(row) if row is not None else None


def last_runs(register: Register, statuses: Sequence[str] = ("done",), limit: int = 1) -> list[PlanRun]:
    """The newest runs with one of `statuses`, newest first."""
    query = select(PlanRunRow).where(PlanRunRow.status.in_(statuses)).order_by(PlanRunRow.id.desc()).limit(limit)
    with register.transaction() as session:
        return [_to_run(row) for row in session.scalars(query)]


class Recorder:
    """What `run_plan` uses to record its run: progress from the solver callback, then the end."""

    def __init__(self, register: Register, run_id: int, options: PlanOptions) -> None:
        self.register = register
        self.run_id = run_id
        self.given = options
        self.last_write = 0.0
        self.fraction = 0.0

    @property
    def options(self) -> PlanOptions:
        """The caller's options with the progress callback wrapped to record progress too."""
        return replace(self.given, progress=self.progress)

    def progress(self, objective: float, bound: float, seconds: float) -> None:
        """Pass the solver's report on, and record the share of the time limit used (at most once a second)."""
        if self.given.progress is not None:
            self.given.progress(objective, bound, seconds)
        self.fraction = max(self.fraction, min(0.95, seconds / self.given.time_limit))
        if time.monotonic() - self.last_write >= WRITE_EVERY:
            self.last_write = time.monotonic()
            self.quietly(set_progress, self.fraction)

    def quietly(self, action: Any, *values: Any) -> None:
        """Record without ever stopping the plan: a busy register only loses a progress or end note."""
        with suppress(TiptrainError, SQLAlchemyError):
            action(self.register, self.run_id, *values)


@contextmanager
def recording(register: Register, options: PlanOptions) -> Iterator[Recorder]:
    """Record the run of `options` (the web's queued run `options.run`, or a new one) around the block.

    The block calls `recorder.options` for the options to plan with and gives the outcome to
    `finish_run`; an exception leaves the run failed with its message, and is raised on unchanged.
    """
    if options.run is None:
        run_id = start_run(register, options.mode, options.by or COMMAND).id
    else:
        run_id = options.run
        set_progress(register, run_id, 0.0)
    recorder = Recorder(register, run_id, options)
    try:
        yield recorder
    except BaseException as error:
        recorder.quietly(fail_run, message_of(error))
        raise


def message_of(error: BaseException) -> str:
    """The error as the command line says it: the message of a TiptrainError, else its kind and text."""
    if isinstance(error, TiptrainError):
        return str(error)
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    return f"{type(error).__name__}: {error}"
