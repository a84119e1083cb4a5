-- Reports in the review states $states (of plan $plan, or of every plan not archived),
-- oldest upload first: the cán bộ's list of what to approve or return.
SELECT r.report_id, p.code AS plan, coalesce(u.name, 'Nhiều đơn vị') AS unit, r.file_name,
       r.uploaded_by, r.uploaded_at, r.reported_on, r.row_count, r.warnings,
       r.review_state, r.review_reason, r.reviewed_by, r.reviewed_at
FROM report r
JOIN plan p ON p.plan_id = r.plan_id
LEFT JOIN unit u ON u.unit_id = r.unit_id
WHERE list_contains($states, r.review_state) AND r.withdrawn_at IS NULL
  AND (p.code = $plan OR ($plan IS NULL AND NOT p.archived))
ORDER BY r.uploaded_at, r.report_id;
