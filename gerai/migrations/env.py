"""Alembic environment: run on the connection `Database.upgrade` hands over, or on `-x url=`."""

from alembic import context
from sqlalchemy import create_engine

from gerai import models

config = context.config
target_metadata = models.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        url = context.get_x_argument(as_dictionary=True).get("url", "sqlite:///gerai-dev.db")
        with create_engine(url).connect() as conn:
            _migrate(conn)
            conn.commit()
    else:
        _migrate(connection)


def _ours(name: str | None, type_: str, _parent: object) -> bool:
    """Autogenerate leaves alone the product search (SQLite's FTS5 tables, PostgreSQL's GIN
    index), which the migrations make by hand."""
    return not (name or "").startswith(("product_fts", "ix_product_search"))


def _migrate(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=_ours,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
