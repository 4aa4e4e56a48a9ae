"""The register's tables as SQLAlchemy 2 typed declarative models.

A workshop row holds what the plan said (section 4 of the SPEC) plus its status and calendar `sequence`;
its days and team are child rows in order. Every status change is a history row. A delivered workshop has
its roster: participants with per-day attendance and optional test scores, and the answers of its anonymous
evaluation forms (held by the workshop, never by a participant).
Trainer links record where a trainer was trained (a ToT workshop), for the cascade count. Trainer absences
record the days a coordinator took a trainer out of planning (`replan --trainer-away`). The outbox holds the
invitations owed to trainers (SPEC 11).

The Alembic migrations in `tiptrain/migrations/versions` create exactly these tables; a test compares them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from scheduler.statuses import WORKSHOP_STATUSES

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
STATUSES = WORKSHOP_STATUSES


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back with its time zone (SQLite forgets it)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("timestamps in the register must carry a time zone")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    """Base of the register tables, with constraint names that migrations can refer to."""

    metadata = MetaData(naming_convention=NAMING)


class WorkshopRow(Base):
    """One workshop: a request placed on dates with a team, and where it is in its life."""

    __tablename__ = "workshops"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in STATUSES)})", name="status_known"),
        CheckConstraint("start_day <= end_day", name="days_ordered"),
    )

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    request: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(120))
    programme: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    tz: Mapped[str | None] = mapped_column(String(64))
    priority: Mapped[int | None] = mapped_column(Integer)
    start_day: Mapped[date] = mapped_column(Date, index=True)
    end_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), index=True)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    days: Mapped[list[WorkshopDayRow]] = relationship(
        order_by="WorkshopDayRow.number", cascade="all, delete-orphan", lazy="selectin"
    )
    team: Mapped[list[WorkshopTrainerRow]] = relationship(
        order_by="WorkshopTrainerRow.position", cascade="all, delete-orphan", lazy="selectin"
    )


class WorkshopDayRow(Base):
    """Day number `number` (1-based) of a workshop."""

    __tablename__ = "workshop_days"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)


class WorkshopTrainerRow(Base):
    """A trainer of a workshop's team, in the team's order."""

    __tablename__ = "workshop_trainers"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    trainer_id: Mapped[str] = mapped_column(String(64), index=True)


class StatusChangeRow(Base):
    """One change of a workshop's status, with the time, the reason and the sequence it led to."""

    __tablename__ = "status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    old_status: Mapped[str | None] = mapped_column(String(16))
    new_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    sequence: Mapped[int] = mapped_column(Integer)
    actor: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """The web user who made the change (None: the command line)."""

    workshop: Mapped[WorkshopRow] = relationship(lazy="raise")


