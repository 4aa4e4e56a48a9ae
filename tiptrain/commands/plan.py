"""`tiptrain plan` and `tiptrain replan`: solve the period and store the plan in the register."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import is_terminal, print_json, print_table, say

if TYPE_CHECKING:
    from scheduler.restaff import Restaffing


def solver_options(function: Any) -> Any:
    """`--time-limit` and `--seed`, shared by plan and replan."""
    function = click.option(
        "--seed", type=int, default=0, show_default=True, help="Solver seed; the same seed gives the same plan."
    )(function)
    return click.option(
        "--time-limit",
        type=click.FloatRange(0.1, 3600),
        default=30.0,
        show_default=True,
        help="Seconds the solver may search; it stops earlier once the plan is proven best.",
    )(function)


@click.command()
@solver_options
@json_option
@pass_app
def plan(app: App, time_limit: float, seed: int, as_json: bool) -> None:
    """Plan the period: which requests run, when, and with which trainer team.

    Confirmed and delivered workshops never move. Every request left out gets a reason. The plan is
    stored in the register: new workshops as planned, changed ones with their SEQUENCE raised, planned
    ones no longer in the plan cancelled.

    \b
    Example:
      tiptrain plan --time-limit 20
      tiptrain plan --json > plan.json
    """
    from scheduler.solver import solve
    from tiptrain.planning import build_problem, load_inputs
    from tiptrain.register.api import Register

    settings, catalogue = app.settings(), app.catalogue()
    inputs = load_inputs(settings, catalogue)
    with Register(settings.register_url) as register:
        problem = build_problem(settings, catalogue, inputs, register)
        result = solve(problem, seed=seed, time_limit=time_limit, progress=_progress_printer())
        stored = register.store_plan(result, reason="plan")
        register.link_trainers(inputs.trainers)
    _render(result, as_json, inputs)
    if not as_json:
        say(f"Register: {stored.describe()}.")


@click.command()
@click.option("--trainer-away", "away", multiple=True, metavar="ID:FROM..TO", help="A trainer who cannot work then.")
@click.option("--drop", multiple=True, metavar="REQUEST", help="A request to leave out of the plan.")
@solver_options
@json_option
@pass_app
def replan(app: App, away: tuple[str, ...], drop: tuple[str, ...], time_limit: float, seed: int, as_json: bool) -> None:
    """Re-plan with as few changes as possible, and print what moved.

    Locked (confirmed, delivered) workshops stay; after priority, the fewest workshops move or change team.
    A trainer away is recorded in the register and every later plan keeps them out of those days. A
    confirmed workshop the trainer is on keeps its dates and gets a qualified replacement, or is reported
    as a CONFLICT for a person to settle.

    \b
    Example:
      tiptrain replan --trainer-away t-amina:2027-03-01..2027-03-14 --drop ml-bamako-tot
    """
    from scheduler.replan import replan as replan_problem
    from scheduler.restaff import restaff, with_restaffed
    from tiptrain.planning import build_problem, load_inputs, parse_away
    from tiptrain.register.api import Register

    settings, catalogue = app.settings(), app.catalogue()
    inputs = load_inputs(settings, catalogue)
    absences = parse_away(away, inputs.trainers)
    with Register(settings.register_url) as register:
        problem = build_problem(settings, catalogue, inputs, register, with_previous=True, away=absences, dropped=drop)
        restaffing = restaff(problem)
        problem = with_restaffed(problem, restaffing)
        result, diff = replan_problem(problem, seed=seed, time_limit=time_limit, progress=_progress_printer())
        stored = register.store_replan(result, "re-plan", absences, restaffing.restaffed)
        register.link_trainers(inputs.trainers)
    if as_json:
        print_json(
            {
                **result.model_dump(mode="json"),
                "diff": diff.model_dump(mode="json"),
                **_absence_json(problem.away, restaffing),
            }
        )
        return
    for line in diff.lines() or ["No workshop changed."]:
        click.echo(line)
    _print_restaffing(restaffing)
    for trainer_id, first, last in absences:
        say(f"Recorded: {trainer_id} away {first}..{last}; every later plan keeps them out of those days.")
    say(f"Register: {stored.describe()}.")


def _absence_json(away: Sequence[tuple[str, date, date]], restaffing: Restaffing) -> dict[str, Any]:
    """`absences` (all recorded, as the plan respected them), `restaffed` and `conflicts` for `replan --json`."""
    return {
        "absences": [
            {"trainer": t, "from": first.isoformat(), "to": last.isoformat()} for t, first, last in sorted(away)
        ],
        **restaffing.model_dump(mode="json"),
    }


def _print_restaffing(restaffing: Restaffing) -> None:
    """Why each confirmed workshop changed team, then every conflict, flagged so that nobody misses one."""
    for change in restaffing.restaffed:
        click.echo(f"{change.workshop} (confirmed, dates kept) {change.reason}")
    for conflict in restaffing.conflicts:
        click.echo(conflict.line())
    if restaffing.conflicts:
        say(
            f"{len(restaffing.conflicts)} CONFLICT(S): a confirmed workshop keeps a trainer who is away; add a "
            "qualified trainer to trainers.yaml and re-plan, or cancel it with `tiptrain workshops cancel ID`."
        )


def _progress_printer() -> Any:
    """On a terminal, a line on stderr each time the solver improves its plan or its bound; else nothing."""
    if not is_terminal():
        return None

    def report(objective: float, bound: float, seconds: float) -> None:
        say(f"  {seconds:6.1f} s  best plan {objective:g} priority points, bound {bound:g}")

    return report


def _render(result: Any, as_json: bool, inputs: Any) -> None:
    from tiptrain.planning import plan_summary_lines

    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    names = {trainer.id: trainer.name for trainer in inputs.trainers}
    rows = [
        (
            f"{w.start:%Y-%m-%d}..{w.end:%m-%d}",
            w.country,
            w.city,
            w.programme,
            w.language,
            ", ".join(names.get(t, t) for t in w.trainers),
            w.id,
        )
        for w in result.workshops
    ]
    print_table(["dates", "country", "city", "programme", "lang", "team", "workshop"], rows, title="Plan")
    if result.unscheduled:
        click.echo("")
        print_table(
            ["request", "left out", "reason"],
            [(u.request, u.kind, u.reason) for u in result.unscheduled],
            title="Requests left out",
        )
    click.echo("")
    for line in plan_summary_lines(result):
        say(line)


COMMANDS = [plan, replan]
