"""The first register: workshops with days and team, status history, rosters, evaluations, trainer links.

Revision ID: 0001
Revises:
Create Date: 2026-01-15
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshops",
        sa.Column("id", sa.String(100), nullable=False),
        sa.Column("request", sa.String(100), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("city", sa.String(120), nullable=False),
        sa.Column("programme", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("tz", sa.String(64), nullable=True),
        sa.Column("priority", sa.Integer(), nullable=True),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'confirmed', 'delivered', 'cancelled')", name=op.f("ck_workshops_status_known")
        ),
        sa.CheckConstraint("start_day <= end_day", name=op.f("ck_workshops_days_ordered")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workshops")),
    )
    op.create_index(op.f("ix_workshops_programme"), "workshops", ["programme"])
    op.create_index(op.f("ix_workshops_start_day"), "workshops", ["start_day"])
    op.create_index(op.f("ix_workshops_status"), "workshops", ["status"])

    op.create_table(
        "workshop_days",
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_workshop_days_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("workshop_id", "number", name=op.f("pk_workshop_days")),
    )
    op.create_table(
        "workshop_trainers",
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("trainer_id", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"],
            ["workshops.id"],
            name=op.f("fk_workshop_trainers_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("workshop_id", "position", name=op.f("pk_workshop_trainers")),
    )
    op.create_index(op.f("ix_workshop_trainers_trainer_id"), "workshop_trainers", ["trainer_id"])

    op.create_table(
        "status_history",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("old_status", sa.String(16), nullable=True),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_status_history_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_history")),
    )
    op.create_index(op.f("ix_status_history_workshop_id"), "status_history", ["workshop_id"])

    op.create_table(
        "participants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("organisation", sa.String(200), nullable=False),
        sa.Column("profession", sa.String(32), nullable=False),
        sa.Column("sex", sa.String(1), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("email", sa.String(254), nullable=True),
        sa.Column("pre_test", sa.Float(), nullable=True),
        sa.Column("post_test", sa.Float(), nullable=True),
        sa.CheckConstraint("sex IN ('f', 'm', 'x')", name=op.f("ck_participants_sex_known")),
        sa.CheckConstraint(
            "pre_test IS NULL OR (pre_test >= 0 AND pre_test <= 100)", name=op.f("ck_participants_pre_test_range")
        ),
        sa.CheckConstraint(
            "post_test IS NULL OR (post_test >= 0 AND post_test <= 100)", name=op.f("ck_participants_post_test_range")
        ),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_participants_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participants")),
    )
    op.create_index(op.f("ix_participants_workshop_id"), "participants", ["workshop_id"])

    op.create_table(
        "attendance",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("day_number", sa.Integer(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_attendance_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "day_number", name=op.f("pk_attendance")),
    )
    op.create_table(
        "evaluations",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(64), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.CheckConstraint("rating >= 1 AND rating <= 5", name=op.f("ck_evaluations_rating_range")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_evaluations_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "question", name=op.f("pk_evaluations")),
    )
    op.create_table(
        "trainer_links",
        sa.Column("trainer_id", sa.String(64), nullable=False),
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_trainer_links_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("trainer_id", "workshop_id", name=op.f("pk_trainer_links")),
    )


def downgrade() -> None:
    op.drop_table("trainer_links")
    op.drop_table("evaluations")
    op.drop_table("attendance")
    op.drop_index(op.f("ix_participants_workshop_id"), table_name="participants")
    op.drop_table("participants")
    op.drop_index(op.f("ix_status_history_workshop_id"), table_name="status_history")
    op.drop_table("status_history")
    op.drop_index(op.f("ix_workshop_trainers_trainer_id"), table_name="workshop_trainers")
    op.drop_table("workshop_trainers")
    op.drop_table("workshop_days")
    op.drop_index(op.f("ix_workshops_status"), table_name="workshops")
    op.drop_index(op.f("ix_workshops_start_day"), table_name="workshops")
    op.drop_index(op.f("ix_workshops_programme"), table_name="workshops")
    op.drop_table("workshops")
