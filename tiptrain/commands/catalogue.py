"""`tiptrain catalogue list|show|validate`: browse and check units and programmes."""

from __future__ import annotations

import click

from tiptrain.context import App, json_option, lang_option, pass_app
from tiptrain.render import print_json, print_table, say


@click.group()
def catalogue() -> None:
    """Browse and check the units and programmes.

    \b
    Example:
      tiptrain catalogue list --source manual
      tiptrain catalogue show MAN-08 --lang fr
      tiptrain catalogue validate my-units/
    """


@catalogue.command("list")
@click.option(
    "--source", type=click.Choice(["first-aid-kit", "manual", "custom"]), help="Only units from this source."
)
@click.option("--audience", help="Only units for this audience, e.g. police.")
@click.option("--topic", help="Only units with this topic, e.g. interviewing.")
@json_option
@pass_app
def list_units(app: App, source: str | None, audience: str | None, topic: str | None, as_json: bool) -> None:
    """List units with id, source, title, minutes and title status.

    \b
    Example:
      tiptrain catalogue list --source first-aid-kit --json
    """
    units = app.catalogue().filter_units(source=source, audience=audience, topic=topic)
    if as_json:
        print_json([unit.model_dump(mode="json") for unit in units])
        return
    rows = [(u.id, u.source, u.title["en"], u.minutes, u.title_status) for u in units]
    print_table(["id", "source", "title", "minutes", "title status"], rows)


@catalogue.command("show")
@click.argument("unit_id")
@lang_option
@json_option
@pass_app
def show(app: App, unit_id: str, lang: str | None, as_json: bool) -> None:
    """Show one unit: summary, objectives, key points, activities, prerequisites.

    \b
    Example:
      tiptrain catalogue show FAK-3
    """
    from curriculum.models import in_language

    cat = app.catalogue()
    if unit_id in cat.programmes and unit_id not in cat.units:
        _show_programme(app, unit_id, lang or "en", as_json)
        return
    unit = cat.unit(unit_id)
    if as_json:
        print_json(unit.model_dump(mode="json"))
        return
    language = lang or "en"
    title, fallback = unit.text("title", language)
    summary, _ = unit.text("summary", language)
    marker = " [English: no translation yet]" if fallback else ""
    click.echo(f"{unit.id}  {title}{marker}")
    click.echo(f"source: {unit.source}  title status: {unit.title_status}  minutes: {unit.minutes}")
    click.echo(f"topics: {', '.join(unit.topics)}")
    click.echo(f"audiences: {', '.join(unit.audiences)}")
    click.echo(f"prerequisites: {', '.join(unit.prerequisites) or 'none'}")
    click.echo(f"\n{summary}\n")
    for heading, values in (("Objectives", unit.objectives), ("Key points", unit.key_points)):
        click.echo(f"{heading}:")
        for item in in_language(values, language):
            click.echo(f"  - {item}")
    click.echo("Activities:")
    for activity in unit.activities:
        description = in_language(activity.description, language)
        click.echo(f"  - {activity.kind} ({activity.minutes} min): {description}")


def _show_programme(app: App, programme_id: str, language: str, as_json: bool) -> None:
    from curriculum.models import in_language

    programme = app.catalogue().programme(programme_id)
    if as_json:
        print_json(programme.model_dump(mode="json"))
        return
    title = in_language(programme.title, language)
    click.echo(f"{programme.id}  {title}  ({programme.days} day(s))")
    team = ", ".join(f"{name} {count}" for name, count in programme.team.items())
    click.echo(f"team: {team}  participants: {programme.participants.min}-{programme.participants.max}")
    click.echo(f"audiences: {', '.join(programme.audiences)}")
    click.echo(f"units: {', '.join(programme.units)}")


@catalogue.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@pass_app
def validate(app: App, paths: tuple[str, ...]) -> None:
    """Check catalogue files or folders together with the bundled catalogue.

    Reports every problem at once with file and line; exits 2 when there is any.

    \b
    Example:
      tiptrain catalogue validate my-units/extra.yaml
    """
    from curriculum.catalogue import load_catalogue

    extra = list(paths) or (app.settings().catalogue_paths if app.has_settings() else [])
    loaded = load_catalogue(extra)
    say(f"OK: {len(loaded.units)} units and {len(loaded.programmes)} programmes, no problems found.")


@catalogue.command("programmes")
@json_option
@pass_app
def programmes(app: App, as_json: bool) -> None:
    """List programmes with days, team and units.

    \b
    Example:
      tiptrain catalogue programmes
    """
    found = sorted(app.catalogue().programmes.values(), key=lambda p: p.id)
    if as_json:
        print_json([p.model_dump(mode="json") for p in found])
        return
    rows = [
        (p.id, p.title["en"], p.days, ", ".join(f"{k} {v}" for k, v in p.team.items()), len(p.units))
        for p in found
    ]
    print_table(["id", "title", "days", "team", "units"], rows)


COMMANDS = [catalogue]
