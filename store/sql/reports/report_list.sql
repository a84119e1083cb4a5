-- Past uploads of a plan, newest first, for the upload page and the command line.
SELECT r.report_id, r.file_name, coalesce(u.name, 'Nhiều đơn vị') AS unit, r.unit_id,
       r.uploaded_by, r.uploaded_at, r.reported_on, r.row_count, r.warnings,
       r.sha256, r.size_bytes, r.withdrawn_at, r.withdrawn_by, r.review_state
FROM report r
JOIN plan p ON p.plan_id = r.plan_id
LEFT JOIN unit u ON u.unit_id = r.unit_id
WHERE p.code = $plan
ORDER BY r.uploaded_at DESC, r.report_id DESC;
