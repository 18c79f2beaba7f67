"""Alembic environment: infragate always hands it an open connection (see store.engine)."""

from __future__ import annotations

from alembic import context

from infragate.store.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copy
)
with context.begin_transaction():
    context.run_migrations()
