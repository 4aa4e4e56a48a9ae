"""Trainer absences: days a coordinator took a trainer out of planning, kept for every later plan.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trainer_absences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trainer_id", sa.String(64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_trainer_absences_days_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_absences")),
        sa.UniqueConstraint("trainer_id", "first_day", "last_day", name=op.f("uq_trainer_absences_trainer_id")),
    )


def downgrade() -> None:
    op.drop_table("trainer_absences")
