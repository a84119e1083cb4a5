-- Rows of one table; {table} is a quoted name checked against schema_tables.sql
-- (store.tables.count_rows).
SELECT count(*) FROM {table};
