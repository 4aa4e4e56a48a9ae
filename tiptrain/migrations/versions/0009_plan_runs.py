"""Plan runs: every plan and re-plan, from the command line or the web, with progress and result.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("mode", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("unscheduled", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name=op.f("ck_plan_runs_status_known")),
        sa.CheckConstraint("progress BETWEEN 0 AND 1", name=op.f("ck_plan_runs_progress_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_runs")),
    )
    op.create_index(op.f("ix_plan_runs_status"), "plan_runs", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_plan_runs_status"), table_name="plan_runs")
    op.drop_table("plan_runs")
