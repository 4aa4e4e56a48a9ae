"""Review of workshop requests and trainers' availability: what the web pages call, one transaction each.

An office proposes requests for its own countries; the coordinator accepts them (perhaps with a new
priority) or declines them with a reason the office reads; only accepted requests are planned. A trainer
keeps their own unavailable days: each save replaces the trainer's ranges as a whole, as a form does.
Bad input raises curriculum.errors (UsageError for an unknown id or a request beyond a user's reach,
InvalidInput for bad values), never a database error; nothing is written then.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from curriculum.errors import InvalidInput, Problem, UsageError
from scheduler.models import Request, Trainer
from tiptrain.register.inputs import (
    next_position,
    ranges_of,
    replace_ranges,
    request_row_values,
    request_rows,
    to_request,
    to_trainer,
)
from tiptrain.register.orm_inputs import REVIEW_STATUSES, RequestRow, TrainerRow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tiptrain.register.api import Register

PAST_DAYS = 366
"""How far back an unavailable range may start: last year's absences still explain last year's plans."""
FUTURE_DAYS = 5 * 366
"""How far ahead an unavailable range may end: a planning horizon, not a typing slip like 2207."""
MAX_RANGES = 200
"""More unavailable ranges than this for one trainer is a mistake, not a calendar."""


@dataclass(frozen=True)
class ReviewedRequest:
    """A request with where it stands in review: what the requests page lists."""

    request: Request
    status: str
    """proposed, accepted or declined."""
    decline_reason: str | None
    proposed_by: str
    """The user who proposed it, or "file" for one imported from a file."""
    reviewed_by: str | None
    created_at: datetime
    updated_at: datetime


def _reviewed(row: RequestRow) -> ReviewedRequest:
    return ReviewedRequest(
        to_request(row),
        row.status,
        row.decline_reason,
        row.proposed_by,
        row.reviewed_by,
        row.created_at,
        row.updated_at,
    )


def requests(
    register: Register, countries: Collection[str] | None = None, status: str | None = None
) -> list[ReviewedRequest]:
    """The register's requests in file order; only those of `countries` (an office) and `status` when given."""
    if status is not None and status not in REVIEW_STATUSES:
        raise UsageError(f"status {status!r}: expected one of {', '.join(REVIEW_STATUSES)}")
    with register.transaction() as session:
        rows = request_rows(session, None if countries is None else sorted(countries), status)
        return [_reviewed(row) for row in rows]


def propose_request(
    register: Register,
    request: Request,
    *,
    by: str,
    countries: Collection[str] | None = None,
    programmes: Collection[str] | None = None,
) -> ReviewedRequest:
    """Store a new request as proposed by user `by`, waiting for the coordinator's review.

    `countries` are those the user may propose for (an office's; None for a coordinator): a request hosted
    elsewhere is refused. `programmes` are the catalogue's programme ids, when the caller has them.
    """
    if countries is not None and request.country not in countries:
        allowed = ", ".join(sorted(countries)) or "none"
        raise UsageError(f"{by} may propose requests only for their countries ({allowed}), not {request.country}")
    _check_proposal(request, programmes)
    now = datetime.now(UTC)
    with register.transaction(write=True) as session:
        if session.get(RequestRow, request.id) is not None:
            raise UsageError(f"a request {request.id!r} exists already; choose another id")
        row = RequestRow(
            **request_row_values(request),
            status="proposed",
            decline_reason=None,
            proposed_by=by,
            reviewed_by=None,
            position=next_position(session, RequestRow.position),
            created_at=now,
            updated_at=now,
        )
        session.add(row)
        session.flush()
        return _reviewed(row)


def _check_proposal(request: Request, programmes: Collection[str] | None) -> None:
    """What the request files are checked for beyond the model: a known programme, a settled time zone."""
    problems = []
    if programmes is not None and request.programme not in programmes:
        known = ", ".join(sorted(programmes))
        problems.append(
            Problem("request", None, "programme", request.programme, f"a programme of the catalogue ({known})")
        )
    if request.zone() is None:
        expected = "a `tz` (an IANA time zone), because the country and city do not settle one"
        problems.append(Problem("request", None, "tz", None, expected))
    if problems:
        raise InvalidInput(problems)


