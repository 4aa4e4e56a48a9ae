"""Answer sheets: the letter each participant chose per question of the pre- and post-test (SPEC 10).

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("participant_id", sa.Integer(), nullable=False),
        sa.Column("test", sa.String(4), nullable=False),
        sa.Column("question", sa.String(80), nullable=False),
        sa.Column("unit", sa.String(64), nullable=False),
        sa.Column("choice", sa.String(1), nullable=True),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.CheckConstraint("test IN ('pre', 'post')", name=op.f("ck_answers_test_known")),
        sa.CheckConstraint("choice IS NULL OR choice IN ('a', 'b', 'c', 'd')", name=op.f("ck_answers_choice_known")),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_answers_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("participant_id", "test", "question", name=op.f("pk_answers")),
    )


def downgrade() -> None:
    op.drop_table("answers")
