"""Plan speed and quality on the S, M and L instances of SPEC section 7.

For each size: the solver's status, objective and bound (priority points), gap, the median wall seconds of
`--runs` solves, and the scheduled priority against the greedy first-fit baseline. Every plan is also run
through the independent checker. The load average is printed because wall seconds on a shared machine
say as much about the neighbours as about the solver; deterministic time (the solver's own work count) does not.

    python benchmarks/plan_bench.py [--sizes S,M,L] [--runs 3] [--seed 1] [--workers 8]

`--travel` reports instead, per size and seed (`--seeds 1,2,3`), the priority of the plan against the
proven priority optimum (the priority phase alone under `--optimum-limit` seconds), and its km and trips
against the greedy baseline and against the planner without km in its objective (`travel=False`).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from dataclasses import dataclass

from instances import SIZES, make_instance

from scheduler.check import violations
from scheduler.greedy import greedy_plan
from scheduler.models import Plan
from scheduler.problem import prepare
from scheduler.solver import solve

BUDGETS = {"S": 5.0, "M": 30.0, "L": 120.0}
"""Wall-clock budgets of SPEC 7 on a 2-core machine, used as each size's time limit."""


@dataclass
class Row:
    size: str
    status: str
    objective: float
    bound: float
    gap: float
    seconds: float
    priority: int
    greedy: int
    broken: int
    same: bool

    def line(self) -> str:
        ratio = self.priority / self.greedy if self.greedy else float("nan")
        return (
            f"{self.size:<4} {self.status:<9} {self.objective:>10.3f} {self.bound:>10.3f} {self.gap:>7.2%} "
            f"{self.seconds:>8.1f} {BUDGETS[self.size]:>6.0f} {self.priority:>6} {self.greedy:>6} {ratio:>6.3f} "
            f"{self.broken:>4} {'yes' if self.same else 'NO':>5}"
        )


HEADER = (
    f"{'size':<4} {'status':<9} {'objective':>10} {'bound':>10} {'gap':>7} {'median s':>8} {'budget':>6} "
    f"{'prio':>6} {'greedy':>6} {'ratio':>6} {'bad':>4} {'same':>5}"
)


def priority(plan: Plan) -> int:
    return sum(w.priority or 0 for w in plan.workshops)


def _fingerprint(plan: Plan) -> str:
    return plan.model_copy(update={"solver": plan.solver.model_copy(update={"seconds": 0.0})}).model_dump_json()


def bench(size: str, runs: int, seed: int, workers: int, time_limit: float | None) -> Row:
    problem = make_instance(size, seed)
    greedy = greedy_plan(problem, explain_left_out=False)
    plans: list[Plan] = []
    seconds: list[float] = []
    for _ in range(runs):
        began = time.perf_counter()
        plans.append(solve(problem, seed=0, time_limit=time_limit or BUDGETS[size], workers=workers))
        seconds.append(time.perf_counter() - began)
    last = plans[-1]
    return Row(
        size=size,
        status=last.solver.status,
        objective=last.solver.objective,
        bound=last.solver.bound,
        gap=last.solver.gap,
        seconds=statistics.median(seconds),
        priority=priority(last),
        greedy=priority(greedy),
        broken=len(violations(problem, last)),
        same=len({_fingerprint(p) for p in plans}) == 1,
    )


TRAVEL_HEADER = (
    f"{'size':<4} {'seed':>4} {'prio':>5} {'optimum':>8} {'p1 gap':>7} {'km':>9} {'no-km':>9} {'greedy':>9} "
    f"{'vs no-km':>8} {'trips':>5} {'no-km':>5} {'greedy':>6} {'s':>6} {'bad':>3}"
)


def priority_optimum(size: str, seed: int, time_limit: float) -> tuple[float, str]:
    """The priority phase alone under a long limit: the best total priority and whether it is proven."""
    from ortools.sat.python import cp_model

    from scheduler.problem import locked_priority
    from scheduler.rules import build_model
    from scheduler.solver import configure

    prepared = prepare(make_instance(size, seed))
    v, goals = build_model(prepared)
    v.model.maximize(goals[0].expression)
    solver = cp_model.CpSolver()
    configure(solver, seed=0, time_limit=time_limit, workers=8, variables=len(v.model.proto.variables))
    status = solver.solve(v.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return float("nan"), "?"
    proven = "=" if status == cp_model.OPTIMAL else f"<={solver.best_objective_bound + locked_priority(prepared):g}"
    return solver.objective_value + locked_priority(prepared), proven


def travel_line(size: str, seed: int, optimum_limit: float, time_limit: float | None) -> str:
    """One row of the travel report (see the module docstring)."""
    from scheduler.travel import plan_trips

    problem = make_instance(size, seed)
    greedy = greedy_plan(problem, explain_left_out=False)
    began = time.perf_counter()
    plan = solve(problem, seed=0, time_limit=time_limit or BUDGETS[size])
    seconds = time.perf_counter() - began
    plain = solve(problem, seed=0, time_limit=time_limit or BUDGETS[size], travel=False)
    greedy_travel, _ = plan_trips(problem.trainers, greedy.workshops)
    best, proven = priority_optimum(size, seed, optimum_limit)
    first = plan.solver.phases[0]
    change = plan.travel.km / plain.travel.km - 1 if plain.travel.km else 0.0
    optimum = proven if math.isnan(best) else proven[:1] + format(best, "g")
    return (
        f"{size:<4} {seed:>4} {priority(plan):>5} {optimum:>8} {first.gap:>7.2%} "
        f"{plan.travel.km:>9} {plain.travel.km:>9} {greedy_travel.km:>9} {change:>8.1%} {plan.travel.trips:>5} "
        f"{plain.travel.trips:>5} {greedy_travel.trips:>6} {seconds:>6.1f} {len(violations(problem, plan)):>3}"
    )


def describe(size: str, seed: int) -> str:
    dims = SIZES[size]
    prepared = prepare(make_instance(size, seed))
    modelled = [c for c in prepared.candidates.values() if c.team_starts]
    starts = sum(len(c.team_starts) for c in modelled)
    slots = sum(len(s) for c in modelled for s in c.qualified)
    return (
        f"{size}: {dims.requests} requests, {dims.trainers} trainers, {dims.months} months, target {dims.target}; "
        f"{len(modelled)} plannable, {starts} start and {slots} trainer-place variables"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="S,M,L")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1, help="instance seed")
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=None, help="instead of each size's budget")
    parser.add_argument("--travel", action="store_true", help="priority against its optimum, km and trips")
    parser.add_argument("--seeds", default="1", help="instance seeds for --travel")
    parser.add_argument("--optimum-limit", type=float, default=300.0, help="seconds for the priority optimum")
    args = parser.parse_args()
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    if args.travel:
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print(TRAVEL_HEADER)
        for size in sizes:
            for seed in (int(s) for s in args.seeds.split(",")):
                print(travel_line(size, seed, args.optimum_limit, args.time_limit), flush=True)
        return
    print(
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.runs} runs each, workers {args.workers}"
    )
    for size in sizes:
        print(describe(size, args.seed))
    print(HEADER)
    for size in sizes:
        print(bench(size, args.runs, args.seed, args.workers, args.time_limit).line(), flush=True)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
