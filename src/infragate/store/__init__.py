"""The store: SQLAlchemy Core over an embedded SQLite file or a PostgreSQL server."""
