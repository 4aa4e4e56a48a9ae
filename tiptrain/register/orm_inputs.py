"""The plan's inputs held in the register: workshop requests with their review state, and trainers.

A request row carries every field of `scheduler.models.Request` (lists as JSON arrays) plus where it is
in review: `proposed` by an office, `accepted` (planned) or `declined` with a reason the office reads.
A trainer row carries every field of `scheduler.models.Trainer`; the days a trainer cannot work are
child rows, so that a trainer can edit them one by one. `position` keeps the order of the file they came
from, so a plan made from the register is the plan the files always gave. `input_files` remembers the
fingerprint of the last workspace file `plan` imported, so that an unchanged file is not imported again
over what the team edited in the register since.

Imported in one line by `tiptrain.register.orm`, so these tables share its metadata and migrations.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tiptrain.register.orm import Base, UTCDateTime

REVIEW_STATUSES = ("proposed", "accepted", "declined")


class RequestRow(Base):
    """One workshop request: the fields of scheduler.models.Request, and its review."""

    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in REVIEW_STATUSES)})", name="status_known"),
        CheckConstraint("window_earliest <= window_latest", name="window_ordered"),
        CheckConstraint("priority BETWEEN 1 AND 5", name="priority_range"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    country: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(120))
    tz: Mapped[str | None] = mapped_column(String(64))
    programme: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8))
    audiences: Mapped[list[Any]] = mapped_column(JSON)
    participants: Mapped[int] = mapped_column(Integer)
    window_earliest: Mapped[date] = mapped_column(Date)
    window_latest: Mapped[date] = mapped_column(Date)
    preferred_start: Mapped[date | None] = mapped_column(Date)
    priority: Mapped[int] = mapped_column(Integer)
    regional: Mapped[list[Any]] = mapped_column(JSON)
    partner: Mapped[str | None] = mapped_column(String(200))
    avoid: Mapped[list[Any]] = mapped_column(JSON)
    interpretation: Mapped[bool] = mapped_column(Boolean)
    participant_languages: Mapped[list[Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(100))
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TrainerRow(Base):
    """One member of the trainer pool: the fields of scheduler.models.Trainer but `unavailable`."""

    __tablename__ = "trainers"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    expertise: Mapped[list[Any]] = mapped_column(JSON)
    languages: Mapped[list[Any]] = mapped_column(JSON)
    home: Mapped[str] = mapped_column(String(2))
    home_city: Mapped[str | None] = mapped_column(String(120))
    max_workshops: Mapped[int] = mapped_column(Integer)
    travel_days: Mapped[int] = mapped_column(Integer)
    trained_at: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254))
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    unavailable: Mapped[list[TrainerUnavailableRow]] = relationship(
        cascade="all, delete-orphan", order_by="TrainerUnavailableRow.first_day", lazy="selectin"
    )


class TrainerUnavailableRow(Base):
    """Days (both included) a trainer cannot work, as the trainer or the trainers file says."""

    __tablename__ = "trainer_unavailable"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="days_ordered"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trainer_id: Mapped[str] = mapped_column(ForeignKey("trainers.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)


class InputFileRow(Base):
    """The fingerprint of the workspace file (`requests` or `trainers`) that `plan` imported last."""

    __tablename__ = "input_files"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
