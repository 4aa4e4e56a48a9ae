"""Solving a period: the CP-SAT model of `scheduler.rules`, searched deterministically, read back as a Plan.

Determinism (SPEC 4: same inputs and seed, same plan byte for byte apart from timings) comes from CP-SAT's
interleaved search: the workers run fixed batches of tasks and share what they learn only between batches,
so the result depends on the model, the seed and the deterministic time spent, never on the worker count,
thread timing or machine load. `time_limit` is therefore turned into deterministic time (the solver's own
work count, see `deterministic_limit`), calibrated so that on the reference machine it ends a phase before
the wall clock does; each phase also gets its share of the wall seconds left before `plan`'s limit, which
keeps a run on a busier or slower machine within its limit, and a phase stopped by the wall clock is the
one case in which a plan may not repeat. A complete hint built from the greedy plan gives the search a
valid plan from its first second.

The goals are solved lexicographically (SPEC 4), one phase each: total priority, proven or with its gap;
then, keeping it, changes from the previous plan (re-plans); then km flown plus days off preferred dates,
first with every workshop's dates kept (teams and trips only), then with dates free, even load folded in as a
tie-breaker. Each phase keeps what the previous one reached as a constraint and starts from its plan as a
complete hint (the travel phase from the plan's teams changed for short trips, `scheduler.travel_hint`,
when they fly less); time a phase leaves unused carries over. `SolverInfo` gives status, objective, bound
and gap of the priority phase, in priority points (locked workshops included), and `phases` every step in
its unit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ortools.sat.python import cp_model

from curriculum.errors import NoFeasiblePlan
from scheduler.explain import explain_prepared
from scheduler.greedy import greedy_assignments
from scheduler.models import Phase, Plan, SolverInfo, SolverStatus
from scheduler.phases import DATES_KEPT, fix, hint_load, hint_values, keep_dates, release, steps_of, with_trips
from scheduler.problem import PlanningProblem, Prepared, locked_priority, plan_of, prepare
from scheduler.rules import Goal, Variables, build_model
from scheduler.travel import with_travel
from scheduler.travel_hint import placements_km, short_trip_teams

Progress = Callable[[float, float, float], None]
SECONDS_PER_DTIME = (3.0, 16000)
"""Measured wall seconds per unit of deterministic time on the 2-core reference machine: about 3, plus one
for every 16,000 model variables, because CP-SAT counts the work of the trainers' no-overlap constraints at
a fraction of what it costs, and the more intervals the larger that fraction. Measured with the priority
phase's model (no load literals since issue 16): L seed 5, 53,000 variables, 6.4 s per unit; before, with
them, 9.4 on L, 3.9 on M and 3.2 on S."""
DTIME_SHARE = 0.7
"""Share of `time_limit` granted to the search; the rest covers precomputation, model building, presolve
and the explanations, and leaves room on a busier machine."""
WALL_GUARD = 2.0
"""The wall-clock guard is this many times `time_limit` (plus ten seconds); hitting it is the one case in
which a plan may not repeat."""
MIN_WORKERS = 2
"""CP-SAT builds another portfolio for a single worker, so one worker would change the plan; two threads
cost nothing on one core."""
BATCH = 6
"""Tasks per interleaved batch. Fixed, rather than CP-SAT's default of three per worker, so that the plan
does not depend on `workers` either: workers only decide how many of a batch's tasks run at once."""
SUBSOLVERS = (
    "max_lp",
    "pseudo_costs",
    "rnd_var_lns",
    "rnd_cst_lns",
    "graph_var_lns",
    "graph_cst_lns",
    "graph_dec_lns",
    "graph_arc_lns",
)
_STATUS: dict[cp_model.CpSolverStatus, SolverStatus] = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE"}


@dataclass(frozen=True)
class _Scale:
    """Turns raw objective values into priority points."""

    weight: int
    offset: int

    def points(self, raw: float) -> float:
        return round(self.offset + raw / self.weight, 6)


class _Reporter(cp_model.CpSolverSolutionCallback):
    """Passes each improving solution's objective, bound and elapsed seconds to the caller."""

    def __init__(self, progress: Progress, scale: _Scale) -> None:
        super().__init__()
        self._progress = progress
        self._scale = scale
        self._began = time.perf_counter()

    def on_solution_callback(self) -> None:
        seconds = time.perf_counter() - self._began
        self._progress(self._scale.points(self.objective_value), self._scale.points(self.best_objective_bound), seconds)


