-- Rows of one table; {table} is a quoted name checked against store_tables.sql
-- (store.tables.count_rows).
SELECT count(*) FROM {table};
