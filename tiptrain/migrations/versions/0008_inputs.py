"""The plan's inputs in the register: requests with their review state, trainers and their unavailable days.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _requests()
    _trainers()
    op.create_table(
        "input_files",
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_input_files")),
    )


def _requests() -> None:
    op.create_table(
        "requests",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("audiences", sa.JSON(), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("window_earliest", sa.Date(), nullable=False),
        sa.Column("window_latest", sa.Date(), nullable=False),
        sa.Column("preferred_start", sa.Date(), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("regional", sa.JSON(), nullable=False),
        sa.Column("partner", sa.String(200), nullable=True),
        sa.Column("avoid", sa.JSON(), nullable=False),
        sa.Column("interpretation", sa.Boolean(), nullable=False),
        sa.Column("participant_languages", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("decline_reason", sa.Text(), nullable=True),
        sa.Column("proposed_by", sa.String(100), nullable=False),
        sa.Column("reviewed_by", sa.String(100), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('proposed', 'accepted', 'declined')", name=op.f("ck_requests_status_known")),
        sa.CheckConstraint("window_earliest <= window_latest", name=op.f("ck_requests_window_ordered")),
        sa.CheckConstraint("priority BETWEEN 1 AND 5", name=op.f("ck_requests_priority_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
    )
    op.create_index(op.f("ix_requests_country"), "requests", ["country"])
    op.create_index(op.f("ix_requests_status"), "requests", ["status"])


def _trainers() -> None:
    op.create_table(
        "trainers",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("expertise", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("home", sa.String(2), nullable=False),
        sa.Column("home_city", sa.String(120), nullable=True),
        sa.Column("max_workshops", sa.Integer(), nullable=False),
        sa.Column("travel_days", sa.Integer(), nullable=False),
        sa.Column("trained_at", sa.String(64), nullable=True),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainers")),
    )
    op.create_table(
        "trainer_unavailable",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("trainer_id", sa.String(64), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("changed_by", sa.String(100), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("first_day <= last_day", name=op.f("ck_trainer_unavailable_days_ordered")),
        sa.ForeignKeyConstraint(
            ["trainer_id"], ["trainers.id"], name=op.f("fk_trainer_unavailable_trainer_id_trainers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trainer_unavailable")),
    )
    op.create_index(op.f("ix_trainer_unavailable_trainer_id"), "trainer_unavailable", ["trainer_id"])


def downgrade() -> None:
    op.drop_table("input_files")
    op.drop_index(op.f("ix_trainer_unavailable_trainer_id"), table_name="trainer_unavailable")
    op.drop_table("trainer_unavailable")
    op.drop_table("trainers")
    op.drop_index(op.f("ix_requests_status"), table_name="requests")
    op.drop_index(op.f("ix_requests_country"), table_name="requests")
    op.drop_table("requests")