def deterministic_limit(time_limit: float, variables: int) -> float:
    """The deterministic time that takes about `time_limit` wall seconds on the reference machine.

    It depends only on the limit and the model's size, never on the machine, so it keeps plans repeatable.
    """
    base, per = SECONDS_PER_DTIME
    return round(time_limit * DTIME_SHARE / (base + variables / per), 3)


def configure(solver: cp_model.CpSolver, *, seed: int, time_limit: float, workers: int, variables: int = 0) -> None:
    """Seeded, interleaved (deterministic) search under a deterministic limit, with a wall-clock guard.

    Probing in presolve is off and the portfolio is cut to the two LP-based full solvers that find the bound
    and the best solutions on this model plus the neighbourhood searches: measured on the S and M periods,
    the default portfolio spent most of its time loading full solvers whose work chunks take tens of seconds
    here, while this one proves both optimal in a few seconds.
    """
    params = solver.parameters
    params.random_seed = seed
    params.num_workers = max(MIN_WORKERS, workers)
    params.interleave_search = True
    params.interleave_batch_size = BATCH
    params.max_deterministic_time = deterministic_limit(time_limit, variables)
    params.max_time_in_seconds = time_limit * WALL_GUARD + 10.0
    params.cp_model_probing_level = 0
    params.filter_subsolvers.extend(SUBSOLVERS)
    params.log_search_progress = False


def add_greedy_hint(v: Variables, prepared: Prepared) -> None:
    """Start the search from the first-fit plan, which keeps the previous plan wherever it still can.

    Every variable is hinted, so the hint is a whole solution: a complete, feasible hint is taken as the
    first solution straight away, while a partial one has to be completed by search, which on large
    periods costs more than the rest of the solve.
    """
    previous = {w.request: (w.start, w.trainers) for w in prepared.problem.previous}
    add_hint(v, greedy_assignments(prepared, keep=previous))


def add_hint(v: Variables, chosen: Mapping[str, tuple[date, Sequence[str]]]) -> None:
    """Hint every variable of the model from placements (request id -> start, team in slot order)."""
    model = v.model
    for rid, present in v.present.items():
        placed = chosen.get(rid)
        start, team = placed if placed is not None else (None, ())
        model.add_hint(present, placed is not None)
        model.add_hint(v.start[rid], v.day(start) if start is not None else v.start[rid].proto.domain[0])
        for day, literal in v.x[rid].items():
            model.add_hint(literal, day == start)
        for k, slot in enumerate(v.y[rid]):
            for trainer, literal in slot.items():
                model.add_hint(literal, placed is not None and team[k] == trainer)
        places = {lit.index for slot in v.y[rid] for lit in slot.values()}
        for trainer, literal in v.works[rid].items():
            if literal.index not in places:
                model.add_hint(literal, trainer in team)
        if rid in v.restaffed:
            before = next(w.trainers for w in v.prepared.problem.previous if w.request == rid)
            model.add_hint(v.restaffed[rid], placed is not None and not set(before) <= set(team))
    hint_load(v, chosen)


def read_solution(solver: cp_model.CpSolver, v: Variables) -> dict[str, tuple[date, list[str]]]:
    """Request id -> (start, team in slot order) for every scheduled request.

    Each place holds exactly one trainer unless a test switched 'team-size' off; then a place may hold none.
    """
    chosen: dict[str, tuple[date, list[str]]] = {}
    for rid, present in v.present.items():
        if not solver.boolean_value(present):
            continue
        start = next(s for s, lit in v.x[rid].items() if solver.boolean_value(lit))
        team = [t for slot in v.y[rid] for t, lit in slot.items() if solver.boolean_value(lit)]
        chosen[rid] = (start, team)
    return chosen


FIRST_WALL_PART = 0.9
"""Share of the wall seconds left that the priority phase may use when the machine is too slow for its
deterministic time: priority comes before everything else (SPEC 4), and when little is left the travel
steps give way to the short-trip teams (`LATE`), which hold most of what they save."""
WALL_FLOOR = 2.0
"""A phase may run twice the wall seconds its deterministic time should take, up to this many, even past
its share: on the small models of short limits (the sample, tests) a phase overshoots its deterministic
limit by up to three quarters (CP-SAT finishes the batch it is in), and cutting it on the wall clock would
make the plan differ from run to run; on large models the share is far above this floor."""
MIN_PHASE_WALL = 0.5
"""Wall seconds a phase gets even when the deadline has passed: enough to take its complete hint (the
previous phase's plan) as its solution, so that a late phase never loses what the earlier ones reached."""


