"""Solving a period: the CP-SAT model of `scheduler.rules`, searched deterministically, read back as a Plan.

Determinism (SPEC 4: same inputs and seed, same plan byte for byte apart from timings) comes from CP-SAT's
interleaved search: the workers run fixed batches of tasks and share what they learn only between batches,
so the result depends on the model, the seed and the deterministic time spent, never on the worker count,
thread timing or machine load. `time_limit` is therefore turned into deterministic time (the solver's own
work count, see `deterministic_limit`); a wall-clock guard well above it only stops a run on a machine far slower
than expected, and a run stopped by that guard is the one case that may not repeat. A complete hint built
from the greedy plan gives the search a valid plan from its first second.

Objective and bound are reported in priority points: the total priority of the plan's workshops (locked ones
included), less the lower-tier penalties (changes from the previous plan, distance from preferred dates,
uneven load, travel), which together always weigh less than one point, so the priority scheduled is the
objective rounded up. The gap is the relative difference between bound and objective.
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
from scheduler.models import Plan, SolverInfo
from scheduler.problem import PlanningProblem, Prepared, locked_priority, plan_of, prepare
from scheduler.rules import Variables, build_model

Progress = Callable[[float, float, float], None]
SECONDS_PER_DTIME = (3.0, 8000)
"""Measured wall seconds per unit of deterministic time on the 2-core reference machine: about 3, plus one
for every 8,000 model variables (S 3.2, M 3.9, L 9.4), because CP-SAT counts the work of the trainers'
no-overlap constraints at a fraction of what it costs, and the more intervals the larger that fraction."""
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
_STATUS = {cp_model.OPTIMAL: "OPTIMAL", cp_model.FEASIBLE: "FEASIBLE"}


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
    load: dict[str, int] = {}
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
            load[trainer] = load.get(trainer, 0) + (trainer in team)
        if rid in v.restaffed:
            before = next(w.trainers for w in v.prepared.problem.previous if w.request == rid)
            model.add_hint(v.restaffed[rid], placed is not None and not set(before) <= set(team))
    for trainer, chain in v.load.items():
        for k, literal in enumerate(chain, start=1):
            model.add_hint(literal, k <= load.get(trainer, 0))


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


def _info(solver: cp_model.CpSolver, status: str, scale: _Scale, seconds: float) -> SolverInfo:
    objective = scale.points(solver.objective_value)
    bound = scale.points(solver.best_objective_bound)
    if status == "OPTIMAL":
        bound = objective
    gap = 0.0 if bound <= 0 else round(max(0.0, bound - objective) / abs(bound), 6)
    return SolverInfo(status=status, objective=objective, bound=bound, gap=gap, seconds=round(seconds, 3))


def solve_prepared(
    prepared: Prepared,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 8,
    progress: Progress | None = None,
) -> Plan:
    """The best plan found for a prepared problem, without reasons for what it left out."""
    began = time.perf_counter()
    v, objective = build_model(prepared)
    add_greedy_hint(v, prepared)
    scale = _Scale(objective.priority_weight, locked_priority(prepared))
    solver = cp_model.CpSolver()
    variables = len(v.model.proto.variables)
    configure(solver, seed=seed, time_limit=time_limit, workers=workers, variables=variables)
    reporter = _Reporter(progress, scale) if progress is not None else None
    status = solver.solve(v.model, reporter)
    if status not in _STATUS:
        raise NoFeasiblePlan(f"the solver found no plan within {time_limit:g} s ({solver.status_name(status)})")
    info = _info(solver, _STATUS[status], scale, time.perf_counter() - began)
    return plan_of(prepared, read_solution(solver, v), info)


def solve(
    problem: PlanningProblem,
    *,
    seed: int = 0,
    time_limit: float = 10.0,
    workers: int = 8,
    progress: Progress | None = None,
) -> Plan:
    """Plan the period: the best plan found within `time_limit`, with a reason for every request left out.

    `progress(objective, bound, seconds)` is called on each improving solution, in priority points.
    """
    began = time.perf_counter()
    prepared = prepare(problem)
    plan = solve_prepared(prepared, seed=seed, time_limit=time_limit, workers=workers, progress=progress)
    reasons = explain_prepared(prepared, plan)
    seconds = round(time.perf_counter() - began, 3)
    info = plan.solver.model_copy(update={"seconds": seconds})
    return plan.model_copy(update={"unscheduled": reasons, "solver": info})
