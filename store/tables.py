"""The store's tables as a whole: their names and row counts, on either backend (for
``migrate-store``, which copies every table and checks the counts on both sides, and for
tests that check what a write left behind)."""

from __future__ import annotations

import pyarrow as pa

from store.database import Store, sql


def table_names(store: Store) -> list[str]:
    """Every table of the store's schema, by name."""
    return [row[0] for row in store.rows("schema_tables")]


def count_rows(store: Store, table: str) -> int:
    """How many rows `table` holds; raises KeyError for a name that is not a table."""
    if table not in table_names(store):
        raise KeyError(table)
    with store._reader() as session:
        statement = sql("schema_table_count", store.dialect).format(table=f'"{table}"')
        return int(session.rows(statement, None)[0][0])


def row_counts(store: Store) -> dict[str, int]:
    """Rows per table, every table of the store."""
    return {name: count_rows(store, name) for name in table_names(store)}


def read_table(store: Store, table: str) -> pa.Table:
    """Every row of `table` as Arrow, in the table's column order; raises KeyError for a
    name that is not a table."""
    if table not in table_names(store):
        raise KeyError(table)
    with store._reader() as session:
        return session.arrow(
            sql("schema_table_rows", store.dialect).format(table=f'"{table}"'), None
        )