@dataclass
class _Budget:
    """The time limit's seconds left for the phases still to run, and the wall-clock deadline they share.

    Each phase gets its goal's share of what is left (the shares of the phases to come as the whole), so time
    a phase does not use, one proven early say, carries over to the next. That share is given twice: as
    deterministic time for the size of the model it runs on (`deterministic_limit`), charged back as used,
    which keeps the split and so the plan repeatable; and as the same share of the wall seconds left before
    the deadline, which keeps `plan` within its limit on a machine busier or slower than the reference one.
    Whichever ends a phase first ends it; only the wall clock's may change the plan from run to run. The
    first phase (priority) may use up to `FIRST_WALL_PART` of the wall seconds left.
    """

    seconds: float
    deadline: float
    """`time.perf_counter()` value by which every phase must have ended."""
    shares: list[float]

    first: bool = True

    def grant(self, variables: int, pace: float = 1.0) -> tuple[float, float]:
        share = self.shares.pop(0)
        part = share / (share + sum(self.shares))
        dtime = max(0.01, round(deterministic_limit(self.seconds * part, variables) / pace, 3))
        wall_part = max(part, FIRST_WALL_PART) if self.first else part
        self.first = False
        base, per = SECONDS_PER_DTIME
        floor = min(WALL_FLOOR, 2 * dtime * pace * (base + variables / per))
        return dtime, max(MIN_PHASE_WALL, floor, (self.deadline - time.perf_counter()) * wall_part)

    def spend(self, dtime: float, variables: int, pace: float = 1.0) -> None:
        base, per = SECONDS_PER_DTIME
        self.seconds = max(0.0, self.seconds - dtime * pace * (base + variables / per) / DTIME_SHARE)


def _phase(solver: cp_model.CpSolver, status: SolverStatus, goal: Goal, *, offset: int, seconds: float) -> Phase:
    """The phase's report: objective and bound in its own unit (priority points include locked workshops)."""
    objective = offset + solver.objective_value
    bound = objective if status == "OPTIMAL" else offset + solver.best_objective_bound
    if goal.maximise:
        gap = 0.0 if bound <= 0 else max(0.0, bound - objective) / abs(bound)
    else:
        gap = 0.0 if objective <= 0 else min(1.0, max(0.0, objective - bound) / abs(objective))
    return Phase(
        name=goal.name,
        status=status,
        objective=round(objective, 6),
        bound=round(bound, 6),
        gap=round(gap, 6),
        seconds=round(seconds, 3),
    )


def solve_prepared(
    prepared: Prepared,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 8,
    progress: Progress | None = None,
    travel: bool = True,
    deadline: float | None = None,
) -> Plan:
    """The best plan found for a prepared problem, without reasons for what it left out.

    The goals are solved one after the other (lexicographically, SPEC 4): each phase optimises its goal, then
    keeps the value it reached as a constraint and hands its solution on as the next phase's complete hint.
    The km of trips join the travel goal only after the priority phase; `travel=False` leaves them out
    (benchmarks compare against that). Every phase ends by `deadline` (a `time.perf_counter()` value;
    `time_limit` from now when not given), but for the moment a late phase needs to take its hint.
    """
    v, goals = build_model(prepared)
    add_greedy_hint(v, prepared)
    trips = travel and "overlap" not in prepared.problem.disabled
    steps = steps_of(goals, travel=trips)
    ends = deadline if deadline is not None else time.perf_counter() + time_limit
    budget = _Budget(time_limit, ends, [g.share for g in steps])
    offset = locked_priority(prepared)
    phases: list[Phase] = []
    solver: cp_model.CpSolver | None = None
    chosen: dict[str, tuple[date, list[str]]] = {}
    for index in range(len(steps)):
        if solver is not None:
            fix(v, steps[index - 1], solver)
            better = short_trips(v, chosen, budget.deadline) if trips and v.trips is None else None
            if better is None:
                hint_values(v, solver)
            else:
                v.model.clear_hints()
                add_hint(v, better)
                chosen = better
            if steps[index].name in TRAVEL_STEPS and budget.deadline - time.perf_counter() < LATE * time_limit:
                break  # too late to build the trips into the model: the plan (short-trip teams) stands
            steps[index:] = [with_trips(v, later, chosen, trips=trips) for later in steps[index:]]
        goal = steps[index]
        reporter = _Reporter(progress, _Scale(1, offset)) if progress is not None and index == 0 else None
        began = time.perf_counter()
        kept = keep_dates(v, solver) if goal.name == DATES_KEPT else {}
        solver, status = _run(v, goal, budget, seed=seed, workers=workers, reporter=reporter)
        release(v, kept)
        if status not in _STATUS:
            if index == 0:
                raise NoFeasiblePlan(f"the solver found no plan within {time_limit:g} s ({solver.status_name(status)})")
            break  # a later phase that found nothing (its hint was a plan): the previous phase's plan stands
        seconds = time.perf_counter() - began
        phases.append(_phase(solver, _STATUS[status], goal, offset=offset if index == 0 else 0, seconds=seconds))
        chosen = read_solution(solver, v)
    first = phases[0]
    info = SolverInfo(
        status=first.status,
        objective=first.objective,
        bound=first.bound,
        gap=first.gap,
        seconds=first.seconds,
        phases=phases,
    )
    return plan_of(prepared, chosen, info)


