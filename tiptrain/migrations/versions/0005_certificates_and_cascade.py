"""Certificate codes with their revocations, and the cascade's follow-on courses run by ToT participants.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "certificates",
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("workshop_id", sa.String(100), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["workshop_id"], ["workshops.id"], name=op.f("fk_certificates_workshop_id_workshops"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_certificates_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_certificates")),
        sa.UniqueConstraint("participant_id", name=op.f("uq_certificates_participant_id")),
    )
    op.create_index(op.f("ix_certificates_workshop_id"), "certificates", ["workshop_id"])
    op.create_table(
        "certificate_revocations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["code"],
            ["certificates.code"],
            name=op.f("fk_certificate_revocations_code_certificates"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_revocations")),
    )
    op.create_index(op.f("ix_certificate_revocations_code"), "certificate_revocations", ["code"])
    op.create_table(
        "cascade_courses",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tot_workshop_id", sa.String(100), nullable=False),
        sa.Column("participant_id", sa.Integer(), nullable=True),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("participants", sa.Integer(), nullable=False),
        sa.Column("audience", sa.String(32), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.CheckConstraint("participants >= 1", name=op.f("ck_cascade_courses_participants_positive")),
        sa.ForeignKeyConstraint(
            ["tot_workshop_id"],
            ["workshops.id"],
            name=op.f("fk_cascade_courses_tot_workshop_id_workshops"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_cascade_courses_participant_id_participants"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cascade_courses")),
        sa.UniqueConstraint("participant_id", "held_on", "country", name=op.f("uq_cascade_courses_participant_id")),
    )
    op.create_index(op.f("ix_cascade_courses_tot_workshop_id"), "cascade_courses", ["tot_workshop_id"])
    op.create_index(op.f("ix_cascade_courses_participant_id"), "cascade_courses", ["participant_id"])


def downgrade() -> None:
    op.drop_table("cascade_courses")
    op.drop_table("certificate_revocations")
    op.drop_table("certificates")
