"""Plan speed and quality on the S, M and L instances of SPEC section 7.

For each size: the solver's status, objective and bound (priority points), gap, the median wall seconds of
`--runs` solves, and the scheduled priority against the greedy first-fit baseline. Every plan is also run
through the independent checker. The load average is printed because wall seconds on a shared machine
say as much about the neighbours as about the solver; deterministic time (the solver's own work count) does not.

    python benchmarks/plan_bench.py [--sizes S,M,L] [--runs 3] [--seed 1] [--workers 8]
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
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
