-- Every row of one table; {table} is a quoted name checked against schema_tables.sql
-- (store.tables.read_table).
SELECT * FROM {table};
