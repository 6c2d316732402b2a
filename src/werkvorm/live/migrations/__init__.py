"""Alembic's scripts for the live database (run by :func:`werkvorm.live.store.migrate`)."""
