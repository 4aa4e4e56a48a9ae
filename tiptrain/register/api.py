"""The register as one object: the facade the commands and the other packages use.

Each public method is one transaction (STYLE 12): it either happens whole or not at all, so a failed
command leaves the register as it was. Write transactions queue behind each other (SQLite BEGIN IMMEDIATE,
a PostgreSQL advisory lock); a wait longer than the busy timeout ends in RegisterBusy, not a traceback.
The schema is brought to the newest revision the first time a Register touches the database.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from types import TracebackType

from sqlalchemy import Engine, func, select, update
from sqlalchemy.orm import Session

from curriculum.errors import UsageError
from curriculum.models import Catalogue
from exports.models import FormAnswer, Participant, PeriodReport
from scheduler.models import Plan, Request, Trainer, Workshop
from scheduler.restaff import Absence, Restaffed
from scheduler.statuses import ACTIVE_STATUSES, LOCKED_STATUSES
from tiptrain.register import delivery, migrate
from tiptrain.register.absences import list_absences, record_absences
from tiptrain.register.answers import AnswerSheet
from tiptrain.register.cascade import CascadeCourse, CourseInput, add_courses, cascade_figures, list_courses
from tiptrain.register.certs import Verification, issue_codes, revoke, verify
from tiptrain.register.db import BUSY_TIMEOUT, make_engine, readable_errors, take_write_lock, writer
from tiptrain.register.delivery import Replaced
from tiptrain.register.evaluations import EvaluationsRecorded, store_evaluations
from tiptrain.register.learning import Answer, sheet_totals, with_sheet_totals
from tiptrain.register.lifecycle import (
    StatusChange,
    check_status,
    check_transition,
    record_change,
    to_change,
)
from tiptrain.register.orm import (
    EvaluationRow,
    ParticipantRow,
    StatusChangeRow,
    TrainerLinkRow,
    WorkshopRow,
)
from tiptrain.register.privacy import (
    Forgotten,
    RosterEntry,
    erase_traces,
    forget_person,
    roster_entries,
    to_participant,
)
from tiptrain.register.report import ReportInput, compute_report, programme_topics, trainer_training_programmes
from tiptrain.register.scores import Recorded, read_answers, record_answers
from tiptrain.register.snapshot import Check, PeriodState, PlanBreaksRules, RegisterChanged, read_state, store_checked
from tiptrain.register.store import StoreSummary, check_storable, store_plan, to_workshop

__all__ = [
    "Forgotten",
    "PeriodState",
    "PlanBreaksRules",
    "Recorded",
    "Register",
    "RegisterChanged",
    "Replaced",
    "RosterEntry",
    "StatusChange",
    "StoreSummary",
]


BUSY_TIMEOUT_ENV = "TIPTRAIN_BUSY_TIMEOUT"
"""Seconds to wait for a register that another command holds (default 30), e.g. 5 in scripts."""


class Register:
    """The workshops, their history and rosters in the database at `url` (SQLite or PostgreSQL)."""

    def __init__(
        self, url: str, busy_timeout: float | None = None, clock: Callable[[], datetime] | None = None
    ) -> None:
        self.url = url
        self.busy_timeout = busy_timeout if busy_timeout is not None else busy_timeout_setting()
        self._clock = clock or (lambda: datetime.now(UTC))
        self._engine: Engine | None = None

    def __enter__(self) -> Register:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database connections (the Register opens them again when used)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    @property
    def engine(self) -> Engine:
        """The engine, with the schema at head (migrated on first use)."""
        if self._engine is None:
            with readable_errors(self.url, self.busy_timeout):
                engine = make_engine(self.url, self.busy_timeout)
                try:
                    migrate.ensure_head(engine, self.busy_timeout)
                except BaseException:
                    engine.dispose()
                    raise
            self._engine = engine
        return self._engine

    @contextmanager
    def _session(self, write: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        engine = self.engine
        with readable_errors(self.url, self.busy_timeout):
            bind = writer(engine) if write else engine
            with Session(bind, expire_on_commit=False) as session, session.begin():
                if write:
                    take_write_lock(session.connection(), self.busy_timeout)
                yield session

    def transaction(self, write: bool = False) -> AbstractContextManager[Session]:
        """One transaction, as the methods here use, for modules built beside the register (the outbox)."""
        return self._session(write)

    # plans -------------------------------------------------------------------------------------------

    def store_plan(self, plan: Plan, reason: str = "plan") -> StoreSummary:
        """Store a plan: new workshops planned, changed planned ones updated, missing planned ones cancelled."""
        check_storable(plan)
        with self._session(write=True) as session:
            return store_plan(session, plan, reason, self._clock())

    def period_state(self, first: date, last: date) -> PeriodState:
        """What planning [first, last] needs from the register, read in one transaction with its version."""
        with self._session() as session:
            return read_state(session, first, last)

    def store_if_unchanged(
        self,
        plan: Plan,
        state: PeriodState,
        *,
        reason: str,
        check: Check,
        trainers: Iterable[Trainer] = (),
        dropped: Collection[str] = (),
        absences: Sequence[Absence] = (),
        restaffed: Sequence[Restaffed] = (),
        by: str | None = None,
    ) -> tuple[StoreSummary, list[str]]:
        """Store `plan` and link `trainers`, in one transaction, only if the register is still at `state`.

        Raises RegisterChanged (naming what changed) when another command wrote in between, and
        PlanBreaksRules when `check` finds a rule the plan breaks against the locked workshops as they
        stand; either way nothing is written. `dropped` are the requests the coordinator dropped; `absences`
        are recorded and `restaffed` confirmed workshops get their new teams in the same transaction.
        `by` is the web user who asked, named on every history entry the plan writes (None: the command line).
        Returns what storing did and the trainers whose `trained_at` the register does not hold.
        """
        check_storable(plan)
        with self._session(write=True) as session:
            now = self._clock()
            summary = store_checked(
                session,
                plan,
                state,
                reason=reason,
                check=check,
                now=now,
                dropped=dropped,
                absences=absences,
                restaffed=restaffed,
            )
            if by is not None:
                session.execute(update(StatusChangeRow).where(StatusChangeRow.at == now).values(actor=by))
            return summary, self._link_all(session, trainers)

    def absences(self) -> list[Absence]:
        """Recorded trainer absences (trainer id, first day, last day), which every plan must respect."""
        with self._session() as session:
            return list_absences(session)

    def record_absences(self, absences: Iterable[Absence]) -> list[Absence]:
        """Record trainer absences the register does not hold yet; return the new ones."""
        with self._session(write=True) as session:
            return record_absences(session, absences, self._clock())

    def locked(self) -> list[Workshop]:
        """Confirmed and delivered workshops: the solver must not move them."""
        return self._list(statuses=LOCKED_STATUSES)

    def current_plan(self) -> list[Workshop]:
        """Every workshop that is not cancelled: the previous plan for a re-plan."""
        return self._list(statuses=ACTIVE_STATUSES)

    def workshops(
        self, status: str | None = None, first: date | None = None, last: date | None = None
    ) -> list[Workshop]:
        """Workshops by start then id; optionally one status, and only those with a day in [first, last]."""
        return self._list(statuses=(check_status(status),) if status else None, first=first, last=last)

    def _list(
        self, statuses: tuple[str, ...] | None = None, first: date | None = None, last: date | None = None
    ) -> list[Workshop]:
        query = select(WorkshopRow).order_by(WorkshopRow.start_day, WorkshopRow.id)
        if statuses is not None:
            query = query.where(WorkshopRow.status.in_(statuses))
        if first is not None:
            query = query.where(WorkshopRow.end_day >= first)
        if last is not None:
            query = query.where(WorkshopRow.start_day <= last)
        with self._session() as session:
            return [to_workshop(row) for row in session.scalars(query)]

    def workshop(self, workshop_id: str) -> Workshop:
        """One workshop; UsageError when the register has none with this id."""
        with self._session() as session:
            return to_workshop(_row(session, workshop_id))

    # lifecycle ---------------------------------------------------------------------------------------

    def transition(
        self, workshop_id: str, new_status: str, reason: str | None = None, *, by: str | None = None
    ) -> Workshop:
        """Confirm or cancel a workshop; refused changes raise UsageError naming the allowed ones.

        `by` is the web user making the change, kept in the history (None: the command line).
        """
        with self._session(write=True) as session:
            row = _row(session, workshop_id)
            check_transition(workshop_id, row.status, new_status)
            now = self._clock()
            record_change(session, row, new_status, reason or "", now)
            _sign(session, workshop_id, now, by)
            return to_workshop(row)

    def deliver(self, workshop_id: str, participants: list[Participant], *, by: str | None = None) -> Workshop:
        """Record a confirmed workshop as delivered with its roster, both or neither; `by` as in transition."""
        with self._session(write=True) as session:
            row = _row(session, workshop_id)
            now = self._clock()
            delivery.deliver(session, row, participants, now)
            _sign(session, workshop_id, now, by)
            return to_workshop(row)

    def replace_roster(self, workshop_id: str, participants: list[Participant], *, by: str | None = None) -> Replaced:
        """Replace a delivered workshop's roster whole (or deliver a confirmed one); the history says so."""
        with self._session(write=True) as session:
            now = self._clock()
            replaced = delivery.replace(session, _row(session, workshop_id), participants, now)
            _sign(session, workshop_id, now, by)
            return replaced

    def now(self) -> datetime:
        """The register's clock (UTC): the time its history and accounts record."""
        return self._clock()

    def today(self) -> date:
        """Today's date by the register's clock (UTC), the date its history records."""
        return self._clock().date()

    def participants(self, workshop_id: str) -> list[Participant]:
        """The roster of a delivered workshop, in its order (empty before delivery)."""
        with self._session() as session:
            _row(session, workshop_id)
            query = (
                select(ParticipantRow)
                .where(ParticipantRow.workshop_id == workshop_id)
                .order_by(ParticipantRow.position)
            )
            return [to_participant(row) for row in session.scalars(query)]

    def roster(self, workshop_id: str) -> list[RosterEntry]:
        """The roster of a workshop with each participant's stable id (P-17), in its order."""
        with self._session() as session:
            _row(session, workshop_id)
            return roster_entries(session, workshop_id)

    def forget(self, who: str) -> Forgotten:
        """Erase one person's name, organisation and e-mail (by id, or by a name only one person has)."""
        with self._session(write=True) as session:
            done = forget_person(session, who, self._clock())
        with readable_errors(self.url, self.busy_timeout):
            erase_traces(self.engine)
        return done

    def history(self, workshop_id: str) -> list[StatusChange]:
        """Every change of the workshop, oldest first."""
        with self._session() as session:
            _row(session, workshop_id)
            query = (
                select(StatusChangeRow).where(StatusChangeRow.workshop_id == workshop_id).order_by(StatusChangeRow.id)
            )
            return [to_change(row) for row in session.scalars(query)]

    # evaluations -------------------------------------------------------------------------------------

    def record_evaluations(
        self, workshop_id: str, answers: Sequence[FormAnswer], *, replace: bool = False
    ) -> EvaluationsRecorded:
        """Store a delivered workshop's anonymous evaluation answers, all or none (SPEC 10)."""
        with self._session(write=True) as session:
            return store_evaluations(session, _row(session, workshop_id), answers, replace=replace)

    def evaluations(self, workshop_id: str) -> list[FormAnswer]:
        """A workshop's evaluation answers, in the order they are stored (by unit, rating, comment)."""
        with self._session() as session:
            _row(session, workshop_id)
            return _evaluations(session, [workshop_id]).get(workshop_id, [])

    # answer sheets -----------------------------------------------------------------------------------

    def record_answers(self, workshop_id: str, sheet: AnswerSheet) -> Recorded:
        """Replace a delivered workshop's answers with an answer sheet's, scored; the history says so."""
        with self._session(write=True) as session:
            return record_answers(session, _row(session, workshop_id), sheet, self._clock())

    def answers(self, workshop_id: str) -> list[Answer]:
        """The stored answers of a workshop, by participant, test and question (empty before any import)."""
        with self._session() as session:
            _row(session, workshop_id)
            return read_answers(session, [workshop_id])

    # the cascade -------------------------------------------------------------------------------------

    def link_trainer(self, workshop_id: str, trainer_id: str, source: str = "command") -> bool:
        """Record that trainer `trainer_id` was trained at workshop `workshop_id`; False when known already."""
        with self._session(write=True) as session:
            _row(session, workshop_id)
            return self._link(session, trainer_id, workshop_id, source)

    def link_trainers(self, trainers: Iterable[Trainer]) -> list[str]:
        """Link every trainer whose `trained_at` is in the register; return the ids of those whose is not."""
        with self._session(write=True) as session:
            return self._link_all(session, trainers)

    def _link_all(self, session: Session, trainers: Iterable[Trainer]) -> list[str]:
        session.flush()  # workshops added in this transaction count as known
        unknown = []
        for trainer in trainers:
            if trainer.trained_at is None:
                continue
            if session.get(WorkshopRow, trainer.trained_at) is None:
                unknown.append(trainer.id)
            else:
                self._link(session, trainer.id, trainer.trained_at, "trainers.yaml")
        return unknown

    def trainer_links(self) -> list[tuple[str, str]]:
        """(trainer id, workshop id) of every link, sorted."""
        with self._session() as session:
            query = select(TrainerLinkRow.trainer_id, TrainerLinkRow.workshop_id).order_by(
                TrainerLinkRow.trainer_id, TrainerLinkRow.workshop_id
            )
            return [(trainer, workshop) for trainer, workshop in session.execute(query)]

    def _link(self, session: Session, trainer_id: str, workshop_id: str, source: str) -> bool:
        if session.get(TrainerLinkRow, (trainer_id, workshop_id)) is not None:
            return False
        session.add(
            TrainerLinkRow(trainer_id=trainer_id, workshop_id=workshop_id, recorded_at=self._clock(), source=source)
        )
        return True

    # reports -----------------------------------------------------------------------------------------

    def report(
        self,
        first: date,
        last: date,
        *,
        catalogue: Catalogue | None = None,
        threshold: float = 0.8,
        programme_name: str = "",
        trainers: Sequence[Trainer] = (),
        max_gap_days: int = 6,
        requests: Mapping[str, Request] | None = None,
        targets: Mapping[str, float | None] | None = None,
    ) -> PeriodReport:
        """The figures of the delivered workshops that start between `first` and `last` (SPEC 6).

        The cascade starts at the catalogue's programmes marked `trains_trainers`; without a catalogue no
        programme is known to train trainers and the cascade is 0.
        """
        if last < first:
            raise UsageError(f"the report's end {last} comes before its start {first}")
        with self._session() as session:
            in_range = (WorkshopRow.start_day >= first, WorkshopRow.start_day <= last)
            delivered = list(
                session.scalars(
                    select(WorkshopRow)
                    .where(WorkshopRow.status == "delivered", *in_range)
                    .order_by(WorkshopRow.start_day, WorkshopRow.id)
                )
            )
            answers = read_answers(session, [row.id for row in delivered])
            rosters = _rosters(session, [row.id for row in delivered], answers)
            forms = _evaluations(session, [row.id for row in delivered])
            data = ReportInput(
                first=first,
                last=last,
                delivered=[(to_workshop(row), rosters.get(row.id, [])) for row in delivered],
                planned=_count(session, ("planned", "confirmed"), *in_range),
                cancelled=_count(session, ("cancelled",), *in_range),
                topics_by_programme=programme_topics(catalogue) if catalogue is not None else {},
                trained=_trained(session, trainer_training_programmes(catalogue)),
                threshold=threshold,
                programme_name=programme_name,
                trainers=trainers,
                max_gap_days=max_gap_days,
                answers=answers,
                evaluations=[answer for answers_of_one in forms.values() for answer in answers_of_one],
                requests=requests or {},
                targets=targets or {},
            )
            tots = trainer_training_programmes(catalogue)
            cascade = cascade_figures(session, first, last, tots, threshold)
        return compute_report(data).model_copy(update=cascade)

    # certificates and the cascade's follow-on courses (issue 13) -------------------------------------

    def certificate_codes(self, workshop_id: str, threshold: float) -> dict[int, str]:
        """Roster number -> code of each certificate to print, created on first issue (see certs.issue_codes)."""
        with self._session(write=True) as session:
            _row(session, workshop_id)
            return issue_codes(session, workshop_id, threshold, self._clock())

    def verify_certificate(self, code: str) -> Verification:
        """Whose certificate a code (or verification URL) is, for which workshop, and whether it is valid."""
        with self._session() as session:
            return verify(session, code)

    def revoke_certificate(self, code: str, reason: str) -> Verification:
        """Revoke a certificate for `reason`, kept with the date and in the workshop's history."""
        with self._session(write=True) as session:
            return revoke(session, code, reason, self._clock())

    def add_cascade_courses(
        self, courses: Sequence[CourseInput], tot_programmes: Collection[str], source: str = "command"
    ) -> list[CascadeCourse]:
        """Record follow-on courses run by ToT participants, all or none (InvalidInput names every problem)."""
        with self._session(write=True) as session:
            return add_courses(session, courses, tot_programmes, self._clock(), source)

    def cascade_courses(self) -> list[CascadeCourse]:
        """Every recorded follow-on course, by date."""
        with self._session() as session:
            return list_courses(session)