def accept(register: Register, request_id: str, *, by: str, priority: int | None = None) -> ReviewedRequest:
    """Accept a request for planning, with a new priority (1-5) when given."""
    if priority is not None and not 1 <= priority <= 5:
        raise InvalidInput([Problem("request", None, "priority", str(priority), "a priority from 1 to 5")])
    with register.transaction(write=True) as session:
        row = _request_row(session, request_id)
        row.status, row.decline_reason, row.reviewed_by = "accepted", None, by
        if priority is not None:
            row.priority = priority
        row.updated_at = datetime.now(UTC)
        session.flush()
        return _reviewed(row)


def decline(register: Register, request_id: str, *, reason: str, by: str) -> ReviewedRequest:
    """Decline a request with the reason its office will read; it is not planned."""
    reason = (reason or "").strip()
    if not reason:
        raise UsageError(f"declining {request_id} needs a reason the office can read")
    with register.transaction(write=True) as session:
        row = _request_row(session, request_id)
        row.status, row.decline_reason, row.reviewed_by = "declined", reason, by
        row.updated_at = datetime.now(UTC)
        session.flush()
        return _reviewed(row)


def exists(register: Register, request_id: str) -> bool:
    """Whether the register holds a request with this id (the web answers 404 for one it does not)."""
    with register.transaction() as session:
        return session.get(RequestRow, request_id) is not None


def _request_row(session: Session, request_id: str) -> RequestRow:
    row = session.get(RequestRow, request_id)
    if row is None:
        raise UsageError(f"no request {request_id!r} in the register")
    return row


# --- trainers' availability -----------------------------------------------------------------------------


def trainers(register: Register) -> list[Trainer]:
    """Every trainer of the register, in file order, with their unavailable ranges."""
    from tiptrain.register.inputs import all_trainers

    with register.transaction() as session:
        return all_trainers(session)


def unavailable(register: Register, trainer_id: str) -> list[tuple[date, date]]:
    """A trainer's unavailable ranges as (first day, last day), by day."""
    with register.transaction() as session:
        return ranges_of(to_trainer(_trainer_row(session, trainer_id)))


def set_unavailable(
    register: Register,
    trainer_id: str,
    ranges: Sequence[tuple[date, date]],
    *,
    by: str,
    today: date | None = None,
) -> list[tuple[date, date]]:
    """Replace a trainer's unavailable ranges with `ranges`; return them as stored, by day.

    Every range is checked first (first day on or before the last, within PAST_DAYS before `today` and
    FUTURE_DAYS after it); any problem refuses the whole change, naming each bad range.
    """
    check_ranges(ranges, today or datetime.now(UTC).date())
    with register.transaction(write=True) as session:
        row = _trainer_row(session, trainer_id)
        replace_ranges(row, ranges, by=by, now=datetime.now(UTC))
        session.flush()
        return ranges_of(to_trainer(row))


def check_ranges(ranges: Sequence[tuple[date, date]], today: date) -> None:
    """InvalidInput naming every range that is reversed or outside the sane window around `today`."""
    if len(ranges) > MAX_RANGES:
        raise InvalidInput([Problem("unavailable", None, "", str(len(ranges)), f"at most {MAX_RANGES} ranges")])
    earliest, latest = today - timedelta(days=PAST_DAYS), today + timedelta(days=FUTURE_DAYS)
    problems = []
    for index, (first, last) in enumerate(ranges):
        value = f"{first}..{last}"
        if last < first:
            problems.append(
                Problem("unavailable", None, f"range {index + 1}", value, "a last day on or after the first")
            )
        elif first < earliest or last > latest:
            expected = f"days from {earliest} to {latest}"
            problems.append(Problem("unavailable", None, f"range {index + 1}", value, expected))
    if problems:
        raise InvalidInput(problems)


def _trainer_row(session: Session, trainer_id: str) -> TrainerRow:
    row = session.get(TrainerRow, trainer_id)
    if row is None:
        raise UsageError(f"no trainer {trainer_id!r} in the register")
    return row
