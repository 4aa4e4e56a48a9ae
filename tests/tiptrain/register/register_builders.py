"""Tiny builders for register tests, and the worker that several processes run at once.

Kept in a module of its own (not conftest) so that processes started with `spawn` can import the worker.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from exports.models import Participant
from scheduler.models import PeriodSummary, Plan, SolverInfo, Workshop

PERIOD = PeriodSummary(start=date(2026, 1, 1), end=date(2026, 6, 30), target=23)


def workshop(
    workshop_id: str,
    start: date,
    *,
    days: int = 3,
    trainers: tuple[str, ...] = ("t-amina", "t-pedro"),
    programme: str = "criminal-justice-3d",
    country: str = "ML",
) -> Workshop:
    """A workshop on `days` consecutive days from `start`."""
    dates = [start + timedelta(days=n) for n in range(days)]
    return Workshop(
        id=workshop_id,
        request=workshop_id.removeprefix("W-"),
        country=country,
        city="Bamako",
        programme=programme,
        language="fr",
        start=dates[0],
        end=dates[-1],
        days=dates,
        trainers=list(trainers),
    )


def plan(*workshops: Workshop, period: PeriodSummary = PERIOD) -> Plan:
    """A plan of these workshops for `period`."""
    solver = SolverInfo(status="OPTIMAL", objective=0, bound=0, gap=0.0, seconds=0.0)
    return Plan(period=period, workshops=list(workshops), unscheduled=[], solver=solver)


def person(name: str, attendance: list[bool], profession: str = "police", sex: str = "f") -> Participant:
    """A roster row from Mali."""
    return Participant.model_validate(
        {"name": name, "profession": profession, "sex": sex, "country": "ML", "attendance": attendance}
    )


def write_csv(path: Path, lines: list[str]) -> Path:
    """A CSV file with these lines (the first is the header)."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def worker_period(worker: int) -> PeriodSummary:
    """Worker `worker` plans its own month, so that the plans of different workers do not drop each other's."""
    first = date(2026, worker + 1, 1)
    last = date(2026, worker + 2, 1) - timedelta(days=1)
    return PeriodSummary(start=first, end=last, target=3)


def work(url: str, worker: int, barrier: object) -> None:
    """What one of several processes does at once: plan, re-plan, confirm, cancel, deliver, link a trainer."""
    from tiptrain.register.api import Register

    barrier.wait()  # type: ignore[attr-defined]
    period = worker_period(worker)
    start = period.start
    ids = [f"W-{worker}-{n}" for n in range(1, 4)]
    with Register(url) as register:
        register.store_plan(
            plan(*(workshop(i, start + timedelta(days=7 * n)) for n, i in enumerate(ids)), period=period)
        )
        register.store_plan(
            plan(*(workshop(i, start + timedelta(days=7 * n + 1)) for n, i in enumerate(ids)), period=period)
        )
        register.transition(ids[0], "confirmed", f"worker {worker}")
        register.transition(ids[1], "cancelled", f"worker {worker}")
        register.deliver(ids[0], [person(f"P{worker}-{n}", [True, n % 2 == 0, True]) for n in range(5)])
        register.link_trainer(ids[0], f"t-{worker}")