def short_trips(
    v: Variables, chosen: dict[str, tuple[date, list[str]]], deadline: float
) -> dict[str, tuple[date, list[str]]] | None:
    """The plan's teams changed for short trips (`scheduler.travel_hint`) when they fly less, else None.

    The search stops at the deadline, or a moment after it when it is already past (`MIN_PHASE_WALL`).
    """
    prepared = v.prepared
    until = max(deadline, time.perf_counter() + MIN_PHASE_WALL)
    better = short_trip_teams(prepared, chosen, keep=[w.request for w in prepared.problem.previous], until=until)
    if placements_km(prepared, better) >= placements_km(prepared, chosen):
        return None
    return {rid: (start, list(team)) for rid, (start, team) in better.items()}


LATE = 0.1
"""The travel steps run only while this share of the time limit is left before the deadline: building the
trips into the L period's model takes 5 s on a quiet machine and ten times that on a loaded one, and the
short-trip teams already hold most of the km the travel steps save (L: all of it, M: about 95 %)."""
TRAVEL_STEPS = (DATES_KEPT, "travel")


UNPRESOLVED_PACE = 2.0
"""Both travel steps run without presolve: presolving the trips took the travel step's whole share on the M
period, and with dates fixed CP-SAT 9.15 aborted in presolve on one M instance ("heuristics.fixed_search
!= nullptr", seed 3). Unpresolved, the travel step costs about twice the wall seconds per unit of
deterministic time that `SECONDS_PER_DTIME` gives."""


def _run(
    v: Variables,
    goal: Goal,
    budget: _Budget,
    *,
    seed: int,
    workers: int,
    reporter: _Reporter | None,
) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
    """Solve one phase under its share of the budget, and charge the budget what it used."""
    if goal.maximise:
        v.model.maximize(goal.expression)
    else:
        v.model.minimize(goal.expression)
    variables = len(v.model.proto.variables)
    pace = UNPRESOLVED_PACE if goal.name == "travel" else 1.0  # the dates-kept step keeps the usual pace
    dtime, wall = budget.grant(variables, pace)
    solver = cp_model.CpSolver()
    configure(solver, seed=seed, time_limit=1.0, workers=workers)
    solver.parameters.max_deterministic_time = dtime
    solver.parameters.max_time_in_seconds = wall
    if goal.name in (DATES_KEPT, "travel"):
        solver.parameters.cp_model_presolve = False  # see UNPRESOLVED_PACE
    status = solver.solve(v.model, reporter)
    budget.spend(solver.response_proto.deterministic_time, variables, pace)
    return solver, status


AFTER_SHARE = 0.1
"""Share of the time limit kept for what follows the search: a reason for every request left out and the
trips of the plan (measured on the L period: 0.3 s on a quiet machine, 1.1 s on a loaded one, of 120 s), and
margin for a machine busier still."""


def solve(
    problem: PlanningProblem,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 8,
    progress: Progress | None = None,
    travel: bool = True,
) -> Plan:
    """Plan the period: the best plan found within `time_limit`, with a reason for every request left out.

    `progress(objective, bound, seconds)` is called on each improving solution, in priority points. The
    phases end `AFTER_SHARE` of the limit before it, which leaves the time the explanations and the trips
    take afterwards.
    """
    began = time.perf_counter()
    prepared = prepare(problem)
    deadline = began + time_limit * (1 - AFTER_SHARE)
    plan = solve_prepared(
        prepared, seed=seed, time_limit=time_limit, workers=workers, progress=progress, travel=travel, deadline=deadline
    )
    reasons = explain_prepared(prepared, plan)
    seconds = round(time.perf_counter() - began, 3)
    info = plan.solver.model_copy(update={"seconds": seconds})
    plan = with_travel(plan, problem.trainers, problem.max_gap_days)
    return plan.model_copy(update={"unscheduled": reasons, "solver": info})
