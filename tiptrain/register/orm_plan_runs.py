"""The register's table of plan runs: every `tiptrain plan`/`replan` and every re-plan started on the web.

A run is written when it starts (queued on the web, running on the command line), updated with the solver's
progress, and finished with what the plan said (summary lines, what storing changed, the requests left out
and why) or the error that stopped it. The plan page reads the left-out requests of the last finished run
and shows a run's progress; a web re-plan refuses to start while another run is live in any process.
Migration 0009 creates exactly this table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tiptrain.register.orm import Base, UTCDateTime

RUN_STATUSES = ("queued", "running", "done", "failed")
"""queued: recorded, not started yet; running: solving or storing; done and failed are final."""


class PlanRunRow(Base):
    """One planning run: who started it and how, how far it got, and what it gave."""

    __tablename__ = "plan_runs"
    __table_args__ = (
        CheckConstraint(f"status IN ({', '.join(repr(s) for s in RUN_STATUSES)})", name="status_known"),
        CheckConstraint("progress BETWEEN 0 AND 1", name="progress_range"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mode: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), index=True)
    by: Mapped[str] = mapped_column(String(64))
    """The web user's name, or "command" for the command line."""
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    """Last written (start, progress, end): a live run not updated for long was abandoned by its process."""
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    summary: Mapped[list[str]] = mapped_column(JSON, default=list)
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """What storing did, as StoreSummary's lists of workshop ids (added, updated, cancelled, ...)."""
    unscheduled: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """The requests the plan left out: request, country, city, programme, kind, rule, reason."""
    error: Mapped[str | None] = mapped_column(Text)
