"""`tiptrain demo`: the whole job on the bundled sample workspace, leaving files worth opening."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import click

from tiptrain.context import lang_option
from tiptrain.render import is_terminal, say

KIND_NAMES = {
    "plan": "plan (JSON, SPEC shape)",
    "calendar": "calendars (.ics): the plan and one per trainer",
    "pack": "participant packs, each in its workshop's language",
    "signin": "sign-in sheets of the delivered workshops",
    "certificates": "certificates of the delivered workshops",
    "report": "the period report",
    "answers": "invented answer sheets (pre- and post-tests), imported",
}


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("tiptrain-demo"),
    show_default=True,
    help="Folder to write the demo's files into: new, empty, or written by an earlier demo (whose files are replaced).",
)
@lang_option
@click.option("--time-limit", type=click.FloatRange(1, 600), default=20.0, show_default=True, help="Solver seconds.")
def demo(out: Path, lang: str | None, time_limit: float) -> None:
    """Run tiptrain end to end on sample data and write what it makes into --out.

    Plans a period modelled on the 2012 report (35 requests, 15 invented trainers, target 23) in a
    register of its own, confirms and delivers some workshops with invented rosters, then writes the
    plan, calendars, packs, sign-in sheets, certificates and the period report.

    \b
    Example:
      tiptrain demo --out demo-out
      tiptrain --workspace demo-out/workspace workshops list
    """
    from tiptrain.demo import run_demo

    began = time.perf_counter()
    result = run_demo(out, lang, say=say, progress=_progress() if is_terminal() else None, time_limit=time_limit)
    plan = result.plan
    say("")
    say(
        f"Planned {len(plan.workshops)} workshops of {len(plan.workshops) + len(plan.unscheduled)} requests "
        f"(solver {plan.solver.status.lower()}, {plan.solver.seconds:.1f} s); "
        f"{len(plan.unscheduled)} left out, each with its reason in {out / 'plan.json'}."
    )
    for kind, paths in result.files.items():
        folder = paths[0].parent if len(paths) > 1 else paths[0]
        say(f"  {len(paths):3d}  {KIND_NAMES[kind]}: {folder}")
    say(f"Done in {time.perf_counter() - began:.0f} s. Explore the register with:")
    say(f"  tiptrain --workspace {out / 'workspace'} workshops list")


def _progress() -> Callable[[float, float, float], None]:
    def report(objective: float, bound: float, seconds: float) -> None:
        say(f"  {seconds:5.1f} s  best plan {objective:g} priority points (bound {bound:g})")

    return report


COMMANDS = [demo]
