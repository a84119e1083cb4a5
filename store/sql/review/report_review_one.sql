-- One report as the review sees it; no row for an unknown id.
SELECT r.report_id, p.code AS plan, r.unit_id, coalesce(u.name, 'Nhiều đơn vị') AS unit,
       r.file_name, r.review_state, r.review_reason, r.withdrawn_at
FROM report r
JOIN plan p ON p.plan_id = r.plan_id
LEFT JOIN unit u ON u.unit_id = r.unit_id
WHERE r.report_id = $report_id;