class ParticipantRow(Base):
    """One roster row of a delivered workshop; `position` keeps the roster's order."""

    __tablename__ = "participants"
    __table_args__ = (
        CheckConstraint("sex IN ('f', 'm', 'x')", name="sex_known"),
        CheckConstraint("pre_test IS NULL OR (pre_test >= 0 AND pre_test <= 100)", name="pre_test_range"),
        CheckConstraint("post_test IS NULL OR (post_test >= 0 AND post_test <= 100)", name="post_test_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    profession: Mapped[str] = mapped_column(String(32))
    sex: Mapped[str] = mapped_column(String(1))
    country: Mapped[str] = mapped_column(String(2))
    email: Mapped[str | None] = mapped_column(String(254))
    pre_test: Mapped[float | None] = mapped_column(Float)
    post_test: Mapped[float | None] = mapped_column(Float)
    certified_trainer: Mapped[bool | None] = mapped_column(Boolean)

    attendance: Mapped[list[AttendanceRow]] = relationship(
        order_by="AttendanceRow.day_number", cascade="all, delete-orphan", lazy="selectin"
    )


class AttendanceRow(Base):
    """Whether a participant was present on day `day_number` of the workshop."""

    __tablename__ = "attendance"

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    day_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean)


class EvaluationRow(Base):
    """One answer of an anonymous evaluation form of a workshop: a unit (or `overall`), rating and comment.

    No participant, no form number: rows are stored sorted by unit, rating and comment, so neither a key
    nor the order of the rows can be joined to the roster (SPEC 10).
    """

    __tablename__ = "evaluations"
    __table_args__ = (CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    unit: Mapped[str] = mapped_column(String(64))
    rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")


class TrainerLinkRow(Base):
    """Trainer `trainer_id` was trained at workshop `workshop_id` (a ToT): the root of the cascade."""

    __tablename__ = "trainer_links"

    trainer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(32), default="command")


class TrainerAbsenceRow(Base):
    """Trainer `trainer_id` cannot work from `first_day` to `last_day` (both included), as a coordinator said.

    Recorded by `replan --trainer-away` so that every later plan keeps the trainer out of those days.
    """

    __tablename__ = "trainer_absences"
    __table_args__ = (
        CheckConstraint("first_day <= last_day", name="days_ordered"),
        UniqueConstraint("trainer_id", "first_day", "last_day"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainer_id: Mapped[str] = mapped_column(String(64))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(32), default="replan")


class AnswerRow(Base):
    """The letter a participant chose for one question of the pre- or post-test (None: unanswered).

    Imported from an answer sheet (`tiptrain workshops scores`, SPEC 10); `correct` is the sheet scored
    against the answer key at import and `unit` the unit the question tests, so that reports need neither.
    """

    __tablename__ = "answers"
    __table_args__ = (
        CheckConstraint("test IN ('pre', 'post')", name="test_known"),
        CheckConstraint("choice IS NULL OR choice IN ('a', 'b', 'c', 'd')", name="choice_known"),
    )

    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"), primary_key=True)
    test: Mapped[str] = mapped_column(String(4), primary_key=True)
    question: Mapped[str] = mapped_column(String(80), primary_key=True)
    unit: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str | None] = mapped_column(String(1))
    correct: Mapped[bool] = mapped_column(Boolean)


class CertificateRow(Base):
    """The verification code of a participant's certificate, stored when the certificate is first issued.

    The code stays with the participant row, so re-exports and roster replacements that find the person
    again print the same code. A participant removed from the roster leaves the code without a holder.
    """

    __tablename__ = "certificates"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), unique=True, nullable=True
    )
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CertificateRevocationRow(Base):
    """A certificate withdrawn on `at` for `reason`; kept for ever, like the workshops' history."""

    __tablename__ = "certificate_revocations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(ForeignKey("certificates.code", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)


class CascadeCourseRow(Base):
    """A national course that a ToT participant ran afterwards: the cascade's second generation.

    The trainee is the roster row (no name is copied here), so forgetting that person erases their name
    from cascade records too while the course and its participants still count.
    """

    __tablename__ = "cascade_courses"
    __table_args__ = (
        CheckConstraint("participants >= 1", name="participants_positive"),
        UniqueConstraint("participant_id", "held_on", "country"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tot_workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participants.id", ondelete="SET NULL"), nullable=True, index=True
    )
    held_on: Mapped[date] = mapped_column(Date)
    country: Mapped[str] = mapped_column(String(2))
    participants: Mapped[int] = mapped_column(Integer)
    audience: Mapped[str | None] = mapped_column(String(32))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(200), default="command")


class OutboxRow(Base):
    """One iTIP message owed to one trainer about one workshop (SPEC 11), written with the change itself.

    `pending` rows wait for `tiptrain notify send`; a later change to the same workshop updates the pending
    row of each trainer in place (one message with the latest state). `sending` means the message (its bytes
    and Message-ID kept here) was handed to the mail server and the server's answer is not recorded yet;
    `sent` means the server accepted it (or it was written to a folder). The recipient is the trainer id:
    the address, name and language are read from trainers.yaml when the message is built.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("method IN ('REQUEST', 'CANCEL')", name="method_known"),
        CheckConstraint("state IN ('pending', 'sending', 'sent')", name="state_known"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    trainer_id: Mapped[str] = mapped_column(String(64))
    method: Mapped[str] = mapped_column(String(8))
    sequence: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(8), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(255))
    message: Mapped[bytes | None] = mapped_column(LargeBinary)
    recipient: Mapped[str | None] = mapped_column(String(254))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    channel: Mapped[str | None] = mapped_column(String(16))
    error: Mapped[str | None] = mapped_column(Text)

    workshop: Mapped[WorkshopRow] = relationship(lazy="raise")


# the accounts' tables (SPEC 9) live in their own module on this Base; importing it here puts them in metadata
from tiptrain.register import (  # noqa: E402  (after Base: the modules define tables on it)
    orm_accounts,  # noqa: F401
    orm_inputs,  # noqa: F401  (requests and trainers share this Base)
    orm_plan_runs,  # noqa: F401  (plan runs, migration 0009)
)
