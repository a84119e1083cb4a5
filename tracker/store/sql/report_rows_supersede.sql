-- Recompute superseded_on for every obligation that the reports $report_ids touch; run in
-- the same transaction as each write that adds, withdraws or reinstates reports. Rows of
-- withdrawn reports keep a stale value: the status never reads them.
UPDATE report_row AS t SET superseded_on = s.next_on
FROM (
    SELECT rr.rowid AS row_ref,
           lead(r.reported_on) OVER (
               PARTITION BY rr.task_id, rr.unit_id, rr.period
               ORDER BY r.reported_on, r.uploaded_at, r.report_id, rr.row_no
           ) AS next_on
    FROM report_row rr
    JOIN report r ON r.report_id = rr.report_id
    JOIN (SELECT DISTINCT task_id, unit_id, period FROM report_row
          WHERE list_contains($report_ids, report_id)) touched
      ON touched.task_id = rr.task_id AND touched.unit_id = rr.unit_id
     AND touched.period = rr.period
    WHERE r.withdrawn_at IS NULL
) s
WHERE t.rowid = s.row_ref;
