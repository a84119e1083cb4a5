-- Past uploads that report for the units $unit_ids, newest first (withdrawn ones marked).
SELECT r.report_id, p.code AS plan, r.file_name, u.name AS unit, r.unit_id, r.uploaded_by,
       r.uploaded_at, r.reported_on, r.row_count, r.warnings, r.withdrawn_at,
       r.review_state, r.review_reason, r.reviewed_at
FROM report r
JOIN plan p ON p.plan_id = r.plan_id
JOIN unit u ON u.unit_id = r.unit_id
WHERE list_contains($unit_ids, r.unit_id)
ORDER BY r.uploaded_at DESC, r.report_id DESC;
