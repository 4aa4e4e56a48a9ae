"""Planning a workspace's period: read its inputs, ask the register what may not move, solve, store.

The commands `plan` and `replan` are thin: they parse options and render; this module joins the settings,
the catalogue, the input files, the solver and the register in one place (the use case `run_plan`).

A published plan stays put: when the period already has workshops, `plan` re-plans from them with the
fewest moves and re-staffings (as `replan` does); only `fresh` starts again from the locked workshops.
The register is read once, the solver runs without holding any lock, and the plan is stored, with the
trainers' `trained_at` links, in one write transaction that first checks the register did not change
meanwhile and that the plan breaks no rule against its locked workshops. If it changed, the plan is
solved again from the new state, at most ATTEMPTS times in all.

A request the planner dropped in an earlier re-plan (status cancelled, "dropped by re-plan") may come
back: it keeps its workshop id, so the stored workshop is planned again in place (see
tiptrain.register.store). A request whose workshop a person cancelled stays out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from curriculum.dates import parse_span
from curriculum.errors import UsageError
from curriculum.models import Catalogue
from scheduler.models import Plan, Request, Trainer, Workshop
from scheduler.problem import PlanningProblem
from scheduler.restaff import Restaffing, restaff, with_restaffed
from tiptrain.settings import Settings

if TYPE_CHECKING:
    from scheduler.replan import PlanDiff
    from tiptrain.register.api import Register
    from tiptrain.register.inputs import Changes
    from tiptrain.register.snapshot import PeriodState
    from tiptrain.register.store import StoreSummary

Progress = Callable[[float, float, float], None]
Mode = Literal["plan", "fresh", "replan"]
ATTEMPTS = 3
"""Solves before giving up when other commands keep changing the register: the first and two re-solves."""
REASONS: dict[Mode, str] = {"plan": "plan", "fresh": "fresh plan", "replan": "re-plan"}


@dataclass(frozen=True)
class Inputs:
    """The trainers and the accepted requests the plan is made from, and what importing the files changed."""

    trainers: list[Trainer]
    requests: list[Request]
    imported: tuple[Changes, ...] = ()
    """The change list of each workspace file imported first (none when no file changed)."""


def load_inputs(settings: Settings, catalogue: Catalogue) -> Inputs:
    """The register's trainers and accepted requests, after importing the workspace files that changed.

    With requests.yaml / trainers.yaml in the workspace, each one changed since the last plan is imported
    first (every problem of both files reported together, nothing written then); without them the
    register alone is the input (tiptrain.inputs_sync).
    """
    from tiptrain.inputs_sync import import_workspace, planning_inputs
    from tiptrain.register.api import Register

    with Register(settings.register_url) as register:
        imported = import_workspace(register, settings, catalogue)
        trainers, requests = planning_inputs(register, catalogue)
    return Inputs(trainers, requests, tuple(imported))


def parse_away(values: Sequence[str], trainers: Sequence[Trainer]) -> list[tuple[str, date, date]]:
    """`ID:FROM..TO` options as (trainer id, first day, last day); UsageError names the bad one."""
    known = {trainer.id for trainer in trainers}
    away: list[tuple[str, date, date]] = []
    for value in values:
        trainer_id, _, span = value.partition(":")
        try:
            first, last = parse_span(span)
        except ValueError as error:
            example = "t-amina:2027-03-01..2027-03-14"
            raise UsageError(f"--trainer-away {value!r}: expected ID:FROM..TO, e.g. {example}: {error}") from None
        if trainer_id not in known:
            raise UsageError(f"--trainer-away {value!r}: no trainer {trainer_id!r} among the trainers")
        if last < first:
            raise UsageError(f"--trainer-away {value!r}: the last day comes before the first")
        away.append((trainer_id, first, last))
    return away


def build_problem(
    settings: Settings,
    catalogue: Catalogue,
    inputs: Inputs,
    state: PeriodState,
    *,
    with_previous: bool = False,
    away: Sequence[tuple[str, date, date]] = (),
    dropped: Sequence[str] = (),
) -> PlanningProblem:
    """The planning problem of the workspace, as the register stood in `state`.

    Confirmed and delivered workshops come locked (those of other periods only block their trainers);
    requests whose workshop in this period a person cancelled stay out (final, SPEC 6) and so do requests
    dropped on the command line. A request the planner itself dropped earlier may come back. Trainer
    absences are those given now plus those the register recorded from earlier re-plans.
    """
    known = {request.id for request in inputs.requests}
    unknown = [request_id for request_id in dropped if request_id not in known]
    if unknown:
        raise UsageError(f"--drop: no accepted request {', '.join(map(repr, unknown))} to drop")
    cancelled = {w.request for w in state.workshops if w.id in state.final}
    return PlanningProblem(
        period=settings.period,
        trainers=inputs.trainers,
        requests=inputs.requests,
        programmes=catalogue.programmes,
        locked=state.locked,
        previous=state.published() if with_previous else (),
        away=tuple(dict.fromkeys([*away, *state.absences])),
        dropped=frozenset(dropped) | (cancelled & known),
        workshop_ids=assign_workshop_ids([r.id for r in inputs.requests], state, settings.period.start.year),
        max_gap_days=settings.file.planning.max_gap_days,
        km_per_preferred_day=settings.file.planning.km_per_preferred_day,
    )


def assign_workshop_ids(request_ids: Sequence[str], state: PeriodState, year: int) -> dict[str, str]:
    """The workshop id of each request: the one its workshop in this period has, else a new unused one.

    A new workshop is W-{request}, unless an earlier period's workshop took that id (a request id reused
    next year): then W-{request}-{year of the period's start}, with -2, -3... if that is taken too. Once
    stored, the period's workshop keeps its id in every later plan of the period.
    """
    ours: dict[str, str] = {}
    for workshop in sorted(state.workshops, key=lambda w: (w.status == "cancelled", w.id)):
        ours.setdefault(workshop.request, workshop.id)
    used = set(state.taken)
    ids: dict[str, str] = {}
    for request_id in request_ids:
        chosen = ours.get(request_id) or _unused(f"W-{request_id}", year, used)
        used.add(chosen)
        ids[request_id] = chosen
    return ids


def _unused(base: str, year: int, used: set[str]) -> str:
    if base not in used:
        return base
    chosen, number = f"{base}-{year}", 2
    while chosen in used:
        chosen, number = f"{base}-{year}-{number}", number + 1
    return chosen


def plan_summary_lines(plan: Plan) -> list[str]:
    """Two or three lines a coordinator reads after planning: what was planned, what was left out, next step."""
    requested = len(plan.workshops) + len(plan.unscheduled)
    lines = [
        f"{len(plan.workshops)} workshops planned of {requested} requests (target {plan.period.target}); "
        f"solver {plan.solver.status.lower()}, gap {plan.solver.gap:.1%}, {plan.solver.seconds:.1f} s."
    ]
    if plan.unscheduled:
        impossible = sum(1 for u in plan.unscheduled if u.kind == "impossible")
        lines.append(
            f"{len(plan.unscheduled)} requests left out ({impossible} impossible, "
            f"{len(plan.unscheduled) - impossible} displaced); their reasons are listed above."
        )
    lines.append("Next: `tiptrain workshops confirm ID` once a host confirms, or `tiptrain export ics -o plan.ics`.")
    return lines


@dataclass(frozen=True)
class PlanOptions:
    """What the coordinator asked for: which kind of plan, absences and drops (replan), solver settings."""

    mode: Mode = "plan"
    away: Sequence[str] = ()
    dropped: Sequence[str] = ()
    seed: int = 0
    time_limit: float = 30.0
    progress: Progress | None = None
    by: str | None = None
    """Who asked, named in the workshop history and the plan run: the web user (None: the command line)."""
    run: int | None = None
    """The plan run the web queued for this plan (tiptrain.plan_runs); None: a new run is recorded."""


@dataclass(frozen=True)
class PlanOutcome:
    """What planning did: the plan, the change from the period's published plan, what storing wrote."""

    inputs: Inputs
    plan: Plan
    diff: PlanDiff | None
    """None when the plan started from nothing but the locked workshops."""
    kept: int
    """Workshops of the period (not cancelled) the plan started from; 0 for a fresh plan."""
    stored: StoreSummary
    unknown_links: list[str]
    attempts: int
    restaffing: Restaffing
    """Confirmed workshops given a replacement for an absent trainer, and those nobody qualified for."""
    absences: list[tuple[str, date, date]]
    """Every trainer absence the plan respected: those given now and those recorded before."""


def period_state(settings: Settings) -> PeriodState:
    """The register's state for the workspace's period (e.g. to count what a fresh plan may move)."""
    from tiptrain.register.api import Register

    with Register(settings.register_url) as register:
        return register.period_state(settings.period.start, settings.period.end)


def run_plan(settings: Settings, catalogue: Catalogue, options: PlanOptions) -> PlanOutcome:
    """Plan the period and store the plan, recorded as a plan run (progress, result or error) in the register."""
    from tiptrain.plan_runs import finish_run, recording
    from tiptrain.register.api import Register

    with Register(settings.register_url) as register, recording(register, options) as recorder:
        outcome = _plan_and_store(settings, catalogue, recorder.options)
        recorder.quietly(finish_run, outcome)
    return outcome


def _plan_and_store(settings: Settings, catalogue: Catalogue, options: PlanOptions) -> PlanOutcome:
    """Plan the period and store the plan, re-solving when the register changed during the solve."""
    from tiptrain.register.api import Register, RegisterChanged

    inputs = load_inputs(settings, catalogue)
    absences = parse_away(options.away, inputs.trainers)
    with Register(settings.register_url) as register:
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return plan_once(
                    register, settings, catalogue, inputs=inputs, absences=absences, options=options, attempt=attempt
                )
            except RegisterChanged:
                if attempt == ATTEMPTS:
                    raise
    raise AssertionError("unreachable: the last attempt returns or raises")


def plan_once(
    register: Register,
    settings: Settings,
    catalogue: Catalogue,
    *,
    inputs: Inputs,
    absences: Sequence[tuple[str, date, date]],
    options: PlanOptions,
    attempt: int = 1,
) -> PlanOutcome:
    """Read the register, solve without a lock, store in one checked transaction (RegisterChanged if stale)."""
    state = register.period_state(settings.period.start, settings.period.end)
    keep = options.mode == "replan" or (options.mode == "plan" and bool(state.published()))
    problem = build_problem(
        settings, catalogue, inputs, state, with_previous=keep, away=absences, dropped=options.dropped
    )
    restaffing = restaff(problem)
    problem = with_restaffed(problem, restaffing)
    plan, diff = solve_problem(problem, keep, options)
    stored, unknown = register.store_if_unchanged(
        plan,
        state,
        reason=REASONS[options.mode],
        check=rule_check(problem, plan),
        trainers=inputs.trainers,
        dropped=options.dropped,
        absences=absences,
        restaffed=restaffing.restaffed,
        by=options.by,
    )
    kept = len(state.published()) if keep else 0
    return PlanOutcome(inputs, plan, diff, kept, stored, unknown, attempt, restaffing, sorted(problem.away))


def solve_problem(problem: PlanningProblem, keep: bool, options: PlanOptions) -> tuple[Plan, PlanDiff | None]:
    """Solve from the previous plan with the fewest changes when `keep`, else from the locked workshops only."""
    from scheduler.replan import replan
    from scheduler.solver import solve

    if keep:
        return replan(problem, seed=options.seed, time_limit=options.time_limit, progress=options.progress)
    return solve(problem, seed=options.seed, time_limit=options.time_limit, progress=options.progress), None


def rule_check(problem: PlanningProblem, plan: Plan) -> Callable[[list[Workshop]], list[str]]:
    """The check the store runs in its transaction: every hard rule, against the locked workshops then."""
    from scheduler.check import violations

    def check(locked: list[Workshop]) -> list[str]:
        return violations(dataclasses.replace(problem, locked=locked), plan)

    return check
