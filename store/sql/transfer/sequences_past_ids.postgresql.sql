-- PostgreSQL only: DuckDB's copy (migrate-store) goes one way, into PostgreSQL.
-- After rows were copied in with their ids: every sequence a column's default draws from
-- restarts past the largest id of that column (store.transfer).
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT table_name, column_name,
               substring(column_default FROM 'nextval\(''([^'']+)''') AS seq
        FROM information_schema.columns
        WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'
    LOOP
        EXECUTE format('SELECT setval(%L, coalesce((SELECT max(%I) FROM %I), 0) + 1, false)',
                       r.seq, r.column_name, r.table_name);
    END LOOP;
END
$$;
