-- PostgreSQL: rows are told apart by ctid, where DuckDB uses rowid.
-- Step 1 of 3 (see report_rows_supersede_prepare.sql beside this file): the ctid stays put
-- until step 2 of the same transaction updates the rows.
CREATE TEMP TABLE supersede_next ON COMMIT DROP AS
SELECT rr.ctid AS row_ref,
       lead(r.reported_on) OVER (
           PARTITION BY rr.task_id, rr.unit_id, rr.period
           ORDER BY r.reported_on, r.uploaded_at, r.report_id, rr.row_no
       ) AS next_on
FROM report_row rr
JOIN report r ON r.report_id = rr.report_id
JOIN (SELECT DISTINCT task_id, unit_id, period FROM report_row
      WHERE report_id = ANY($report_ids)) touched
  ON touched.task_id = rr.task_id AND touched.unit_id = rr.unit_id
 AND touched.period = rr.period
WHERE report_counts(r.withdrawn_at, r.review_state);
