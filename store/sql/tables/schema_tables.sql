-- The tables of the store's schema (DuckDB's "main", PostgreSQL's "public").
SELECT table_name
FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
ORDER BY table_name;
