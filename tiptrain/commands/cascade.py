"""`tiptrain cascade add|import|list`: the national courses that people trained at a ToT went on to run."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import DAY, App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from tiptrain.register.cascade import CascadeCourse


@click.group()
def cascade() -> None:
    """Record the follow-on courses ToT participants ran afterwards: the report's second-generation reach.

    The trainee is a person on the roster of a delivered workshop whose programme trains trainers
    (`trains_trainers` in the catalogue). Trainers of your own pool are linked to their ToT with
    `tiptrain workshops link-trainer` or `trained_at` in trainers.yaml, as before.

    \b
    Example:
      tiptrain cascade add --trainee "Awa Traore" --workshop W-ml-bamako-tot --date 2026-05-12 \\
          --country ML --participants 24 --audience police
      tiptrain cascade import courses.xlsx
      tiptrain cascade list --json
    """


@cascade.command("add")
@click.option("--trainee", required=True, help="Name as on the ToT's roster, or the participant id (P-17).")
@click.option("--workshop", "workshop_id", required=True, help="The ToT workshop where the trainee was trained.")
@click.option("--date", "held_on", required=True, type=DAY, help="When the course was held (YYYY-MM-DD).")
@click.option("--country", required=True, help="Where the course was held (ISO alpha-2, e.g. ML).")
@click.option("--participants", required=True, type=int, help="How many people the course trained.")
@click.option("--audience", help="Who they were: an audience such as police, prosecutors (optional).")
@pass_app
def add(
    app: App, trainee: str, workshop_id: str, held_on: date, country: str, participants: int, audience: str | None
) -> None:
    """Record one course a ToT participant ran; a trainee not on the roster is refused, naming close names.

    \b
    Example:
      tiptrain cascade add --trainee P-17 --workshop W-ml-bamako-tot --date 2026-05-12 --country ML --participants 24
    """
    from tiptrain.register.cascade_file import course_from_options

    course = course_from_options(
        trainee, workshop_id, held_on=held_on, country=country, participants=participants, audience=audience
    )
    recorded = _record(app, [course], "command")
    say(f"recorded: {_line(recorded[0])}")


@cascade.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@pass_app
def import_courses(app: App, file: str) -> None:
    """Record the courses of a CSV or XLSX file, all or none; every bad cell is named.

    Columns: trainee, workshop, date, country, participants, and optional audience.

    \b
    Example:
      tiptrain cascade import courses.csv
    """
    from pathlib import Path

    from tiptrain.register.cascade_file import read_courses

    courses = read_courses(file)
    recorded = _record(app, courses, Path(file).name)
    say(f"recorded {len(recorded)} course(s) from {file}, reaching {sum(c.participants for c in recorded)} people")


@cascade.command("list")
@json_option
@pass_app
def list_courses(app: App, as_json: bool) -> None:
    """List the recorded follow-on courses by date (names of people forgotten on request stay erased).

    \b
    Example:
      tiptrain cascade list --json
    """
    from tiptrain.commands.workshops import open_register

    with open_register(app) as register:
        courses = register.cascade_courses()
    if as_json:
        print_json([course.model_dump(mode="json") for course in courses])
        return
    headers = ["date", "country", "participants", "audience", "trainee", "id", "ToT workshop"]
    rows: list[list[Any]] = [
        [c.held_on, c.country, c.participants, c.audience, c.trainee, c.participant_id, c.tot_workshop_id]
        for c in courses
    ]
    print_table(headers, rows)


def _record(app: App, courses: list[Any], source: str) -> list[CascadeCourse]:
    """Store the courses against the catalogue's ToT programmes, in one transaction."""
    from tiptrain.commands.workshops import open_register
    from tiptrain.register.report import trainer_training_programmes

    tots = trainer_training_programmes(app.catalogue())
    with open_register(app) as register:
        return register.add_cascade_courses(courses, tots, source)


def _line(course: CascadeCourse) -> str:
    return (
        f"{course.trainee} ({course.participant_id}, trained at {course.tot_workshop_id}) ran a course in "
        f"{course.country} on {course.held_on}: {course.participants} participant(s)"
    )


COMMANDS = [cascade]
