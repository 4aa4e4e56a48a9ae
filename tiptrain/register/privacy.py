"""Personal data in the register: rosters listed by participant id, and forgetting a person on request.

A participant's id (`P-17`) is the row's database key: it never changes and never names anyone, so
listings, logs and erasure requests can use it instead of the name. Forgetting a person replaces their
name, organisation and e-mail address with a tombstone and keeps what the reports count (profession, sex,
country, attendance, test scores), so the period's figures stay exactly as they were. The workshop's
history records that it happened, by id only.
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from curriculum.errors import UsageError
from exports.models import Participant
from tiptrain.register.orm import ParticipantRow, StatusChangeRow, WorkshopRow

FORGOTTEN = "(forgotten)"
"""What a forgotten person's name becomes."""
_CODE = re.compile(r"^[Pp]-?(\d{1,18})$|^(\d{1,18})$")


class RosterEntry(BaseModel):
    """One participant of a workshop's roster, with the stable id that names them without their name."""

    model_config = ConfigDict(frozen=True)

    id: str
    workshop_id: str
    position: int
    participant: Participant
    forgotten: bool


class Forgotten(BaseModel):
    """What `forget` did: whose data (by id) in which workshop, and whether it had been forgotten already."""

    model_config = ConfigDict(frozen=True)

    id: str
    workshop_id: str
    already: bool = False


def participant_id(key: int) -> str:
    """The id shown to users for a participant row: P- and the row's key."""
    return f"P-{key}"


def parse_participant_id(text: str) -> int | None:
    """The row key of an id written `P-17`, `p17` or `17`; None when `text` is not an id (then it is a name)."""
    found = _CODE.match(text.strip())
    if found is None:
        return None
    return int(found.group(1) or found.group(2))


def to_participant(row: ParticipantRow) -> Participant:
    """A roster row as the model the exports and reports take."""
    return Participant(
        name=row.name,
        organisation=row.organisation,
        profession=row.profession,
        sex=row.sex,
        country=row.country,
        email=row.email,
        attendance=[day.present for day in row.attendance],
        pre_test=row.pre_test,
        post_test=row.post_test,
        certified_trainer=row.certified_trainer,
    )


def roster_entries(session: Session, workshop_id: str) -> list[RosterEntry]:
    """The workshop's roster in its order, each person with their id."""
    query = select(ParticipantRow).where(ParticipantRow.workshop_id == workshop_id).order_by(ParticipantRow.position)
    return [
        RosterEntry(
            id=participant_id(row.id),
            workshop_id=row.workshop_id,
            position=row.position,
            participant=to_participant(row),
            forgotten=row.name == FORGOTTEN,
        )
        for row in session.scalars(query)
    ]


def find_people(session: Session, who: str) -> list[ParticipantRow]:
    """Participants with this id, or else with this name (letter case and spacing aside), oldest first."""
    key = parse_participant_id(who)
    if key is not None:
        row = session.get(ParticipantRow, key)
        return [row] if row is not None else []
    wanted = _fold(who)
    query = select(ParticipantRow.id, ParticipantRow.name).order_by(ParticipantRow.id)
    keys = [found for found, name in session.execute(query) if name != FORGOTTEN and _fold(name) == wanted]
    return [row for row in (session.get(ParticipantRow, found) for found in keys) if row is not None]


def forget_person(session: Session, who: str, now: datetime) -> Forgotten:
    """Replace one person's name, organisation and e-mail by a tombstone; UsageError when `who` is not one."""
    rows = find_people(session, who)
    if not rows:
        raise UsageError(
            f"no participant {who!r} in the register; "
            "see ids and names with `tiptrain participants list WORKSHOP_ID --with-names`"
        )
    if len(rows) > 1:
        listed = ", ".join(f"{participant_id(row.id)} ({row.workshop_id})" for row in rows)
        raise UsageError(f"{len(rows)} participants are called {who!r}: {listed}; forget one at a time by its id")
    row = rows[0]
    code = participant_id(row.id)
    if row.name == FORGOTTEN and not row.organisation and row.email is None:
        return Forgotten(id=code, workshop_id=row.workshop_id, already=True)
    if session.get_bind().dialect.name == "sqlite":
        # overwrite the freed bytes of the old values instead of leaving them in the file's free space
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
    row.name, row.organisation, row.email = FORGOTTEN, "", None
    workshop = session.get(WorkshopRow, row.workshop_id)
    if workshop is not None:
        reason = f"personal data of participant {code} forgotten on request"
        session.add(
            StatusChangeRow(
                workshop=workshop,
                at=now,
                old_status=workshop.status,
                new_status=workshop.status,
                reason=reason,
                sequence=workshop.sequence,
            )
        )
    return Forgotten(id=code, workshop_id=row.workshop_id)


def erase_traces(engine: Engine) -> None:
    """After forgetting: fold SQLite's write-ahead log into the file and empty it, so old pages go too.

    Best effort: a reader that is still open keeps the log until it closes. PostgreSQL keeps old row
    versions until VACUUM reuses their space; that is the database administrator's schedule.
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())
