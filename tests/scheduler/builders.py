"""Tiny builders for planning tests: every argument has a dull default, so a test names only what matters.

The default world is France in March 2026: weekdays from Monday 2 March, no public holidays until Easter
Monday (6 April), English-speaking law-enforcement trainers living in France (no travel days at home).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from datetime import date, timedelta

from ortools.sat.python import cp_model

from curriculum.models import Participants, Programme
from scheduler.models import DateRange, Period, Request, Trainer, Window, Workshop
from scheduler.problem import Candidate, PlanningProblem, Prepared, prepare
from scheduler.rules import (
    Variables,
    create_variables,
    one_start_per_scheduled_request,
    one_trainer_per_slot,
    scheduled_priority,
)
from scheduler.solver import read_solution

MONDAY = date(2026, 3, 2)
PERIOD = Period(start=date(2026, 3, 1), end=date(2026, 3, 31), target=23)


def day(offset: int) -> date:
    """The day `offset` days after Monday 2 March 2026."""
    return MONDAY + timedelta(days=offset)


def programme(id: str = "one-day", *, days: int = 1, team: dict[str, int] | None = None) -> Programme:
    return Programme.model_validate(
        {
            "id": id,
            "title": {"en": id},
            "days": days,
            "units": ["U-1"],
            "team": team or {"law-enforcement": 1},
            "audiences": ["police"],
            "participants": Participants(min=10, max=20),
        }
    )


def trainer(
    id: str = "t-a",
    *,
    expertise: Iterable[str] = ("law-enforcement",),
    languages: Iterable[str] = ("en",),
    home: str = "FR",
    max_workshops: int = 6,
    travel_days: int = 1,
    unavailable: Iterable[tuple[date, date]] = (),
) -> Trainer:
    return Trainer.model_validate(
        {
            "id": id,
            "name": id,
            "expertise": list(expertise),
            "languages": list(languages),
            "home": home,
            "max_workshops": max_workshops,
            "travel_days": travel_days,
            "unavailable": [DateRange.model_validate({"from": a, "to": b}) for a, b in unavailable],
        }
    )


def request(
    id: str = "r-a",
    *,
    country: str = "FR",
    programme: str = "one-day",
    language: str = "en",
    earliest: date = MONDAY,
    latest: date = date(2026, 3, 31),
    preferred: date | None = None,
    priority: int = 3,
    avoid: Iterable[str] = (),
    interpretation: bool = False,
) -> Request:
    return Request.model_validate(
        {
            "id": id,
            "country": country,
            "city": "Lyon" if country == "FR" else "Capital",
            "programme": programme,
            "language": language,
            "audiences": ["police"],
            "participants": 20,
            "window": Window(earliest=earliest, latest=latest),
            "preferred_start": preferred,
            "priority": priority,
            "avoid": list(avoid),
            "interpretation": interpretation,
        }
    )


def workshop(
    request_id: str = "r-a",
    *,
    start: date = MONDAY,
    days: int = 1,
    trainers: Iterable[str] = ("t-a",),
    country: str = "FR",
    status: str = "planned",
    programme: str = "one-day",
    priority: int | None = 3,
) -> Workshop:
    all_days = [start + timedelta(days=i) for i in range(days)]
    return Workshop.model_validate(
        {
            "id": f"W-{request_id}",
            "request": request_id,
            "country": country,
            "city": "Lyon",
            "programme": programme,
            "language": "en",
            "start": start,
            "end": all_days[-1],
            "days": all_days,
            "trainers": list(trainers),
            "status": status,
            "priority": priority,
        }
    )


def problem(
    trainers: Iterable[Trainer] = (),
    requests: Iterable[Request] = (),
    programmes: Iterable[Programme] = (),
    period: Period = PERIOD,
    target: int | None = None,
    **extra: object,
) -> PlanningProblem:
    """A planning problem; the one-day programme is always there, `extra` passes locked, previous, away, dropped."""
    known = {p.id: p for p in [programme(), *programmes]}
    if target is not None:
        period = period.model_copy(update={"target": target})
    return PlanningProblem(
        period=period,
        trainers=list(trainers) or [trainer()],
        requests=list(requests),
        programmes=known,
        **extra,  # type: ignore[arg-type]
    )


def with_candidate(prepared: Prepared, request_id: str, **changes: object) -> Prepared:
    """The prepared problem with one candidate's precomputed facts replaced, to hand a rule what it must stop."""
    candidate: Candidate = dataclasses.replace(prepared.candidates[request_id], **changes)  # type: ignore[arg-type]
    return dataclasses.replace(prepared, candidates={**prepared.candidates, request_id: candidate})


def solve_rules(prepared: Prepared | PlanningProblem, *rules: object) -> dict[str, tuple[date, list[str]]]:
    """Placements that maximise scheduled priority under only the given rules (plus one start, one trainer
    per place), so a test can show what a single rule forbids."""
    if isinstance(prepared, PlanningProblem):
        prepared = prepare(prepared)
    v: Variables = create_variables(cp_model.CpModel(), prepared)
    for rule in (one_start_per_scheduled_request, one_trainer_per_slot, *rules):
        rule(v)  # type: ignore[operator]
    v.model.maximize(scheduled_priority(v)[0])
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = 5.0
    assert solver.solve(v.model) == cp_model.OPTIMAL
    return read_solution(solver, v)


def small_world(requests: int = 14, trainers: int = 8, target: int = 8) -> PlanningProblem:
    """A seeded mixed problem over two months: four countries, three languages, the bundled programmes,
    windows of two to five weeks, priorities 1-5, some absences; big enough that choices interact."""
    import random

    from curriculum.catalogue import load_catalogue

    rng = random.Random(7)
    hosts = [("FR", "fr"), ("ES", "es"), ("GB", "en"), ("DE", "en")]
    expertise = ["law-enforcement", "criminal-justice", "psychology", "legislative-drafting"]
    pool = [
        trainer(
            id=f"t-{i:02d}",
            expertise=sorted({expertise[i % 4], rng.choice(expertise)}),
            languages=sorted({"en", rng.choice(["fr", "es"])}),
            home=hosts[i % 4][0],
            max_workshops=rng.randint(2, 4),
            unavailable=[(day(7 * i % 40), day(7 * i % 40 + 3))] if i % 3 == 0 else [],
        )
        for i in range(trainers)
    ]
    catalogue = load_catalogue().programmes
    wanted = []
    for i in range(requests):
        country, language = hosts[i % 4]
        earliest = day(rng.randrange(0, 30))
        wanted.append(
            request(
                id=f"r-{i:02d}",
                country=country,
                language=language,
                programme=sorted(catalogue)[i % len(catalogue)],
                earliest=earliest,
                latest=earliest + timedelta(days=rng.randint(14, 35)),
                preferred=earliest + timedelta(days=rng.randint(0, 10)) if i % 2 else None,
                priority=rng.randint(1, 5),
            )
        )
    period = Period(start=date(2026, 3, 1), end=date(2026, 4, 30), target=target)
    return PlanningProblem(period=period, trainers=pool, requests=wanted, programmes=catalogue)
