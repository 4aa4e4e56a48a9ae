"""A coordinator's re-plan from the web, run in a background thread of the server process.

`start_replan` records the run as queued (refused with RunGoing while another run is live in any process),
then solves and stores in a thread, through the same use case as `tiptrain plan` (tiptrain.planning.run_plan,
keep mode: the published plan moves as little as possible). The request that started it answers at once;
the solver releases the GIL while it searches, so other requests are served meanwhile. The thread records
progress, the result or the error in the run (tiptrain.plan_runs); the plan page reads it from there.
"""

from __future__ import annotations

import threading

from curriculum.errors import UsageError
from tiptrain.plan_runs import PlanRun, fail_run, message_of, queue_run
from tiptrain.register.accounts import User
from tiptrain.web.state import Web

DEFAULT_SECONDS = 30.0
"""The solver's time limit when the form gives none: the command line's default."""
MAX_SECONDS = 600.0
_THREADS: dict[int, threading.Thread] = {}
"""The runs this process is working on, by run id (tests wait on them)."""


def time_limit(value: str | None) -> float:
    """The form's `time_limit` in seconds (1 to MAX_SECONDS), DEFAULT_SECONDS when empty; UsageError otherwise."""
    if value is None or not value.strip():
        return DEFAULT_SECONDS
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 1 <= seconds <= MAX_SECONDS:
        raise UsageError(f"time_limit {value!r}: expected seconds from 1 to {MAX_SECONDS:g}")
    return seconds


def start_replan(state: Web, user: User, seconds: float = DEFAULT_SECONDS) -> PlanRun:
    """Queue a re-plan by `user` and start it in a thread; RunGoing when a run is live already."""
    queued = queue_run(state.register, "plan", user.name)
    thread = threading.Thread(
        target=_work, args=(state, queued.id, user.name, seconds), name=f"tiptrain-replan-{queued.id}", daemon=True
    )
    _THREADS[queued.id] = thread
    thread.start()
    return queued


def _work(state: Web, run_id: int, by: str, seconds: float) -> None:
    """The thread: plan as `tiptrain plan` does; run_plan records progress and the end, errors included."""
    from tiptrain.planning import PlanOptions, run_plan

    try:
        settings, catalogue = state.workspace.settings(), state.workspace.catalogue()
    except Exception as error:  # any failure before planning is the run's failure, shown on the page
        fail_run(state.register, run_id, message_of(error))
        _THREADS.pop(run_id, None)
        return
    try:
        run_plan(settings, catalogue, PlanOptions(mode="plan", time_limit=seconds, by=by, run=run_id))
    except Exception:  # noqa: S110 (run_plan recorded the error in the run; nobody else is listening)
        pass
    finally:
        _THREADS.pop(run_id, None)


def wait(run_id: int, timeout: float = 120.0) -> None:
    """Wait for this process's thread of run `run_id` to end (nothing to wait for when it is not ours)."""
    thread = _THREADS.get(run_id)
    if thread is not None:
        thread.join(timeout)
