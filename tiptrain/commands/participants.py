"""`tiptrain participants list|forget`: who was on a roster, by id; names only when asked; erasure on request."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tiptrain.context import App, json_option, pass_app
from tiptrain.render import print_json, print_table, say

if TYPE_CHECKING:
    from tiptrain.register.privacy import RosterEntry

ANONYMOUS = ("id", "profession", "sex", "country", "present", "attendance")
PERSONAL = ("name", "organisation", "email")


@click.group()
def participants() -> None:
    """See who took part in a workshop, and forget a person's personal data on request.

    Listings show participant ids (P-17), profession, sex, country and attendance; names, organisations
    and e-mail addresses only with --with-names. Ids never change, so use them in notes and requests.

    \b
    Example:
      tiptrain participants list W-ml-bamako-tot
      tiptrain participants list W-ml-bamako-tot --with-names --json
      tiptrain participants forget P-17
    """


@participants.command("list")
@click.argument("workshop_id")
@click.option("--with-names", is_flag=True, help="Also show names, organisations and e-mail addresses.")
@json_option
@pass_app
def list_participants(app: App, workshop_id: str, with_names: bool, as_json: bool) -> None:
    """List the roster of a delivered workshop: ids, profession, sex, country and days present.

    \b
    Example:
      tiptrain participants list W-ml-bamako-tot --json
    """
    from tiptrain.commands.workshops import open_register

    with open_register(app) as register:
        entries = register.roster(workshop_id)
    records = [_record(entry, with_names) for entry in entries]
    if as_json:
        print_json(records)
        return
    columns = [*ANONYMOUS, *(PERSONAL if with_names else ())]
    rows = [[_shown(record[column]) for column in columns] for record in records]
    print_table(columns, rows)
    if not entries:
        say(f"{workshop_id} has no roster yet (it is recorded with `tiptrain workshops deliver`).")


def _record(entry: RosterEntry, with_names: bool) -> dict[str, Any]:
    """One participant as a listing shows them; the personal fields only when asked for."""
    person = entry.participant
    record: dict[str, Any] = {
        "id": entry.id,
        "profession": person.profession,
        "sex": person.sex,
        "country": person.country,
        "present": f"{person.days_present()}/{len(person.attendance)}",
        "attendance": [int(day) for day in person.attendance],
        "days_present": person.days_present(),
        "forgotten": entry.forgotten,
    }
    if with_names:
        record |= {"name": person.name, "organisation": person.organisation, "email": person.email}
    return record


def _shown(value: Any) -> Any:
    """A cell of the table: attendance as `1 1 0`, the rest as it is."""
    if isinstance(value, list):
        return " ".join(str(item) for item in value)
    return value


@participants.command("forget")
@click.argument("who", metavar="NAME|ID")
@pass_app
def forget(app: App, who: str) -> None:
    """Erase a person's name, organisation and e-mail address from the register, keeping the figures.

    Give the participant's id (P-17, from `participants list`) or their name; a name that several people
    share is refused with their ids. Profession, sex, country and attendance stay, so reports do not
    change; the workshop's history records the erasure by id. It cannot be undone.

    \b
    Example:
      tiptrain participants forget P-17
      tiptrain participants forget "Awa Ndiaye"
    """
    from tiptrain.commands.workshops import open_register

    with open_register(app) as register:
        done = register.forget(who)
    if done.already:
        say(f"{done.id} ({done.workshop_id}): already forgotten; nothing to do.")
        return
    say(
        f"{done.id} ({done.workshop_id}): name, organisation and e-mail address forgotten; "
        "profession, sex, country and attendance kept for the reports."
    )


COMMANDS = [participants]
