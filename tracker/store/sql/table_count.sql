-- Rows of one table; {table} is a quoted name checked against store_tables.sql
-- (tracker.store.tables.count_rows).
SELECT count(*) FROM {table};
