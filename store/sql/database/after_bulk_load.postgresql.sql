-- PostgreSQL only (DuckDB keeps no planner statistics to refresh).
-- After a bulk load: fresh planner statistics for every table (Store.after_bulk_load).
ANALYZE;
