-- PostgreSQL: rows are told apart by ctid, where DuckDB uses rowid.
-- Step 2 of 3: write the dates computed by report_rows_supersede_prepare.
UPDATE report_row AS t SET superseded_on = n.next_on
FROM supersede_next n
WHERE t.ctid = n.row_ref AND t.superseded_on IS DISTINCT FROM n.next_on;
