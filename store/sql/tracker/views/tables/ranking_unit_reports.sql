-- Reports received from one unit up to the as-of date, newest first: its own files and
-- consolidated files holding rows for it (with how many rows are its). Withdrawn
-- reports and those waiting for review or returned are listed too, marked, so "we sent it"
-- can be checked against what was counted.
SELECT r.report_id, p.code AS plan, r.file_name, r.reported_on, r.uploaded_at,
       r.uploaded_by, count(*) AS unit_rows, r.withdrawn_at IS NOT NULL AS withdrawn,
       r.review_state
FROM report_row rr
JOIN report r ON r.report_id = rr.report_id
JOIN plan p ON p.plan_id = r.plan_id
WHERE rr.unit_id = $unit
  AND r.reported_on <= $as_of
  AND (p.code = $plan OR ($plan IS NULL AND NOT p.archived))
GROUP BY r.report_id, p.code, r.file_name, r.reported_on, r.uploaded_at, r.uploaded_by,
         r.withdrawn_at, r.review_state
ORDER BY r.reported_on DESC, r.uploaded_at DESC, r.report_id DESC;
