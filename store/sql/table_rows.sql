-- Every row of one table; {table} is a quoted name checked against store_tables.sql
-- (store.tables.read_table).
SELECT * FROM {table};
