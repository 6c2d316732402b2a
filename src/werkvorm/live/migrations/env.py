"""Alembic's environment: always run from werkvorm with an open connection (no ini file)."""

from __future__ import annotations

from alembic import context

from werkvorm.live.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
