"""Planning a workspace's period: read its inputs, ask the register what may not move, solve, store.

The commands `plan` and `replan` are thin: they parse options and render; this module joins the settings,
the catalogue, the input files, the solver and the register in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from curriculum.errors import UsageError
from curriculum.models import Catalogue
from scheduler.inputs import load_requests, load_trainers
from scheduler.models import Plan, Request, Trainer
from scheduler.problem import PlanningProblem
from tiptrain.settings import Settings

if TYPE_CHECKING:
    from tiptrain.register.api import Register

Progress = Callable[[float, float, float], None]


@dataclass(frozen=True)
class Inputs:
    """A workspace's trainers and requests, validated together with its catalogue."""

    trainers: list[Trainer]
    requests: list[Request]


def load_inputs(settings: Settings, catalogue: Catalogue) -> Inputs:
    """Trainers and requests of the workspace; every problem of both files reported together."""
    from curriculum.errors import InvalidInput

    problems = []
    trainers: list[Trainer] = []
    requests: list[Request] = []
    try:
        trainers = load_trainers(settings.trainers_path)
    except InvalidInput as error:
        problems += error.problems
    try:
        requests = load_requests(settings.requests_path, catalogue)
    except InvalidInput as error:
        problems += error.problems
    if problems:
        raise InvalidInput(problems)
    return Inputs(trainers, requests)


def parse_away(values: Sequence[str], trainers: Sequence[Trainer]) -> list[tuple[str, date, date]]:
    """`ID:FROM..TO` options as (trainer id, first day, last day); UsageError names the bad one."""
    known = {trainer.id for trainer in trainers}
    away: list[tuple[str, date, date]] = []
    for value in values:
        trainer_id, _, span = value.partition(":")
        first_text, _, last_text = span.partition("..")
        try:
            first, last = date.fromisoformat(first_text), date.fromisoformat(last_text or first_text)
        except ValueError:
            example = "t-amina:2027-03-01..2027-03-14"
            raise UsageError(f"--trainer-away {value!r}: expected ID:FROM..TO, e.g. {example}") from None
        if trainer_id not in known:
            raise UsageError(f"--trainer-away {value!r}: no trainer {trainer_id!r} in trainers.yaml")
        if last < first:
            raise UsageError(f"--trainer-away {value!r}: the last day comes before the first")
        away.append((trainer_id, first, last))
    return away


def build_problem(
    settings: Settings,
    catalogue: Catalogue,
    inputs: Inputs,
    register: Register,
    *,
    with_previous: bool = False,
    away: Sequence[tuple[str, date, date]] = (),
    dropped: Sequence[str] = (),
) -> PlanningProblem:
    """The planning problem of the workspace, as the register stands.

    Confirmed and delivered workshops come locked; requests whose workshop was cancelled stay out (a
    cancellation is final, SPEC 6) and so do requests dropped on the command line. Trainer absences are
    those given now plus those the register recorded from earlier re-plans.
    """
    known = {request.id for request in inputs.requests}
    unknown = [request_id for request_id in dropped if request_id not in known]
    if unknown:
        raise UsageError(f"--drop: no request {', '.join(map(repr, unknown))} in requests.yaml")
    cancelled = {workshop.request for workshop in register.workshops(status="cancelled")}
    return PlanningProblem(
        period=settings.period,
        trainers=inputs.trainers,
        requests=inputs.requests,
        programmes=catalogue.programmes,
        locked=register.locked(),
        previous=register.current_plan() if with_previous else (),
        away=tuple(dict.fromkeys([*away, *register.absences()])),
        dropped=frozenset(dropped) | (cancelled & known),
    )


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