def busy_timeout_setting() -> float:
    """Seconds to wait for a busy register: env TIPTRAIN_BUSY_TIMEOUT, else BUSY_TIMEOUT."""
    text = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not text:
        return BUSY_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= 3600:  # also refuses nan
        raise UsageError(f"{BUSY_TIMEOUT_ENV}={text!r}: expected a number of seconds above 0 and at most 3600")
    return seconds


def _row(session: Session, workshop_id: str) -> WorkshopRow:
    row = session.get(WorkshopRow, workshop_id)
    if row is None:
        ids = list(session.scalars(select(WorkshopRow.id)))
        close = difflib.get_close_matches(workshop_id, ids, n=3)
        hint = f"did you mean {', '.join(close)}? " if close else ""
        raise UsageError(
            f"no workshop {workshop_id!r} in the register; {hint}see the ids with `tiptrain workshops list`"
        )
    return row


def _sign(session: Session, workshop_id: str, at: datetime, actor: str | None) -> None:
    """Name `actor` (the web user who made the change) on the workshop's history entries made at `at`."""
    if actor is not None:
        session.execute(
            update(StatusChangeRow)
            .where(StatusChangeRow.workshop_id == workshop_id, StatusChangeRow.at == at)
            .values(actor=actor)
        )


def _rosters(session: Session, workshop_ids: list[str], answers: Sequence[Answer] = ()) -> dict[str, list[Participant]]:
    """The rosters of these workshops; a workshop with answer sheets takes its test totals from them alone."""
    totals = sheet_totals(answers)
    scored = {answer.workshop for answer in answers}
    rosters: dict[str, list[Participant]] = {}
    query = (
        select(ParticipantRow)
        .where(ParticipantRow.workshop_id.in_(workshop_ids))
        .order_by(ParticipantRow.workshop_id, ParticipantRow.position)
    )
    for row in session.scalars(query):
        sheets = totals.get(row.id, (None, None)) if row.workshop_id in scored else None
        rosters.setdefault(row.workshop_id, []).append(with_sheet_totals(to_participant(row), sheets))
    return rosters


