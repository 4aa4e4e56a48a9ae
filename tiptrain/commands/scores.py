"""`tiptrain workshops scores ID --file FILE`: record a delivered workshop's pre- and post-test answer sheets."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from tiptrain.register.scores import Recorded


@click.command("scores")
@click.argument("workshop_id")
@click.option(
    "--file",
    "path",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="CSV or XLSX answer sheet: participant, test (pre|post), one column per question id (Q-<unit>-<n>).",
)
@json_option
@pass_app
def scores(app: App, workshop_id: str, path: str, as_json: bool) -> None:
    """Record a delivered workshop's test answers, scored against the answer key; any error refuses the file.

    One row per participant and test: `participant` (the name as on the roster, or the id P-17), `test`
    (pre or post), and one column per question of the programme's test with the letter chosen (a-d), blank
    when unanswered (scored wrong). A new sheet replaces the workshop's earlier answers whole. Where answer
    sheets exist, their scores replace the roster's pre_test/post_test totals in the report.

    \b
    Example:
      tiptrain export answer-key W-ml-bamako-tot -o key.csv --format csv
      tiptrain workshops scores W-ml-bamako-tot --file answers-bamako.xlsx
    """
    from tiptrain.commands.workshops import open_register
    from tiptrain.register.answers import import_answer_sheet

    with open_register(app) as register:
        done = import_answer_sheet(register, app.catalogue(), workshop_id, path)
    if as_json:
        print_json([{"participant": key, "pre": score.pre, "post": score.post} for key, score in done.scores])
        return
    rows = [(key, _percent(score.pre), _percent(score.post)) for key, score in done.scores]
    print_table(["participant", "pre-test", "post-test"], rows)
    for line in summary(done):
        say(line)


def summary(done: Recorded) -> list[str]:
    """What the import did, in words: rows, replacement, and that sheets win over the roster's totals."""
    replaced = f"; {done.replaced} earlier answers replaced" if done.replaced else ""
    lines = [
        f"{done.workshop_id}: answer sheets recorded: {done.pre} pre-test and {done.post} post-test rows, "
        f"{done.questions} questions{replaced}"
    ]
    if done.roster_totals:
        lines.append(
            f"Note: the roster's pre_test/post_test totals of {done.roster_totals} participant(s) are replaced by "
            "the answer sheets' scores in reports"
        )
    return lines


def _percent(share: float | None) -> str:
    return "" if share is None else f"{share:.0%}"
