"""A workshop's statuses, named once: every package imports these instead of spelling them again.

Kept free of heavy imports (no pydantic) so the CLI's `--status` choices can use them while `tiptrain --help`
stays fast. The moves between statuses are the register's lifecycle (tiptrain/register/lifecycle.py).
"""

from __future__ import annotations

from typing import Final, Literal, get_args

WorkshopStatus = Literal["planned", "confirmed", "delivered", "cancelled"]
"""planned by tiptrain -> confirmed by the host -> delivered (roster in); or cancelled by a person."""

WORKSHOP_STATUSES: Final[tuple[WorkshopStatus, ...]] = get_args(WorkshopStatus)
"""Every status, in the order of a workshop's life: for choices, checks and database constraints."""

LOCKED_STATUSES: Final[tuple[WorkshopStatus, ...]] = ("confirmed", "delivered")
"""What a plan may not move or re-staff: the host has confirmed the dates, or the workshop took place."""

ACTIVE_STATUSES: Final[tuple[WorkshopStatus, ...]] = ("planned", "confirmed", "delivered")
"""Workshops that hold their dates and trainers: every status but cancelled."""
