"""The first schema: runs, their blocks, the trainer's presses and the evaluations.

Revision ID: 0001
Revises:
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
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kit", sa.String(200), nullable=False, index=True),
        sa.Column("workshop", sa.String(120), nullable=False, index=True),
        sa.Column("client", sa.String(120), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("language", sa.String(12), nullable=False),
        sa.Column("day", sa.String(10), nullable=False),
        sa.Column("created", sa.Float, nullable=False),
        sa.Column("token", sa.String(64), nullable=False),
        sa.Column("secret", sa.String(64), nullable=False),
        sa.Column("booked_start", sa.Integer, nullable=False),
        sa.Column("booked_end", sa.Integer, nullable=False),
        sa.Column("started", sa.Float, nullable=True),
        sa.Column("current", sa.Integer, nullable=False, server_default="-1"),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("kit", "day", name="one_run_a_day"),
    )
    op.create_table(
        "blocks",
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("item", sa.String(120), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("is_break", sa.Boolean, nullable=False),
        sa.Column("optional", sa.Boolean, nullable=False),
        sa.Column("planned", sa.Integer, nullable=False),
        sa.Column("low", sa.Integer, nullable=False),
        sa.Column("high", sa.Integer, nullable=False),
        sa.Column("extra", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("started", sa.Float, nullable=True),
        sa.Column("ended", sa.Float, nullable=True),
    )
    op.create_table(
        "presses",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.UniqueConstraint("run_id", "key", name="presses_once"),
    )
    op.create_table(
        "submissions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id"), nullable=False, index=True),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("name", sa.Text, nullable=False, server_default=""),
        sa.Column("answers", sa.Text, nullable=False),
        sa.UniqueConstraint("run_id", "key", name="submissions_once"),
    )


def downgrade() -> None:
    for table in ("submissions", "presses", "blocks", "runs"):
        op.drop_table(table)
