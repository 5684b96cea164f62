"""name search ranked by its index (issue 18): on SQLite the FTS5 table's rowid becomes the
product's search rank (active first, shorter name first, then the older product), so the till's
search reads its first matches straight from the index; on PostgreSQL a btree index on the
same rank

Revision ID: 0017s
Revises: 0016
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0017s"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# the rank of a product row `r` (see gerai.services.stock.catalog.SEARCH_ROWID): inactive ones
# after every active one (bit 62), then the name's length (bits 40..51), then the id (bits 0..39)
_RANK = (
    "((NOT {r}.active) * 4611686018427387904 + min(length({r}.name), 4095) * 1099511627776"
    " + {r}.id)"
)
_TRIGGERS = ("product_fts_insert", "product_fts_delete", "product_fts_update")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_product_search_rank ON product (length(name), id) WHERE active")
    if op.get_bind().dialect.name == "sqlite":
        _make_index("content=''", _RANK, "name, code, active")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_product_search_rank")
    if op.get_bind().dialect.name == "sqlite":  # as migration 0001 made it
        _make_index("content='product', content_rowid='id'", "{r}.id", "name, code")


def _make_index(content: str, rowid: str, watched: str) -> None:
    """SQLite: product_fts made again with `content` options, each product's row numbered by
    `rowid` (of the row `{r}`), kept in step by triggers (updates of the `watched` columns)."""
    for trigger in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS product_fts")
    op.execute(
        f"CREATE VIRTUAL TABLE product_fts USING fts5(name, code, {content}, "
        "tokenize='unicode61 remove_diacritics 2', prefix='1 2')"
    )
    op.execute(
        "INSERT INTO product_fts (rowid, name, code) "
        f"SELECT {rowid.format(r='product')}, name, code FROM product ORDER BY id"
    )
    new, old = rowid.format(r="new"), rowid.format(r="old")
    insert = f"INSERT INTO product_fts (rowid, name, code) VALUES ({new}, new.name, new.code);"
    delete = (
        "INSERT INTO product_fts (product_fts, rowid, name, code) "
        f"VALUES ('delete', {old}, old.name, old.code);"
    )
    op.execute(f"CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN {insert} END")
    op.execute(f"CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN {delete} END")
    op.execute(
        f"CREATE TRIGGER product_fts_update AFTER UPDATE OF {watched} ON product "
        f"BEGIN {delete} {insert} END"
    )
