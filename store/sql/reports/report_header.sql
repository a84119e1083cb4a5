-- One upload's header: what the audit trail records before and after a withdrawal.
SELECT r.report_id, p.code AS plan, r.unit_id, r.file_name, r.sha256,
       r.withdrawn_at IS NOT NULL AS withdrawn, r.withdrawn_by
FROM report r
JOIN plan p ON p.plan_id = r.plan_id
WHERE r.report_id = $report_id;
