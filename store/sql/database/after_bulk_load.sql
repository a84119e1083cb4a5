-- After a bulk load: DuckDB keeps its statistics as it writes (Store.after_bulk_load).
SELECT 1;
