"""The outbox: iTIP messages owed to trainers, written in the transaction of each workshop change (SPEC 11).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("trainer_id", sa.String(64), nullable=False),
        sa.Column("method", sa.String(8), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.String(255), nullable=True),
        sa.Column("message", sa.LargeBinary(), nullable=True),
        sa.Column("recipient", sa.String(254), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("channel", sa.String(16), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.CheckConstraint("method IN ('REQUEST', 'CANCEL')", name=op.f("ck_outbox_method_known")),
        sa.CheckConstraint("state IN ('pending', 'sending', 'sent')", name=op.f("ck_outbox_state_known")),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_outbox_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
    )
    op.create_index(op.f("ix_outbox_workshop_id"), "outbox", ["workshop_id"])
    op.create_index(op.f("ix_outbox_state"), "outbox", ["state"])


def downgrade() -> None:
    op.drop_index(op.f("ix_outbox_state"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_workshop_id"), table_name="outbox")
    op.drop_table("outbox")