def _evaluations(session: Session, workshop_ids: list[str]) -> dict[str, list[FormAnswer]]:
    query = select(EvaluationRow).where(EvaluationRow.workshop_id.in_(workshop_ids)).order_by(EvaluationRow.id)
    forms: dict[str, list[FormAnswer]] = {}
    for row in session.scalars(query):
        forms.setdefault(row.workshop_id, []).append(FormAnswer(unit=row.unit, rating=row.rating, comment=row.comment))
    return forms


def _count(session: Session, statuses: tuple[str, ...], *conditions: object) -> int:
    query = select(func.count()).select_from(WorkshopRow).where(WorkshopRow.status.in_(statuses), *conditions)  # type: ignore[arg-type]
    return int(session.scalar(query) or 0)


def _trained(session: Session, tot_programmes: tuple[str, ...]) -> dict[str, date]:
    """Trainer id -> first day of the earliest delivered ToT workshop they are linked to."""
    query = (
        select(TrainerLinkRow.trainer_id, func.min(WorkshopRow.start_day))
        .join(WorkshopRow, WorkshopRow.id == TrainerLinkRow.workshop_id)
        .where(WorkshopRow.status == "delivered", WorkshopRow.programme.in_(tot_programmes))
        .group_by(TrainerLinkRow.trainer_id)
    )
    return dict(session.execute(query).all())
