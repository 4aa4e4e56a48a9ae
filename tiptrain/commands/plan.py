"""`tiptrain plan` and `tiptrain replan`: solve the period and store the plan in the register."""

from __future__ import annotations

import sys
from typing import Any

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import is_terminal, print_json, print_table, say


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
@click.option("--fresh", is_flag=True, help="Start over from the confirmed and delivered workshops only (asks first).")
@click.option("--yes", "-y", "assume_yes", is_flag=True, help="Do not ask before --fresh moves planned workshops.")
@solver_options
@json_option
@pass_app
def plan(app: App, fresh: bool, assume_yes: bool, time_limit: float, seed: int, as_json: bool) -> None:
    """Plan the period: which requests run, when, and with which trainer team.

    Confirmed and delivered workshops never move. Every request left out gets a reason. When the period
    already has workshops in the register, their plan is kept: it is re-planned as `replan` does (priority
    first, then the fewest workshops moved or re-staffed) and the output lists what changed. A request
    the planner dropped earlier may come back when it fits again; one a person cancelled stays out.
    --fresh starts over from the confirmed and delivered workshops only, after asking (--yes skips the
    question). The plan is stored in the register in one transaction: new workshops as planned, changed
    ones with their SEQUENCE raised, planned ones no longer in the plan cancelled. If another command
    changed the register during the solve, the plan is solved again.

    \b
    Example:
      tiptrain plan --time-limit 20
      tiptrain plan --json > plan.json
      tiptrain plan --fresh --yes
    """
    from tiptrain.date_warnings import warn_about_dates
    from tiptrain.planning import PlanOptions, run_plan

    settings, catalogue = app.settings(), app.catalogue()
    if fresh:
        _confirm_fresh(settings, assume_yes)
    options = PlanOptions(
        mode="fresh" if fresh else "plan", seed=seed, time_limit=time_limit, progress=_progress_printer()
    )
    outcome = run_plan(settings, catalogue, options)
    say_imported(outcome.inputs)
    warn_about_dates(outcome.plan, outcome.inputs.requests)
    if as_json:
        print_json(outcome.plan.model_dump(mode="json"))
        _say_waiting(settings)
        return
    _render(outcome.plan, outcome.inputs)
    _say_kept(outcome)
    _print_restaffing(outcome)
    _say_waiting(settings)
    _say_stored(outcome)


@click.command()
@click.option("--trainer-away", "away", multiple=True, metavar="ID:FROM..TO", help="A trainer who cannot work then.")
@click.option("--drop", multiple=True, metavar="REQUEST", help="A request to leave out of the plan.")
@solver_options
@json_option
@pass_app
def replan(app: App, away: tuple[str, ...], drop: tuple[str, ...], time_limit: float, seed: int, as_json: bool) -> None:
    """Re-plan with as few changes as possible, and print what moved.

    Locked (confirmed, delivered) workshops stay; after priority, the fewest workshops move or change team.
    `plan` does the same once the period has a plan; replan adds trainers away and dropped requests.
    Workshops of other periods are never reported here. Stored in one transaction, as `plan` is.

    \b
    Example:
      tiptrain replan --trainer-away t-amina:2027-03-01..2027-03-14
      tiptrain replan --drop ml-bamako-tot --json > replan.json
    """
    from tiptrain.date_warnings import warn_about_dates
    from tiptrain.planning import PlanOptions, parse_away, run_plan

    settings, catalogue = app.settings(), app.catalogue()
    options = PlanOptions(
        mode="replan", away=away, dropped=drop, seed=seed, time_limit=time_limit, progress=_progress_printer()
    )
    outcome = run_plan(settings, catalogue, options)
    say_imported(outcome.inputs)
    warn_about_dates(outcome.plan, outcome.inputs.requests)
    if as_json:
        _print_json(outcome)
        _say_waiting(settings)
        return
    for line in _diff_lines(outcome):
        click.echo(line)
    _print_restaffing(outcome)
    for trainer_id, first, last in parse_away(away, outcome.inputs.trainers):
        say(f"Recorded: {trainer_id} away {first}..{last}; every later plan keeps them out of those days.")
    _say_waiting(settings)
    _say_stored(outcome)


def say_imported(inputs: Any) -> None:
    """What importing the workspace's changed requests.yaml / trainers.yaml did; nothing when none changed."""
    for changes in inputs.imported:
        if changes.any:
            for line in changes.lines():
                say(line)


def _confirm_fresh(settings: Any, assume_yes: bool) -> None:
    """Ask before a fresh plan may move or cancel planned workshops; no answer (or no) changes nothing."""
    from curriculum.errors import UsageError
    from tiptrain.planning import period_state

    planned = len(period_state(settings).planned())
    if assume_yes or planned == 0:
        return
    question = f"This may move or cancel {planned} planned workshops whose calendars may already be sent. Continue?"
    try:
        agreed = click.confirm(question, default=False, err=True)
    except click.Abort:  # no answer at all (end of input)
        agreed = False
    if not sys.stdin.isatty():  # the answer was not echoed: end the prompt's line
        click.echo("", err=True)
    if not agreed:
        raise UsageError("nothing changed: a fresh plan needs a yes (or --yes in scripts); `tiptrain plan` keeps it")


def _say_kept(outcome: Any) -> None:
    """After a plan that started from the published one: say so, then what changed."""
    if outcome.diff is None:
        return
    say("")
    say(f"Kept the period's {outcome.kept} published workshops; re-planned with minimal change:")
    for line in _diff_lines(outcome):
        say(f"  {line}")


def _say_stored(outcome: Any) -> None:
    """What the register now holds; and that the plan was solved again if the register changed meanwhile."""
    if outcome.attempts > 1:
        say(f"The register changed while solving; solved again from it ({outcome.attempts} solves in all).")
    say(f"Register: {outcome.stored.describe()}.")


def _say_waiting(settings: Any) -> None:
    """How many invitations wait for the trainers (SPEC 11), one line, before the register summary stays last."""
    from tiptrain.notify import waiting_line

    say(waiting_line(settings.register_url))


def _diff_lines(outcome: Any) -> list[str]:
    return list(outcome.diff.lines()) if outcome.diff is not None else ["No workshop changed."]


def _print_json(outcome: Any) -> None:
    """The plan with its diff, as replan has always printed it, plus absences, re-staffing and conflicts."""
    diff = outcome.diff.model_dump(mode="json") if outcome.diff is not None else None
    absences = [{"trainer": t, "from": str(first), "to": str(last)} for t, first, last in outcome.absences]
    print_json(
        {
            **outcome.plan.model_dump(mode="json"),
            "diff": diff,
            "absences": absences,
            **outcome.restaffing.model_dump(mode="json"),
        }
    )


def _print_restaffing(outcome: Any) -> None:
    """Why each confirmed workshop changed team, then every conflict, flagged so that nobody misses one."""
    restaffing = outcome.restaffing
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


def _render(result: Any, inputs: Any) -> None:
    from tiptrain.planning import plan_summary_lines

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
    say(_travel_line(result))


def _travel_line(result: Any) -> str:
    """The plan's travel totals in one line (SPEC 4): km flown, legs, trips from home, days away."""
    travel = result.travel
    return (
        f"Travel: {travel.km:,} km in {travel.legs} legs, {travel.trips} trips from home, {travel.days_away} days away"
    )


COMMANDS = [plan, replan]
