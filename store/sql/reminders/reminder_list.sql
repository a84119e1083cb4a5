-- The letters recorded, newest first: of plan $plan (all when NULL), unit $unit (all when
-- NULL), at most $row_limit (all when NULL).
SELECT r.reminder_id, p.code AS plan, r.unit_id, u.name AS unit, r.as_of, r.made_at,
       r.made_by, r.number, r.result, r.recipients, r.detail, r.obligations
FROM reminder r
JOIN plan p ON p.plan_id = r.plan_id
JOIN unit u ON u.unit_id = r.unit_id
WHERE ($plan IS NULL OR p.code = $plan) AND ($unit IS NULL OR r.unit_id = $unit)
ORDER BY r.made_at DESC, r.reminder_id DESC
LIMIT $row_limit;
