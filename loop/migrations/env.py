"""Alembic's entry for the loop's migrations: run on the connection loop.db.upgrade hands over (never a URL here)."""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
