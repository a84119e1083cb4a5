-- Before migrating (store.database.Store._migrate): nothing on DuckDB, where the
-- file's lock already keeps every other process out.
SELECT 1;
